;; state-shared.wat - a fused module (meld's contract) whose state cannot be
;; split into its components' domains: c1's set$1 writes global $g, which
;; c2's get$2 reads, so c1 could change c2's behaviour; and the shared
;; function $bump (it touches no memory: it runs in whichever component's
;; domain calls it) writes global $h. synth compile refuses it by name
;; (core/ABI.md, "State of a fused module"; tests/fused, fused.state-refused).
(module
  (memory $m0 1 1)
  (memory $m1 1 1)
  (memory $m2 1 1)
  (export "memory" (memory $m0))
  (export "memory$1" (memory $m1))
  (export "memory$2" (memory $m2))
  (global $g (mut i32) (i32.const 0))
  (global $h (mut i32) (i32.const 0))
  (func $set (export "set$1") (param i32)
    (i32.store $m1 (i32.const 0) (local.get 0))
    (global.set $g (local.get 0)))
  (func $get (export "get$2") (result i32)
    (i32.store $m2 (i32.const 0) (global.get $g))
    (i32.load $m2 (i32.const 0)))
  (func $bump (export "bump")
    (global.set $h (i32.add (global.get $h) (i32.const 1))))
  (func $run (export "run") (i32.store $m0 (i32.const 0) (i32.const 1)))
)
