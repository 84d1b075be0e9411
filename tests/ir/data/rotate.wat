;; after: rotate
;; Loop rotation. Both loops are top-tested (`br_if $exit` first, `br`
;; back at the end): after rotation the outer test is made once in b0
;; (the guard) and at the end of the outer body, the inner one in the
;; outer body (the inner guard) and at the end of the inner body; the
;; headers (b3, b6) are left empty. The values the headers defined are
;; read through phis in the bodies and at the exits: the outer exit (b1)
;; reads $s and $i; i * 4 in the inner header does not depend on the inner
;; loop's phis and is copied only into the inner guard. $mem is the shape
;; of clang -O0: the counter lives in memory, so the header loads it; the
;; load is copied into the guard and the latch (a load is never taken as
;; loop-invariant: the body stores to it).
(module
  (memory 1)
  (func (export "f") (param $p i32) (param $n i32) (result i32)
    (local $i i32) (local $j i32) (local $s i32) (local $k i32)
    (block $oexit
      (loop $outer
        (br_if $oexit (i32.ge_s (local.get $i) (local.get $n)))
        (local.set $j (i32.const 0))
        (block $iexit
          (loop $inner
            (local.set $k (i32.mul (local.get $i) (i32.const 4)))
            (br_if $iexit (i32.ge_u (local.get $j) (local.get $k)))
            (local.set $s (i32.add (local.get $s)
              (i32.load (i32.add (local.get $p) (local.get $j)))))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $inner)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $outer)))
    (i32.add (local.get $s) (local.get $i)))
  (func $mem (export "mem") (param $p i32) (param $n i32) (result i32)
    (local $s i32)
    (i32.store (local.get $p) (i32.const 0))
    (block $exit
      (loop $top
        (br_if $exit (i32.ge_s (i32.load (local.get $p)) (local.get $n)))
        (local.set $s (i32.add (local.get $s) (i32.load (local.get $p))))
        (i32.store (local.get $p) (i32.add (i32.load (local.get $p)) (i32.const 1)))
        (br $top)))
    (local.get $s)))
