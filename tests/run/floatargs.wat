;; Float arguments of `synth run --invoke` (core/cli/run.c): each is passed
;; to the compiled function as its bits, whatever the decimal looks like
;; in C ("2" is not a float literal with an f suffix; inf and nan are not
;; literals at all).
(module
  (func (export "bits32") (param f32) (result i32) (i32.reinterpret_f32 (local.get 0)))
  (func (export "bits64") (param f64) (result i64) (i64.reinterpret_f64 (local.get 0))))
