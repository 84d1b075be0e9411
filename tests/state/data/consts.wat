;; Only constants: no state at all (M__state_size is 0, no state request).
(module
  (global (export "a") i32 (i32.const 1))
  (global (export "b") i64 (i64.const 2))
  (global (export "c") f64 (f64.const 3))
  (func (export "f") (result i32) (global.get 0)))
