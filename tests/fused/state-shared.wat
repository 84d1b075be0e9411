;; state-shared.wat - a fused module (meld's contract) whose state cannot be
;; split into its components' domains: c1's set$1 writes global $g, which
;; c2's get$2 reads, so c1 could change c2's behaviour; and the shared
;; function $bump (it touches no memory: it runs in whichever component's
;; domain calls it) writes global $h; likewise a table c1 writes and c2
;; dispatches through, a data segment c1 drops and c2 reads, a global an
;; adapter writes, and a global c0 writes and a shared function reads (a
;; never-written global two components read, $k, is fine: it goes to the
;; module's read-only section; not $q, which an adapter reads). synth compile refuses it by name
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
  ;; table 0: c1 writes an entry, c2 dispatches through it
  (table $t 2 funcref)
  (type $v (func))
  (func $tset (export "tset$1")
    (i32.store $m1 (i32.const 4) (i32.const 0))
    (table.set $t (i32.const 0) (ref.func $run)))
  (func $tcall (export "tcall$2")
    (i32.store $m2 (i32.const 4) (i32.const 0))
    (call_indirect $t (type $v) (i32.const 0)))
  ;; data segment 0: c1 drops it, c2 initializes its memory from it
  (data $d "abcd")
  (func $ddrop (export "ddrop$1") (i32.store $m1 (i32.const 8) (i32.const 0)) (data.drop $d))
  (func $dinit (export "dinit$2") (memory.init $m2 $d (i32.const 16) (i32.const 0) (i32.const 4)))
  ;; an adapter c1->c2 that writes a global
  (global $a (mut i32) (i32.const 0))
  (func $adapt (export "adapt")
    (memory.copy $m1 $m2 (i32.const 32) (i32.const 32) (i32.const 4))
    (global.set $a (i32.const 1)))
  (func $calls_adapt (export "ca$1") (i32.store $m1 (i32.const 12) (i32.const 0)) (call $adapt))
  ;; global $r: c0 writes it, a shared function reads it
  (global $r (mut i32) (i32.const 7))
  (func $r0 (export "r0") (i32.store $m0 (i32.const 4) (i32.const 0)) (global.set $r (i32.const 1)))
  (func $rs (export "rs") (result i32) (global.get $r))
  ;; global $k: never written, read by c0 and c2: accepted (read-only section)
  (global $k (mut i32) (i32.const 7))
  (func $k0 (export "k0") (i32.store $m0 (i32.const 12) (global.get $k)))
  (func $k2 (export "k2$2") (i32.store $m2 (i32.const 12) (global.get $k)))
  ;; global $q: never written, read by c0 and by the adapter, whose domain
  ;; does not hold the read-only section
  (global $q (mut i32) (i32.const 9))
  (func $q0 (export "q0") (i32.store $m0 (i32.const 16) (global.get $q)))
  (func $adapt_q (export "adapt_q")
    (memory.copy $m1 $m2 (global.get $q) (i32.const 32) (i32.const 4)))
  (func $calls_adapt_q (export "caq$1") (i32.store $m1 (i32.const 16) (i32.const 0)) (call $adapt_q))
)
