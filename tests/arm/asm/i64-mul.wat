;; i64 multiplies of words known to be extended: two sign-extended words
;; (extend_i32_s, a constant in int32 range, a signed narrow load) are one
;; smull, two zero-extended ones one umull (issue 13, item 3: the Q16.16
;; multiply of fixed-point code). See asm-check.sh for the `;;` lines.
;; synth: --bounds=trap
;; expect func0 1 smull
;; expect func0 0 (umull|mla)
;; expect func1 1 smull
;; expect func1 0 (umull|mla)
;; expect func2 1 umull
;; expect func2 0 (smull|mla)
;;   mixed signedness: the full product (umull and the cross products)
;; expect func3 0 smull
;; expect func3 1 umull
(module
  (func (export "qmul") (param i32 i32) (result i32)
    (i32.wrap_i64 (i64.shr_s (i64.mul (i64.extend_i32_s (local.get 0)) (i64.extend_i32_s (local.get 1)))
                             (i64.const 16))))
  (func (export "kmul") (param i32) (result i64)
    (i64.mul (i64.extend_i32_s (local.get 0)) (i64.const -5)))
  (func (export "umul") (param i32 i32) (result i64)
    (i64.mul (i64.extend_i32_u (local.get 0)) (i64.extend_i32_u (local.get 1))))
  (func (export "mixed") (param i32 i32) (result i64)
    (i64.mul (i64.extend_i32_s (local.get 0)) (i64.extend_i32_u (local.get 1)))))
