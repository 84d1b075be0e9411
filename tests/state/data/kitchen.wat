;; Everything a module can keep outside its memories: two memories, a funcref
;; table that table.grow/table.set change, an externref table, mutable and
;; immutable globals (constants, one read from an import, funcrefs), active,
;; passive and declarative element segments, active and passive data.
(module
  (import "env" "g" (global $ig i32))
  (memory (export "mem") 1 2)
  (memory 1)
  (table $t 2 10 funcref)
  (table $u 1 externref)
  (global $m (mut i32) (i32.const 7))
  (global $c i32 (i32.const 42))
  (global $c64 i64 (i64.const 0x1122334455667788))
  (global $cf f32 (f32.const 1.5))
  (global $cd f64 (f64.const 2.5))
  (global $gg i32 (global.get $ig))
  (global $rf funcref (ref.func $f))
  (global $mrf (mut funcref) (ref.func $f))
  (global $m64 (mut i64) (i64.const -1))
  (elem (table $t) (i32.const 0) func $f)
  (elem $p funcref (ref.func $f) (ref.null func))
  (elem declare func $f)
  (data (memory 0) (i32.const 8) "hello")
  (data $pd "passive")
  (func $f (export "f") (result i32) (i32.add (global.get $m) (global.get $c)))
  (func (export "set") (param i32) (global.set $m (local.get 0)))
  (func (export "grow") (result i32) (table.grow $t (ref.null func) (i32.const 1)))
  (func (export "put") (param i32) (table.set $t (local.get 0) (global.get $rf)))
  (func (export "drop") (data.drop $pd) (elem.drop $p)))
