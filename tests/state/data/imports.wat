;; A module whose memory, table and globals all come from imports: its own
;; state is one mutable global.
(module
  (import "env" "mem" (memory 1))
  (import "env" "tab" (table 1 funcref))
  (import "env" "g" (global $g (mut i32)))
  (global $own (mut i32) (i32.const 3))
  (func (export "f") (result i32)
    (global.set $g (i32.add (global.get $g) (global.get $own)))
    (i32.load (i32.const 0))))
