;; A branch on x >u 2^k - 1 (or x <=u 2^k - 1) in a block that also makes
;; x >> k (i64) tests the shifted value for zero (orrs of its words, one
;; instruction) instead of cmp and sbcs on x, and x dies at the shift
;; (clang's `while (bit) ... bit >>= 2` is `bit > 3`: fixmath's integer
;; square root, core/src/arm/isel.c shifted_test). Runs in
;; tests/run/shiftloop.wat. See asm-check.sh for the `;;` lines.
;; synth: --bounds=none
;;   > 3 with >> 2: orrs, no sbcs
;; expect func0 0 sbcs
;; expect func0 1 orrs
;;   <= 15 with >> 4: orrs, no sbcs
;; expect func1 0 sbcs
;; expect func1 1 orrs
;;   > 3 with >> 3: not the same test, cmp and sbcs
;; expect func2 1 sbcs
;; expect func2 0 orrs
(module
  (func (export "gt3") (param $b i64) (result i32)
    (local $n i32) (local $t i64)
    (loop $l
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (local.set $t (local.get $b))
      (local.set $b (i64.shr_u (local.get $b) (i64.const 2)))
      (br_if $l (i64.gt_u (local.get $t) (i64.const 3))))
    (i32.add (local.get $n) (i32.wrap_i64 (local.get $b))))
  (func (export "le15") (param $b i64) (result i32)
    (local $n i32) (local $t i64)
    (block $out
      (loop $l
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (local.set $t (local.get $b))
        (local.set $b (i64.shr_u (local.get $b) (i64.const 4)))
        (br_if $out (i64.le_u (local.get $t) (i64.const 15)))
        (br $l)))
    (i32.add (local.get $n) (i32.wrap_i64 (local.get $b))))
  (func (export "gt3by3") (param $b i64) (result i32)
    (local $n i32) (local $t i64)
    (loop $l
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (local.set $t (local.get $b))
      (local.set $b (i64.shr_u (local.get $b) (i64.const 3)))
      (br_if $l (i64.gt_u (local.get $t) (i64.const 3))))
    (i32.add (local.get $n) (i32.wrap_i64 (local.get $b)))))
