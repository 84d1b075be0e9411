;; shiftloop.wat - loops whose exit tests x >u 2^k - 1 or x <=u 2^k - 1
;; next to x >> k (core/src/arm/isel.c shifted_test: the zero test of the
;; shifted value), run 1, 2 and up to 32 times over 0, 3, 4, 15, 16, 2^62,
;; 2^63, 2^64 - 1 and between; the same with a shift that is not the
;; test's (>> 3 against > 3); clang's `while (bit > v) bit >>= 2` with
;; the shift before the test (isel.c sink_to_edges); and two conditional adds on one compare
;; (core/src/ir/fold.c cond_add, i32 and i64, the second's select of 0 at
;; a moved position) over 0, 1, -1, INT_MIN/INT64_MIN, INT_MAX/INT64_MAX.
;; Each export folds its function over the 12 i64 values of the data
;; segment (loaded, so nothing is constant-folded) into one hash;
;; shiftloop.expected is what wasm-interp (wabt 1.0.32) prints for it.
(module
  (memory 1)
  (data (i32.const 0) "\00\00\00\00\00\00\00\00\03\00\00\00\00\00\00\00\04\00\00\00\00\00\00\00\0f\00\00\00\00\00\00\00\10\00\00\00\00\00\00\00\00\00\00\00\00\00\00\40\00\00\00\00\00\00\00\80\ff\ff\ff\ff\ff\ff\ff\ff\01\00\00\00\00\00\00\00\ff\ff\ff\7f\00\00\00\00\00\00\00\80\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\7f\f0\de\bc\9a\78\56\34\12")
  (func $mix (param $h i64) (param $r i64) (result i64)
    (i64.xor (i64.mul (local.get $h) (i64.const 0x100000001b3)) (local.get $r)))
  (func $gt3 (param $b i64) (result i64)
    (local $n i32) (local $t i64)
    (loop $l
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (local.set $t (local.get $b))
      (local.set $b (i64.shr_u (local.get $b) (i64.const 2)))
      (br_if $l (i64.gt_u (local.get $t) (i64.const 3))))
    (i64.add (i64.extend_i32_u (local.get $n)) (i64.shl (local.get $b) (i64.const 8))))
  (func $le15 (param $b i64) (result i64)
    (local $n i32) (local $t i64)
    (block $out
      (loop $l
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (local.set $t (local.get $b))
        (local.set $b (i64.shr_u (local.get $b) (i64.const 4)))
        (br_if $out (i64.le_u (local.get $t) (i64.const 15)))
        (br $l)))
    (i64.add (i64.extend_i32_u (local.get $n)) (i64.shl (local.get $b) (i64.const 8))))
  (func $gt3by3 (param $b i64) (result i64)
    (local $n i32) (local $t i64)
    (loop $l
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (local.set $t (local.get $b))
      (local.set $b (i64.shr_u (local.get $b) (i64.const 3)))
      (br_if $l (i64.gt_u (local.get $t) (i64.const 3))))
    (i64.add (i64.extend_i32_u (local.get $n)) (i64.shl (local.get $b) (i64.const 8))))
  ;; the integer square root of fixmath.c (bit > 3 after bit >> 2, r and v
  ;; carried around by phis)
  (func $isqrt (param $v i64) (result i64)
    (local $r i64) (local $bit i64) (local $t i64)
    (local.set $bit (i64.const 0x4000000000000000))
    (block $b0 (loop $l0
      (br_if $b0 (i64.le_u (local.get $bit) (local.get $v)))
      (local.set $bit (i64.shr_u (local.get $bit) (i64.const 2)))
      (br $l0)))
    (block $done
      (br_if $done (i64.eqz (local.get $bit)))
      (loop $l
        (local.set $t (i64.add (local.get $r) (local.get $bit)))
        (local.set $r (i64.shr_u (local.get $r) (i64.const 1)))
        (if (i64.ge_u (local.get $v) (local.get $t))
          (then (local.set $v (i64.sub (local.get $v) (local.get $t)))
                (local.set $r (i64.add (local.get $r) (local.get $bit)))))
        (local.set $t (local.get $bit))
        (local.set $bit (i64.shr_u (local.get $bit) (i64.const 2)))
        (br_if $l (i64.gt_u (local.get $t) (i64.const 3)))))
    (local.get $r))
  ;; clang's shape of `while (bit > v) bit >>= 2`: the shift before the
  ;; test, the exit reading the old bit (isel.c sink_to_edges)
  (func $shrink (param $v i64) (result i64)
    (local $bit i64) (local $t i64)
    (local.set $bit (i64.const 0x4000000000000000))
    (loop $l
      (local.set $t (local.get $bit))
      (local.set $bit (i64.shr_u (local.get $bit) (i64.const 2)))
      (br_if $l (i64.gt_u (local.get $t) (local.get $v))))
    (local.get $t))
  (func $two32 (param $x i32) (param $y i32) (param $z i32) (param $w i32) (result i32)
    (local $c i32)
    (local.set $c (i32.lt_u (local.get $x) (local.get $y)))
    (i32.xor
      (i32.add (local.get $z) (select (local.get $w) (i32.const 0) (local.get $c)))
      (i32.sub (local.get $x) (select (i32.const 0) (local.get $y) (local.get $c)))))
  (func $two64 (param $x i64) (param $y i64) (param $z i64) (param $w i64) (result i64)
    (local $c i32)
    (local.set $c (i64.lt_s (local.get $x) (local.get $y)))
    (i64.xor
      (i64.add (local.get $z) (select (local.get $w) (i64.const 0) (local.get $c)))
      (i64.sub (local.get $x) (select (i64.const 0) (local.get $y) (local.get $c)))))
  (func $v (param $i i32) (result i64)
    (i64.load (i32.shl (i32.rem_u (local.get $i) (i32.const 12)) (i32.const 3))))
  (func $fold1 (param $f i32) (result i64)
    (local $i i32) (local $h i64) (local $x i64)
    (local.set $h (i64.const 0xcbf29ce484222325))
    (loop $l
      (local.set $x (call $v (local.get $i)))
      (local.set $h (call $mix (local.get $h)
        (if (result i64) (i32.eq (local.get $f) (i32.const 0)) (then (call $gt3 (local.get $x)))
          (else (if (result i64) (i32.eq (local.get $f) (i32.const 1)) (then (call $le15 (local.get $x)))
            (else (if (result i64) (i32.eq (local.get $f) (i32.const 2)) (then (call $gt3by3 (local.get $x)))
              (else (if (result i64) (i32.eq (local.get $f) (i32.const 3)) (then (call $isqrt (local.get $x)))
                (else (call $shrink (local.get $x))))))))))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 12))))
    (local.get $h))
  (func (export "gt3") (result i64) (call $fold1 (i32.const 0)))
  (func (export "le15") (result i64) (call $fold1 (i32.const 1)))
  (func (export "gt3by3") (result i64) (call $fold1 (i32.const 2)))
  (func (export "isqrt") (result i64) (call $fold1 (i32.const 3)))
  (func (export "shrink") (result i64) (call $fold1 (i32.const 4)))
  (func (export "two") (result i64)
    (local $i i32) (local $j i32) (local $h i64) (local $a i64) (local $b i64)
    (local.set $h (i64.const 0xcbf29ce484222325))
    (loop $l
      (local.set $j (i32.const 0))
      (loop $m
        (local.set $a (call $v (local.get $i)))
        (local.set $b (call $v (local.get $j)))
        (local.set $h (call $mix (local.get $h) (i64.extend_i32_u
          (call $two32 (i32.wrap_i64 (local.get $a)) (i32.wrap_i64 (local.get $b))
                       (i32.wrap_i64 (i64.shr_u (local.get $a) (i64.const 32))) (i32.const 7)))))
        (local.set $h (call $mix (local.get $h)
          (call $two64 (local.get $a) (local.get $b) (local.get $b) (local.get $a))))
        (br_if $m (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 1))) (i32.const 12))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 12))))
    (local.get $h)))
