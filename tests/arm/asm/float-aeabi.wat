;; Soft-float arithmetic, compares and integer conversions call libgcc's
;; AEABI routines directly (issue 13): synth_rt_f64_add and the like were
;; push/bl __aeabi_dadd/pop wrappers around the very same routines, so the
;; results are the same bits (tests/run/float-soft.wat runs the NaN and
;; rounding cases). f64.ne is !__aeabi_dcmpeq. min/max, rounding, sqrt,
;; demotion/promotion (NaN payloads) and the trapping and saturating
;; conversions stay synth_rt_* helpers. See asm-check.sh for the `;;` lines.
;; synth: --target cortex-m3
;; expect func0 1 bl[[:space:]]+__aeabi_dadd$
;; expect func0 1 bl[[:space:]]+__aeabi_dmul$
;; expect func0 0 synth_rt_f64
;; expect func1 1 bl[[:space:]]+__aeabi_fdiv$
;; expect func1 1 bl[[:space:]]+__aeabi_fsub$
;; expect func2 1 bl[[:space:]]+__aeabi_dcmplt$
;; expect func2 0 synth_rt_f
;; expect func3 1 bl[[:space:]]+__aeabi_dcmpeq$
;; expect func3 1 eor
;; expect func4 1 bl[[:space:]]+__aeabi_l2d$
;; expect func4 1 bl[[:space:]]+__aeabi_ui2f$
;; expect func5 1 bl[[:space:]]+synth_rt_f64_min$
;; expect func5 1 bl[[:space:]]+synth_rt_f64_promote_f32$
;; synth: --target cortex-m4f
;; expect func0 1 bl[[:space:]]+__aeabi_dadd$
;; expect func1 0 bl
;; expect func2 1 bl[[:space:]]+__aeabi_dcmplt$
;; synth: --target cortex-m7dp
;; expect func0 0 bl
;; expect func2 0 bl
(module
  (func (export "dma") (param f64 f64 f64) (result f64) (f64.add (f64.mul (local.get 0) (local.get 1)) (local.get 2)))
  (func (export "fds") (param f32 f32 f32) (result f32) (f32.sub (f32.div (local.get 0) (local.get 1)) (local.get 2)))
  (func (export "dlt") (param f64 f64) (result i32) (f64.lt (local.get 0) (local.get 1)))
  (func (export "dne") (param f64 f64) (result i32) (f64.ne (local.get 0) (local.get 1)))
  (func (export "cvt") (param i64 i32) (result f64)
    (f64.add (f64.convert_i64_s (local.get 0)) (f64.promote_f32 (f32.convert_i32_u (local.get 1)))))
  (func (export "kept") (param f64 f32) (result f64) (f64.min (local.get 0) (f64.promote_f32 (local.get 1)))))
