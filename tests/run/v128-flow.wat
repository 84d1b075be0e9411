;; v128-flow.wat - a v128 value passed on (local.get of a v128 parameter into
;; a call) has no IR type: the compiler must refuse it by name (exit 3), not
;; compile it with a missing value (a miscompile found while adding the
;; optimizer's passes). A v128 parameter that is never read is fine.
(module
  (func $g (param v128) (result i32) i32.const 1)
  (func (export "f") (param v128) (result i32) (call $g (local.get 0)))
  (func (export "h") (param v128) (result i32) i32.const 7))
