;; after: licm
;; Loop-invariant code motion. In the inner loop, p + a * b is invariant
;; and moves to the inner loop's preheader (b2), and from there, being
;; invariant in the outer loop too, to the outer one's (b0). a / b is
;; invariant but may trap and stays; the load may trap and stays; a << 2
;; is invariant but folds into its user for free and stays; a + 100 is one
;; instruction, cheaper than a register held across the loop, and stays;
;; x * (x + b) depends on the outer loop's x and moves only to the inner
;; preheader (b2).
(module
  (memory 1)
  (func (export "f") (param $p i32) (param $n i32) (param $a i32) (param $b i32) (result i32)
    (local $i i32) (local $j i32) (local $s i32) (local $x i32)
    (loop $outer
      (local.set $j (i32.const 0))
      (loop $inner
        (local.set $s (i32.add (local.get $s)
          (i32.load (i32.add (local.get $p) (i32.mul (local.get $a) (local.get $b))))))
        (local.set $s (i32.add (local.get $s) (i32.div_u (local.get $a) (local.get $b))))
        (local.set $s (i32.xor (local.get $s) (i32.shl (local.get $a) (i32.const 2))))
        (local.set $s (i32.sub (local.get $s) (i32.add (local.get $a) (i32.const 100))))
        (local.set $s (i32.add (local.get $s) (i32.mul (local.get $x) (i32.add (local.get $x) (local.get $b)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $inner (i32.lt_u (local.get $j) (local.get $n))))
      (local.set $x (i32.add (local.get $x) (local.get $s)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $outer (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $s)))
