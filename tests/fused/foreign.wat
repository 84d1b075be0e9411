;; foreign.wat - an adapter copying between memory$1 and memory$2 that c0
;; calls: it would run with memories c0 may not reach, so the module cannot
;; be partitioned. Also a function exported for c2 that touches memory$1.
(module
  (memory $m0 1 1)
  (memory $m1 1 1)
  (memory $m2 1 1)
  (export "memory" (memory $m0))
  (export "memory$1" (memory $m1))
  (export "memory$2" (memory $m2))
  (func $copy12 (param i32 i32)
    (memory.copy $m2 $m1 (local.get 0) (local.get 1) (i32.const 16)))
  (func $main (export "main") (param i32)
    (i32.store $m0 (i32.const 0) (local.get 0))
    (call $copy12 (local.get 0) (local.get 0)))
  (func $liar (export "liar$2") (param i32)
    (i32.store $m1 (i32.const 0) (local.get 0)))
)
