;; listing.wat - a small module for the --emit=asm test (listing-test.cmake):
;; a bounds-checked load (a trap stub, `udf #5`), a loop (local
;; branches), a global (MOVW/MOVT of a symbol), a call, float arithmetic
;; (VFP on FPU cores, runtime helpers elsewhere), a re-exported import
;; (a B.W thunk) and a br_table (a TBH jump table, data between code).
(module $listing
  (import "env" "tick" (func $tick (param i32)))
  (memory 1 1)
  (global $count (mut i32) (i32.const 0))
  (func $sum (export "sum") (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $s (i32.add (local.get $s) (i32.load (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (global.set $count (i32.add (global.get $count) (i32.const 1)))
    (call $tick (local.get $s))
    (local.get $s))
  (func (export "scale") (param $x f32) (param $y f32) (result f32)
    (f32.add (f32.mul (local.get $x) (local.get $y)) (f32.const 0.5)))
  (func (export "twice") (param $n i32) (result i32)
    (i32.add (call $sum (local.get $n)) (call $sum (local.get $n))))
  (func (export "pick") (param $k i32) (result i32)
    (block $d (block $c (block $b (block $a
      (br_table $a $b $c $d $b (local.get $k)))
      (return (i32.const 10))) (return (i32.const 20))) (return (i32.const 30)))
    (i32.const 40))
  (export "tick" (func $tick)))
