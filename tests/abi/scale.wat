;; scale.wat - float exports called from C through the generated header.
(module
  (func (export "scale") (param $x f32) (param $k f64) (result f32)
    (f32.demote_f64 (f64.mul (f64.promote_f32 (local.get $x)) (local.get $k))))
  (func (export "mix") (param i32 f32 i64 f64) (result f64)
    (f64.add (f64.convert_i64_s (local.get 2))
      (f64.add (local.get 3) (f64.promote_f32 (f32.mul (local.get 1) (f32.convert_i32_s (local.get 0))))))))
