;; after: phi
(module
  ;; $i is read in the inner loop's header before the outer loop is
  ;; sealed: lowering leaves `PHI v26, v25` for it there, itself trivial,
  ;; which the phi pass removes (b4).
  (func (export "f") (param $n i32) (param $k i32) (result i32)
    (local $i i32) (local $j i32) (local $s i32)
    (loop $outer
      (local.set $j (i32.const 0))
      (loop $inner
        (if (i32.and (local.get $j) (i32.const 1))
          (then (local.set $s (i32.add (local.get $s) (local.get $k)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $inner (i32.lt_u (local.get $j) (local.get $n))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $outer (i32.lt_u (local.get $i) (local.get $n))))
    (i32.add (local.get $s) (local.get $k))))
