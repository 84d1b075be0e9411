;; mixed.wat - the contract's shape, but "peek" loads from memory$1 and
;; memory$2 and copies nothing: no adapter, so the module cannot be
;; partitioned into components. Global $g is set by c0's "ok" and by
;; "peek" (several), $h by nobody.
(module
  (memory $m0 1 1)
  (memory $m1 1 1)
  (memory $m2 1 1)
  (export "memory" (memory $m0))
  (export "memory$1" (memory $m1))
  (export "memory$2" (memory $m2))
  (global $g (mut i32) (i32.const 0))
  (global $h (mut i32) (i32.const 0))
  (func $ok (export "ok") (param i32)
    (i32.store $m0 (i32.const 0) (local.get 0))
    (global.set $g (local.get 0)))
  (func $peek (export "peek$1") (param i32) (result i32)
    (global.set $g (local.get 0))
    (i32.add (i32.load $m1 (local.get 0)) (i32.load $m2 (local.get 0))))
)
