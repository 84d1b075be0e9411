;; results.wat - synth run prints several results as wasm-interp does
;; (tests/run): `NAME() => TYPE:VALUE, TYPE:VALUE...`, floats as their bits.
(module
  (func (export "four") (result i32 i64 f32 f64)
    i32.const 7 i64.const -2 f32.const 1.5 f64.const -0.25)
  (func (export "pair") (param i32 i32) (result i32 i32)
    local.get 1 local.get 0)
  (func (export "none")))
