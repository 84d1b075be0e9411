;; bounds.wat - repeated accesses to one address in one block: a check done
;; for an access may only stand in for a later one that reaches no further
;; (isel keeps the checks of a block). Run by synth and by wasm-interp
;; (replay.sh --oracle); addresses come from mutable globals.
(module
  (memory 1)
  (global $end (mut i32) (i32.const 65534))
  (global $mid (mut i32) (i32.const 100))
  (func (export "narrow_then_wide") (result i32)
    (i32.add (i32.load8_u (global.get $end)) (i32.load (global.get $end))))
  (func (export "wide_then_narrow") (result i32)
    (i32.add (i32.load16_u (global.get $end)) (i32.load8_u (global.get $end))))
  (func (export "store_then_load") (result i32)
    (i32.store (global.get $mid) (i32.const 0x01020304))
    (i32.load16_u (global.get $mid)))
  (func (export "offset_wider") (result i32)
    (i32.add (i32.load16_u (global.get $end)) (i32.load16_u offset=1 (global.get $end))))
  (func (export "grow_between") (result i32)
    (local $a i32)
    (local.set $a (i32.const 65532))
    (drop (i32.load (local.get $a)))
    (drop (memory.grow (i32.const 1)))
    (i32.store (i32.add (local.get $a) (i32.const 4)) (i32.const 7))
    (i32.load (i32.add (local.get $a) (i32.const 4))))
  (func (export "i64_after_i32") (result i64)
    (drop (i32.load (global.get $end)))
    (i64.load (global.get $end))))
