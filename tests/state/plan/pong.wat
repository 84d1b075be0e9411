;; pong: two pages, a bigger table, mutable globals (tests/state/plan.sh).
(module
  (memory (export "memory") 2 2)
  (table $t 5 funcref)
  (global $acc (mut i32) (i32.const 7))
  (global $scale (mut i32) (i32.const 3))
  (func $triple (param i32) (result i32) (i32.mul (local.get 0) (global.get $scale)))
  (elem (i32.const 4) $triple)
  (type $f (func (param i32) (result i32)))
  ;; add: acc += triple(x) through table entry 4; stores acc at 65536+32
  (func (export "add") (param $x i32) (result i32)
    (global.set $acc (i32.add (global.get $acc) (call_indirect (type $f) (local.get $x) (i32.const 4))))
    (i32.store (i32.const 65568) (global.get $acc))
    (global.get $acc))
  (func (export "grow") (result i32) (table.grow $t (ref.null func) (i32.const 2))))
