;; (x << 16) >> 16 and (x << 24) >> 24, signed or not, are one sxth, sxtb,
;; uxth or uxtb (issue 13, item 3: clang's narrowing of int16/int8 values).
;; Unequal shift counts stay two shifts. See asm-check.sh for the `;;` lines.
;; synth: --bounds=trap
;; expect func0 1 sxth
;; expect func0 0 (lsl|asr)
;; expect func1 1 sxtb
;; expect func2 1 uxth
;; expect func3 1 uxtb
;; expect func3 0 (lsl|lsr)
;; expect func4 0 (sxt|uxt)
;; expect func4 1 lsls
;; expect func4 1 asrs
(module
  (func (export "s16") (param i32) (result i32) (i32.shr_s (i32.shl (local.get 0) (i32.const 16)) (i32.const 16)))
  (func (export "s8") (param i32) (result i32) (i32.shr_s (i32.shl (local.get 0) (i32.const 24)) (i32.const 24)))
  (func (export "u16") (param i32) (result i32) (i32.shr_u (i32.shl (local.get 0) (i32.const 16)) (i32.const 16)))
  (func (export "u8") (param i32) (result i32) (i32.shr_u (i32.shl (local.get 0) (i32.const 24)) (i32.const 24)))
  (func (export "mix") (param i32) (result i32) (i32.shr_s (i32.shl (local.get 0) (i32.const 16)) (i32.const 24))))
