;; Execution checks of the cached memory size after calls that may grow
;; memory 0 (issue 13): in trap mode the size is reloaded after such a call
;; only when a later bounds check reads it (arm/isel_mem.c drop_dead_sizes), so
;; the checks after a grow in a branch (a join) and in a loop (a back edge)
;; must compare with the grown size, not pass wrongly or trap wrongly. The
;; addresses come from mutable globals, which the optimizer cannot see
;; through. grow-reload.expected is what wasm-interp (wabt) gives for this
;; module (`wasm-interp grow-reload.wasm --run-all-exports`), in synth run's words.
(module
  (memory 1 4)
  (global $g (mut i32) (i32.const 1))
  (global $hi (mut i32) (i32.const 65536))     ;; the first byte of page 2
  (global $n (mut i32) (i32.const 2))
  (func $grow (param i32) (result i32) (memory.grow (local.get 0)))
  ;; the grow in one arm of an if; the store and load after the join reach
  ;; page 2, in bounds only with the grown size
  (func (export "a_join") (result i32)
    (local $s i32)
    (local.set $s (i32.load (i32.const 0)))
    (if (global.get $g) (then (drop (call $grow (i32.const 1)))))
    (i32.store (global.get $hi) (i32.const 41))
    (i32.add (local.get $s) (i32.load (global.get $hi))))
  ;; grow one page per iteration, then store into it: the check at the top
  ;; of the next iteration reads the size reloaded at the end of this one
  (func (export "b_loop") (result i32)
    (local $i i32) (local $a i32) (local $s i32)
    (local.set $a (i32.add (global.get $hi) (i32.const 65536)))
    (loop $l
      (drop (call $grow (i32.const 1)))
      (i32.store (local.get $a) (i32.add (local.get $i) (i32.const 100)))
      (local.set $s (i32.add (local.get $s) (i32.load (local.get $a))))
      (local.set $a (i32.add (local.get $a) (i32.const 65536)))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (global.get $n))))
    (i32.add (local.get $s) (memory.size)))
  ;; at the maximum (4 pages) the grow fails and page 5 is out: a trap
  (func (export "c_full_trap") (result i32)
    (local $s i32)
    (local.set $s (i32.load (i32.const 0)))
    (if (global.get $g) (then (local.set $s (call $grow (i32.const 1)))))
    (i32.add (local.get $s) (i32.load (i32.mul (global.get $hi) (i32.const 4))))))
