;; i32.wrap_i64 of an i64 shift chain by constants whose 32-bit window
;; comes from one word is one i32 shift (issue 13, fixmath: clang's
;; `(q16)(((int64_t)q << 32) >> 19 >> 16)` was 6 instructions of
;; 64-bit shifts; core/src/ir/fold.c, wrap_shift). tests/run/wrapshift.wat
;; runs the edge cases. See asm-check.sh for the `;;` lines.
;; synth: --bounds=none
;;   ((x << 32) >>s 19) >>u 16: asr #3 of the low word
;; expect func0 1 asr.*#3
;; expect func0 0 (lsl|lsr|orr)
;;   (x << 32) >>u 12: lsl #20
;; expect func1 1 lsl.*#20
;; expect func1 0 (lsr|orr|asr)
;;   extend_s(y) >>s 40: asr #31 (sign of y)
;; expect func2 1 asr.*#31
;; expect func2 0 (lsl|lsr|orr)
(module
  (func (export "sr") (param i64) (result i32)
    (i32.wrap_i64 (i64.shr_u (i64.shr_s (i64.shl (local.get 0) (i64.const 32)) (i64.const 19)) (i64.const 16))))
  (func (export "u") (param i64) (result i32)
    (i32.wrap_i64 (i64.shr_u (i64.shl (local.get 0) (i64.const 32)) (i64.const 12))))
  (func (export "xs") (param i32) (result i32)
    (i32.wrap_i64 (i64.shr_s (i64.extend_i32_s (local.get 0)) (i64.const 40)))))
