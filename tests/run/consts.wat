;; Execution checks of two-instruction constants defined more than once
;; outside loops and made once in the prologue (core/src/arm/isel.c,
;; find_repeated; tests/arm/asm/repeated-consts.wat lists the code): both
;; arms of an if, a value kept across a call through the table (the
;; register is callee-saved or reloaded), and a trap between two uses that
;; still reports its kind; and a global's address, made once per block
;; (global_reg), around a call and before a trap. The inputs come from mutable globals, which the
;; optimizer cannot see through. consts.expected has what wasm-interp
;; (wabt) gives (`wasm-interp consts.wasm --run-all-exports`), in synth
;; run's words.
(module
  (memory 1)
  (type $t (func (param i32) (result i32)))
  (table 1 funcref)
  (elem (i32.const 0) $g)
  (global $x (mut i32) (i32.const 0x7654321))
  (global $one (mut i32) (i32.const 1))
  (global $zero (mut i32) (i32.const 0))
  (global $far (mut i32) (i32.const 65534))
  ;; reached through the table only
  (func $g (param i32) (result i32) (i32.rotl (local.get 0) (i32.const 7)))
  (func $pick (param $x i32) (param $c i32) (result i32)
    (local.set $x (i32.mul (local.get $x) (i32.const 0x01000193)))
    (local.set $x (call_indirect (type $t) (local.get $x) (i32.const 0)))
    (if (result i32) (local.get $c)
      (then (i32.mul (local.get $x) (i32.const 0x01000193)))
      (else (i32.xor (local.get $x) (i32.const 0x01000193)))))
  ;; the first definition in an arm: neither dominates the other
  (func $twice (param $x i32) (param $c i32) (result i32)
    (if (result i32) (local.get $c)
      (then (i32.mul (local.get $x) (i32.const 0x01000193)))
      (else (i32.xor (local.get $x) (i32.const 0x01000193)))))
  (func (export "a_then") (result i32) (call $pick (global.get $x) (global.get $one)))
  (func (export "b_else") (result i32) (call $pick (global.get $x) (global.get $zero)))
  ;; the first use stores, the load between the uses traps: the store stays
  (func (export "c_trap_between") (result i32)
    (i32.store (i32.const 16) (i32.mul (global.get $x) (i32.const 0x01000193)))
    (drop (i32.load (global.get $far)))
    (i32.xor (global.get $x) (i32.const 0x01000193)))
  (func (export "d_after_trap") (result i32) (i32.load (i32.const 16)))
  (func (export "e_table") (result i32)
    (call_indirect (type $t) (i32.const 0x01000193) (global.get $zero)))
  (func (export "f_twice_then") (result i32) (call $twice (global.get $x) (global.get $one)))
  (func (export "g_twice_else") (result i32) (call $twice (global.get $x) (global.get $zero)))
  ;; a global's address made once per block: read, written, read again
  ;; around a call through the table, and written before a trap
  (global $acc (mut i32) (i32.const 100))
  (func (export "h_global_call") (result i32)
    (global.set $acc (i32.add (global.get $acc) (i32.const 5)))
    (global.set $acc (call_indirect (type $t) (global.get $acc) (global.get $zero)))
    (global.set $acc (i32.xor (global.get $acc) (global.get $x)))
    (global.get $acc))
  (func (export "i_global_trap") (result i32)
    (global.set $acc (i32.const 77))
    (drop (i32.load (global.get $far)))
    (global.set $acc (i32.const 78))
    (global.get $acc))
  (func (export "j_global_after") (result i32) (global.get $acc))
  ;; first made in an arm that does not run, then read after the join
  (func (export "k_global_join") (result i32)
    (if (global.get $zero)
      (then (global.set $acc (i32.add (global.get $acc) (i32.const 1)))))
    (i32.add (global.get $acc) (global.get $one))))
