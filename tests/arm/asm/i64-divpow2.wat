;; i64.div_s and i64.rem_s by a power of two are a biased arithmetic shift
;; and a mask, inline (no synth_rt_i64_div_s/rem_s call): Q16.16 code
;; divides by 2^k (issue 13, fixmath). Edge cases run in tests/run/intops.wat.
;; See asm-check.sh for the `;;` lines.
;; synth: --bounds=none
;;   x / 16384: sign, bias, add, adc, three shift instructions, bx lr
;; expect func0 0 bl[[:space:]]
;; expect func0 1 asrs?(\.w)?[[:space:]]+r[0-9]+, r1, #31
;; expect func0 1 lsrs?(\.w)?[[:space:]]+r[0-9]+, r[0-9]+, #18
;; expect func0 1 adds
;; expect func0 1 adc
;; expect func0 8 ^[[:space:]]+[0-9a-f]+:
;; expect func1 0 bl[[:space:]]
;; expect func1 1 sbc
;; expect func2 0 bl[[:space:]]
;; expect func3 0 bl[[:space:]]
;;   a divisor that is not a power of two, or negative, below 2^16 in
;;   magnitude: three udivs (asm/div-const.wat), no call either
;; expect func4 0 bl[[:space:]]
;; expect func4 3 udiv
;; expect func5 0 bl[[:space:]]
;; expect func5 3 udiv
(module
  (func (export "div14") (param i64) (result i64)
    (i64.div_s (local.get 0) (i64.const 16384)))
  (func (export "rem14") (param i64) (result i64)
    (i64.rem_s (local.get 0) (i64.const 16384)))
  (func (export "div32") (param i64) (result i64)
    (i64.div_s (local.get 0) (i64.const 0x100000000)))
  (func (export "rem40") (param i64) (result i64)
    (i64.rem_s (local.get 0) (i64.const 0x10000000000)))
  (func (export "div655") (param i64) (result i64)
    (i64.div_s (local.get 0) (i64.const 655)))
  (func (export "divneg") (param i64) (result i64)
    (i64.div_s (local.get 0) (i64.const -16384))))
