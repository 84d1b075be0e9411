;; after: shifts
;; i32 shift counts proved below 32 (ir/shifts.c): the loop counter $i runs
;; 0..15, so `x >> i`, `x << i` and `x >>u i` are marked count-ok (no
;; `and #31` before the shift); a count that reaches 32 ($j, 0..32), one
;; from a parameter and an i64 shift are not. Run under QEMU in
;; tests/run/intops.wat (shcount).
(module
  (func (export "f") (param $x i32) (param $n i32) (result i32)
    (local $i i32) (local $h i32)
    (loop $l
      (local.set $h (i32.xor (local.get $h)
        (i32.xor (i32.shr_s (local.get $x) (local.get $i))
          (i32.xor (i32.shl (local.get $x) (local.get $i)) (i32.shr_u (local.get $x) (local.get $i))))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 16))))
    (i32.add (local.get $h) (i32.shl (local.get $x) (local.get $n))))
  (func (export "g") (param $x i32) (result i32)
    (local $j i32) (local $h i32)
    (loop $l
      (local.set $h (i32.add (local.get $h) (i32.shr_u (local.get $x) (local.get $j))))
      (br_if $l (i32.le_u (local.tee $j (i32.add (local.get $j) (i32.const 1))) (i32.const 32))))
    (local.get $h))
  (func (export "h") (param $x i64) (param $n i64) (result i64)
    (i64.shl (local.get $x) (i64.and (local.get $n) (i64.const 7)))))
