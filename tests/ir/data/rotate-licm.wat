;; after: licm
;; A rotated loop keeps a preheader (the block between the guard and the
;; body), so LICM still hoists out of it: a * b leaves the loop, into b5.
(module
  (memory 1)
  (func (export "f") (param $p i32) (param $n i32) (param $a i32) (param $b i32) (result i32)
    (local $i i32) (local $s i32)
    (block $exit
      (loop $top
        (br_if $exit (i32.ge_s (local.get $i) (local.get $n)))
        (local.set $s (i32.add (local.get $s) (i32.load (i32.add (local.get $p) (i32.mul (local.get $a) (local.get $b))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $top)))
    (local.get $s)))
