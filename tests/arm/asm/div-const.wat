;; Integer division by constants without the helper call or sdiv (issue 13,
;; fixmath's `qmul(kd, d) / 16` and `qdiv(x, dt)` = (x << 16) / 655):
;; i32.div_s and rem_s by +-2^n are a biased arithmetic shift (sign, add
;; with the sign shifted right, asr; rem: bic and sub; a negative divisor
;; negates the quotient); i64 div and rem by a constant m, 2 <= |m| < 2^16,
;; are three udivs on 16-bit digits of |x|. Edge cases run in
;; tests/run/divconst.wat. See asm-check.sh for the `;;` lines.
;; synth: --bounds=none
;;   x / 16: asrs, add (lsr #28), asrs, bx lr
;; expect func0 0 div[[:space:]]
;; expect func0 1 add(\.w)?[[:space:]]+r0, r0, r[0-9]+, lsr #28
;; expect func0 4 ^[[:space:]]+[0-9a-f]+:
;;   x / 2: the sign bit itself is the bias
;; expect func1 1 add(\.w)?[[:space:]]+r0, r0, r0, lsr #31
;; expect func1 3 ^[[:space:]]+[0-9a-f]+:
;;   x % 16: bic and sub
;; expect func2 0 div[[:space:]]
;; expect func2 1 bic(\.w)?[[:space:]]+r[0-9]+, r[0-9]+, #15
;; expect func3 0 div[[:space:]]
;; expect func3 1 negs|rsb
;;   x / INT_MIN
;; expect func4 0 div[[:space:]]
;;   a divisor that is not a power of two keeps sdiv
;; expect func5 1 sdiv
;;   i64 / 655 signed: magnitude, three udivs and two mls, sign back
;; expect func6 0 bl[[:space:]]
;; expect func6 3 udiv
;; expect func6 2 mls
;; expect func6 2 sbc
;;   i64 % 7 unsigned: three udivs and three mls
;; expect func7 0 bl[[:space:]]
;; expect func7 3 udiv
;; expect func7 3 mls
;;   2^16 + 1 (a digit too wide) and 10^6 still call
;; expect func8 1 bl[[:space:]]+synth_rt_i64_div_u
;; expect func9 1 bl[[:space:]]+synth_rt_i64_rem_s
(module
  (func (export "div16") (param i32) (result i32)
    (i32.div_s (local.get 0) (i32.const 16)))
  (func (export "div2") (param i32) (result i32)
    (i32.div_s (local.get 0) (i32.const 2)))
  (func (export "rem16") (param i32) (result i32)
    (i32.rem_s (local.get 0) (i32.const 16)))
  (func (export "divm8") (param i32) (result i32)
    (i32.div_s (local.get 0) (i32.const -8)))
  (func (export "divmin") (param i32) (result i32)
    (i32.div_s (local.get 0) (i32.const 0x80000000)))
  (func (export "div3") (param i32) (result i32)
    (i32.div_s (local.get 0) (i32.const 3)))
  (func (export "div655") (param i64) (result i64)
    (i64.div_s (local.get 0) (i64.const 655)))
  (func (export "remu7") (param i64) (result i64)
    (i64.rem_u (local.get 0) (i64.const 7)))
  (func (export "divu65537") (param i64) (result i64)
    (i64.div_u (local.get 0) (i64.const 65537)))
  (func (export "rems1e6") (param i64) (result i64)
    (i64.rem_s (local.get 0) (i64.const 1000000))))
