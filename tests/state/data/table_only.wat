;; A table that no instruction changes after M__init: still state (active
;; element segments write it in M__init).
(module
  (type $v (func (result i32)))
  (table 3 3 funcref)
  (elem (i32.const 0) $a $b)
  (func $a (result i32) (i32.const 1))
  (func $b (result i32) (i32.const 2))
  (func (export "call") (param i32) (result i32) (call_indirect (type $v) (local.get 0))))
