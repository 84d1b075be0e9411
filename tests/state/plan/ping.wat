;; ping: one memory, a funcref table, mutable globals (tests/state/plan.sh).
(module
  (memory (export "memory") 1 1)
  (table $t 3 8 funcref)
  (global $count (mut i32) (i32.const 100))
  (global $wide (mut i64) (i64.const -2))
  (func $one (result i32) (i32.const 1))
  (func $two (result i32) (i32.const 2))
  (elem (i32.const 0) $one $two)
  ;; bump: count += table[i](); stores count at address 16; returns count
  (func (export "bump") (param $i i32) (result i32)
    (global.set $count (i32.add (global.get $count) (call_indirect (result i32) (local.get $i))))
    (i32.store (i32.const 16) (global.get $count))
    (global.get $count))
  (func (export "peek") (param $a i32) (result i32) (i32.load (local.get $a))))
