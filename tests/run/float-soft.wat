;; Execution checks of f32/f64 arithmetic, compares and conversions where
;; they are libgcc's AEABI routines called straight from compiled code
;; (cortex-m3: both widths; cortex-m4f: f64; core/src/arm/isel_float.c) and
;; on the FPU elsewhere: NaN results are arithmetic NaNs, canonical in gives
;; canonical out (the sign of a NaN is free, so it is masked off), compares
;; with a NaN are false but ne, -0 and +0 compare equal and keep their
;; signs, integer conversions round to nearest even. Inputs come from
;; mutable globals. float-soft.expected is what wasm-interp (wabt) prints.
(module
  (global $cnan64 (mut i64) (i64.const 0x7ff8000000000000))
  (global $snan64 (mut i64) (i64.const 0xfff0000000000123))
  (global $cnan32 (mut i32) (i32.const 0xffc00000))
  (global $snan32 (mut i32) (i32.const 0x7f800123))
  (global $inf (mut f64) (f64.const inf))
  (global $inf32 (mut f32) (f32.const inf))
  (global $one (mut f64) (f64.const 1))
  (global $one32 (mut f32) (f32.const 1))
  (global $nz (mut f64) (f64.const -0))
  (global $nz32 (mut f32) (f32.const -0))
  (global $big (mut i64) (i64.const -1))
  (global $odd (mut i64) (i64.const 0x0020000000000003))
  (global $i (mut i32) (i32.const -7))
  (func $m64 (param f64) (result i64) (i64.and (i64.reinterpret_f64 (local.get 0)) (i64.const 0x7fffffffffffffff)))
  (func $m32 (param f32) (result i32) (i32.and (i32.reinterpret_f32 (local.get 0)) (i32.const 0x7fffffff)))
  ;; arithmetic NaN: exponent all ones and the quiet bit
  (func $a64 (param f64) (result i32)
    (i64.eq (i64.and (i64.reinterpret_f64 (local.get 0)) (i64.const 0x7ff8000000000000)) (i64.const 0x7ff8000000000000)))
  (func $a32 (param f32) (result i32)
    (i32.eq (i32.and (i32.reinterpret_f32 (local.get 0)) (i32.const 0x7fc00000)) (i32.const 0x7fc00000)))
  ;; canonical NaN (either sign): 4 of 4 each
  (func $c64 (param f64) (result i32) (i64.eq (call $m64 (local.get 0)) (i64.const 0x7ff8000000000000)))
  (func $c32 (param f32) (result i32) (i32.eq (call $m32 (local.get 0)) (i32.const 0x7fc00000)))
  (func (export "a_canonical64") (result i32)
    (i32.add
      (i32.add (call $c64 (f64.add (f64.reinterpret_i64 (global.get $cnan64)) (global.get $one)))
               (call $c64 (f64.mul (global.get $one) (f64.reinterpret_i64 (global.get $cnan64)))))
      (i32.add (call $c64 (f64.sub (global.get $inf) (global.get $inf)))
               (call $c64 (f64.div (global.get $nz) (global.get $nz))))))
  (func (export "b_canonical32") (result i32)
    (i32.add
      (i32.add (call $c32 (f32.add (f32.reinterpret_i32 (global.get $cnan32)) (global.get $one32)))
               (call $c32 (f32.mul (global.get $one32) (f32.reinterpret_i32 (global.get $cnan32)))))
      (i32.add (call $c32 (f32.sub (global.get $inf32) (global.get $inf32)))
               (call $c32 (f32.div (global.get $nz32) (global.get $nz32))))))
  (func (export "c_arithmetic") (result i32)
    (i32.add
      (i32.add (call $a64 (f64.add (f64.reinterpret_i64 (global.get $snan64)) (global.get $one)))
               (call $a64 (f64.div (global.get $one) (f64.reinterpret_i64 (global.get $snan64)))))
      (i32.add (call $a32 (f32.sub (f32.reinterpret_i32 (global.get $snan32)) (global.get $one32)))
               (call $a32 (f32.mul (global.get $one32) (f32.reinterpret_i32 (global.get $snan32)))))))
  ;; compares packed into bits: eq ne lt gt le ge, with a NaN, with -0/+0, 1 vs 2
  (func $cmp64 (param f64 f64) (result i32)
    (i32.or (i32.or (i32.or (f64.eq (local.get 0) (local.get 1)) (i32.shl (f64.ne (local.get 0) (local.get 1)) (i32.const 1)))
                    (i32.or (i32.shl (f64.lt (local.get 0) (local.get 1)) (i32.const 2)) (i32.shl (f64.gt (local.get 0) (local.get 1)) (i32.const 3))))
            (i32.or (i32.shl (f64.le (local.get 0) (local.get 1)) (i32.const 4)) (i32.shl (f64.ge (local.get 0) (local.get 1)) (i32.const 5)))))
  (func $cmp32 (param f32 f32) (result i32)
    (i32.or (i32.or (i32.or (f32.eq (local.get 0) (local.get 1)) (i32.shl (f32.ne (local.get 0) (local.get 1)) (i32.const 1)))
                    (i32.or (i32.shl (f32.lt (local.get 0) (local.get 1)) (i32.const 2)) (i32.shl (f32.gt (local.get 0) (local.get 1)) (i32.const 3))))
            (i32.or (i32.shl (f32.le (local.get 0) (local.get 1)) (i32.const 4)) (i32.shl (f32.ge (local.get 0) (local.get 1)) (i32.const 5)))))
  (func (export "d_compares64") (result i32)
    (i32.or (i32.or (call $cmp64 (f64.reinterpret_i64 (global.get $cnan64)) (global.get $one))
                    (i32.shl (call $cmp64 (global.get $one) (f64.reinterpret_i64 (global.get $snan64))) (i32.const 6)))
            (i32.or (i32.shl (call $cmp64 (global.get $nz) (f64.const 0)) (i32.const 12))
                    (i32.shl (call $cmp64 (global.get $one) (f64.add (global.get $one) (global.get $one))) (i32.const 18)))))
  (func (export "e_compares32") (result i32)
    (i32.or (i32.or (call $cmp32 (f32.reinterpret_i32 (global.get $cnan32)) (global.get $one32))
                    (i32.shl (call $cmp32 (global.get $one32) (f32.reinterpret_i32 (global.get $snan32))) (i32.const 6)))
            (i32.or (i32.shl (call $cmp32 (global.get $nz32) (f32.const 0)) (i32.const 12))
                    (i32.shl (call $cmp32 (global.get $one32) (f32.add (global.get $one32) (global.get $one32))) (i32.const 18)))))
  ;; -0 + -0 is -0, -0 - -0 is +0, -0 * 2 is -0
  (func (export "f_zeros") (result i64)
    (i64.xor (i64.xor (i64.reinterpret_f64 (f64.add (global.get $nz) (global.get $nz)))
                      (i64.shl (i64.reinterpret_f64 (f64.sub (global.get $nz) (global.get $nz))) (i64.const 1)))
             (i64.extend_i32_u (i32.reinterpret_f32 (f32.mul (global.get $nz32) (f32.const 2))))))
  ;; conversions rounding to nearest even
  (func (export "g_convert") (result i64)
    (i64.xor
      (i64.xor (i64.reinterpret_f64 (f64.convert_i64_u (global.get $big)))
               (i64.rotl (i64.reinterpret_f64 (f64.convert_i64_s (global.get $odd))) (i64.const 13)))
      (i64.xor (i64.extend_i32_u (i32.reinterpret_f32 (f32.convert_i64_u (global.get $big))))
               (i64.rotl (i64.extend_i32_u (i32.reinterpret_f32 (f32.convert_i64_s (global.get $odd)))) (i64.const 29)))))
  (func (export "h_convert32") (result i64)
    (i64.xor (i64.reinterpret_f64 (f64.convert_i32_s (global.get $i)))
      (i64.xor (i64.reinterpret_f64 (f64.convert_i32_u (global.get $i)))
        (i64.extend_i32_u (i32.xor (i32.reinterpret_f32 (f32.convert_i32_s (global.get $i)))
                                   (i32.rotl (i32.reinterpret_f32 (f32.convert_i32_u (global.get $i))) (i32.const 3))))))))
