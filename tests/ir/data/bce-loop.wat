;; after: bce
;; Loop versioning (trap mode): a counted single-block loop whose bound is
;; known only at run time gets, in its preheader, one check of the whole
;; range of every access affine in the counter (in i64: no wrap); when it
;; holds, a copy of the loop runs whose accesses need no check (`covered`),
;; otherwise the original loop runs and traps where the program says (its
;; stores before the trap stay visible). Values of the loop used after it
;; meet in a phi of its exit.
;;   sum      s += p[i], i = 0 .. n-1 (i + 1 <u n): one range, p + 4*J + 4;
;;   copy     d[i] = s[i] with two pointers stepping by 2 and a counter
;;            (!= n): one range per pointer;
;; and loops left alone:
;;   branchy  an if in the body: more than one block;
;;   indirect a[b[i]]: the inner load is covered, the outer address is
;;            not affine (the loop is still versioned for b[i]);
;;   signed   i + 1 <s n: not a counted form it takes;
;;   never    a constant trip count whose range ends past the declared
;;            maximum (1 page): the guard could never hold, no copy.
(module
  (memory 1 1)
  (func (export "sum") (param $p i32) (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s)
        (i32.load (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (local.get $s))
  (func (export "copy") (param $d i32) (param $s i32) (param $n i32)
    (local $i i32)
    (loop $l
      (i32.store16 (local.get $d) (i32.load16_u (local.get $s)))
      (local.set $d (i32.add (local.get $d) (i32.const 2)))
      (local.set $s (i32.add (local.get $s) (i32.const 2)))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n)))))
  (func (export "branchy") (param $p i32) (param $n i32)
    (local $i i32)
    (loop $l
      (if (i32.and (local.get $i) (i32.const 1))
        (then (i32.store (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))) (local.get $i))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n)))))
  (func (export "indirect") (param $a i32) (param $b i32) (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s)
        (i32.load (i32.add (local.get $a)
          (i32.load8_u (i32.add (local.get $b) (local.get $i)))))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (local.get $s))
  (func (export "signed") (param $p i32) (param $n i32)
    (local $i i32)
    (loop $l
      (i32.store (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))) (local.get $i))
      (br_if $l (i32.lt_s (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n)))))
  (func (export "never") (param $p i32)
    (local $i i32)
    (loop $l
      (i32.store (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))) (local.get $i))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 20000))))))
