;; viashared.wat - a module in the contract's shape that cannot be made safe
;; (issue 10 item 7): the adapter c1->c2 ($copy12) is reached from c0
;; through a shared function ($relay, touching no memory), so it would copy
;; between c1's and c2's memories on c0's behalf. Shared functions run in
;; their callers' domains, so the adapter counts c0 among its callers and is
;; refused by name, as a direct call from c0 would be.
(module
  (memory $m0 1 1)
  (memory $m1 1 1)
  (memory $m2 1 1)
  (export "memory" (memory $m0))
  (export "memory$1" (memory $m1))
  (export "memory$2" (memory $m2))
  (func $copy12 (param i32)
    (memory.copy $m2 $m1 (local.get 0) (i32.const 0) (i32.const 8)))
  (func $relay (param i32) (call $copy12 (local.get 0)))
  (func $c1 (export "f$1") (i32.store $m1 (i32.const 0) (i32.const 1)) (call $copy12 (i32.const 0)))
  (func $c0 (export "run") (i32.store $m0 (i32.const 0) (i32.const 1)) (call $relay (i32.const 4)))
)
