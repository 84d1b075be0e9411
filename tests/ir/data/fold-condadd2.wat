;; after: fold
;; Two conditional adds on one compare (cond_add in core/src/ir/fold.c):
;; z + (c ? w : 0) and x - (c ? 0 : y) both become selects of a sum. The
;; first rewrite moves the instructions after it one place down; the
;; second must still see its select's 0 as a constant (the recorded
;; positions follow the moved instructions), or it stays a select of 0
;; and a subtract. The i64 form is kept when another select already moves
;; two values on the compare (moving_select): its adds/adc would clobber
;; the flags between them.
(module
  (func (export "two32") (param $x i32) (param $y i32) (param $z i32) (param $w i32) (result i32)
    (local $c i32)
    (local.set $c (i32.lt_u (local.get $x) (local.get $y)))
    (i32.xor
      (i32.add (local.get $z) (select (local.get $w) (i32.const 0) (local.get $c)))
      (i32.sub (local.get $x) (select (i32.const 0) (local.get $y) (local.get $c)))))
  (func (export "two64") (param $x i64) (param $y i64) (param $z i64) (param $w i64) (result i64)
    (local $c i32)
    (local.set $c (i64.lt_u (local.get $x) (local.get $y)))
    (i64.xor
      (i64.add (local.get $z) (select (local.get $w) (i64.const 0) (local.get $c)))
      (i64.sub (local.get $x) (select (i64.const 0) (local.get $y) (local.get $c))))))
