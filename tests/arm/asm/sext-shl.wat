;; (int64_t)x << k with 1 <= k < 32 of a sign-extended word x (extend_s, a
;; signed narrow load) is asr #(32 - k) for the high word and lsl #k for
;; the low one, without the sign word and the shifts and orr of a general
;; i64 shift (Q16.16's `(int64_t)a * 65536` in fixmath's qdiv, isel_int.c).
;; Edge cases run in tests/run/divconst.wat (i64_shl_sext_*).
;; See asm-check.sh for the `;;` lines.
;; synth: --bounds=none
;;   sext(x) << 16: two instructions and bx lr
;; expect func0 1 asrs?(\.w)?[[:space:]]+r1, r0, #16
;; expect func0 1 lsls?(\.w)?[[:space:]]+r0, r0, #16
;; expect func0 3 ^[[:space:]]+[0-9a-f]+:
;;   << 31: asr #1
;; expect func1 1 asrs?(\.w)?[[:space:]]+r1, r0, #1$
;; expect func1 3 ^[[:space:]]+[0-9a-f]+:
;;   << 32 and a zero-extended word keep the general code
;; expect func2 0 asr
;; expect func3 0 asr
(module
  (func (export "sext16") (param $x i32) (result i64)
    (i64.shl (i64.extend_i32_s (local.get $x)) (i64.const 16)))
  (func (export "sext31") (param $x i32) (result i64)
    (i64.shl (i64.extend_i32_s (local.get $x)) (i64.const 31)))
  (func (export "sext32") (param $x i32) (result i64)
    (i64.shl (i64.extend_i32_s (local.get $x)) (i64.const 32)))
  (func (export "zext16") (param $x i32) (result i64)
    (i64.shl (i64.extend_i32_u (local.get $x)) (i64.const 16))))
