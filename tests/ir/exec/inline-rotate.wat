;; Execution test of inlining (core/src/ir/inline.c) and loop rotation
;; (core/src/ir/rotate.c): every export is run under QEMU by `synth run
;; --run-all-exports` and its output compared with inline-rotate.expected,
;; which wasm-interp (wabt's interpreter) printed for this module (a trap
;; worded as synth run words it: "trap:" for wasm-interp's "error:"). The
;; small functions are inlined where they are called directly; their
;; address is also taken (the table), so the out-of-line copies run too.
(module
  (type $ii (func (param i32) (result i32)))
  (memory 1)
  (data (i32.const 16) "\01\02\03\04\05\06\07\08\09\0a")
  (global $g (mut i32) (i32.const 0))
  (table 2 funcref)
  (elem (i32.const 0) $sq $bump)
  ;; one return
  (func $sq (type $ii) (i32.mul (local.get 0) (local.get 0)))
  ;; three returns: the results meet in a phi
  (func $clamp (param $x i32) (param $hi i32) (result i32)
    (if (i32.gt_s (local.get $x) (local.get $hi)) (then (return (local.get $hi))))
    (if (i32.lt_s (local.get $x) (i32.const 0)) (then (return (i32.const 0))))
    (local.get $x))
  ;; two results (CALLRES), a load
  (func $pair (param $a i32) (result i32 i32)
    (i32.add (local.get $a) (i32.const 1)) (i32.load8_u offset=17 (local.get $a)))
  ;; a side effect on a global and memory
  (func $bump (type $ii)
    (global.set $g (i32.add (global.get $g) (local.get 0)))
    (i32.store (i32.const 64) (global.get $g))
    (global.get $g))
  ;; traps on 0 (division), so the trap happens inside the inlined copy
  (func $div (param $a i32) (param $b i32) (result i32) (i32.div_s (local.get $a) (local.get $b)))
  ;; a small top-tested loop inside a small callee
  (func $sum (param $n i32) (result i32) (local $i i32) (local $s i32)
    (block $e (loop $l
      (br_if $e (i32.ge_s (local.get $i) (local.get $n)))
      (local.set $s (i32.add (local.get $s) (i32.load8_u offset=16 (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    (local.get $s))
  ;; recursive: never inlined
  (func $fact (param $n i64) (result i64)
    (if (result i64) (i64.le_s (local.get $n) (i64.const 1)) (then (i64.const 1))
      (else (i64.mul (local.get $n) (call $fact (i64.sub (local.get $n) (i64.const 1)))))))
  ;; calls through the table
  (func $ind (param $k i32) (param $x i32) (result i32) (call_indirect (type $ii) (local.get $x) (local.get $k)))
  (func (export "calls") (result i32)
    (i32.add (call $sq (i32.const 7))
      (i32.add (call $clamp (i32.const 500) (i32.const 100))
        (i32.add (call $clamp (i32.const -5) (i32.const 100)) (call $clamp (i32.const 42) (i32.const 100))))))
  (func (export "pair3") (result i32) (call $pair (i32.const 3)) (i32.mul (i32.const 1000)) (i32.add))
  (func (export "effects") (result i32)
    (drop (call $bump (i32.const 5)))
    (drop (call $bump (i32.const 6)))
    (i32.add (call $bump (i32.const 7)) (i32.load (i32.const 64))))
  (func (export "div_ok") (result i32) (call $div (i32.const -100) (i32.const 7)))
  (func (export "div_trap") (result i32) (call $div (i32.const 1) (i32.const 0)))
  (func (export "sum10") (result i32) (call $sum (i32.const 10)))
  (func (export "sum0") (result i32) (call $sum (i32.const 0)))
  (func (export "sum_neg") (result i32) (call $sum (i32.const -3)))
  (func (export "fact") (result i64) (call $fact (i64.const 20)))
  (func (export "indirect") (result i32) (i32.add (call $ind (i32.const 0) (i32.const 9)) (call $ind (i32.const 1) (i32.const 1))))
  ;; loops: nested top-tested ones, a header value read after the loop
  (func (export "loops") (result i32) (local $i i32) (local $j i32) (local $s i32) (local $k i32)
    (block $oe (loop $o
      (local.set $k (i32.mul (local.get $i) (i32.const 3)))
      (br_if $oe (i32.ge_u (local.get $i) (i32.const 6)))
      (local.set $j (i32.const 0))
      (block $ie (loop $in
        (br_if $ie (i32.ge_u (local.get $j) (local.get $i)))
        (local.set $s (i32.add (local.get $s) (i32.add (local.get $j) (call $sq (local.get $i)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $in)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $o)))
    (i32.add (i32.mul (local.get $s) (i32.const 100)) (local.get $k)))
  ;; a header value used after a join of the exit and a break (not rotated)
  (func (export "join") (result i32) (local $i i32) (local $x i32)
    (block $j (block $e (loop $l
      (local.set $x (i32.mul (local.get $i) (i32.const 3)))
      (br_if $e (i32.ge_s (local.get $i) (i32.const 50)))
      (br_if $j (i32.eq (local.get $i) (i32.const 4)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l))))
    (local.get $x))
  ;; the counter in memory (clang -O0's shape): the header's load is
  ;; copied to the guard and the latch and must be made again per
  ;; iteration; a run-away loop leaves through $out with -1
  (func (export "memloop") (result i32) (local $s i32)
    (i32.store (i32.const 128) (i32.const 0))
    (block $out
      (block $exit (loop $top
        (br_if $exit (i32.ge_s (i32.load (i32.const 128)) (i32.const 10)))
        (br_if $out (i32.gt_u (local.get $s) (i32.const 100000)))
        (local.set $s (i32.add (local.get $s) (i32.load (i32.const 128))))
        (i32.store (i32.const 128) (i32.add (i32.load (i32.const 128)) (i32.const 1)))
        (br $top)))
      (return (local.get $s)))
    (i32.const -1)))
