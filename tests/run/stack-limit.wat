;; stack-limit.wat - call-stack exhaustion caught, recovered from and
;; caught again in one boot (synth run --run-all-exports calls the exports
;; in order). On the mps2-an505 the code has no prologue check (the
;; cortex-m33 default, --stack-check=hardware): MSPLIM raises STKOF and the
;; runtime turns it into the same trap (core/runtime/src/fault.c). The
;; same expected output holds with the software check and on the boards
;; without a stack limit register (tests/run/CMakeLists.txt).
;;   a_runaway  small frames (push only), counting levels in $n: traps
;;   b_depth    saves the depth reached, resets $n: more than 1000 levels
;;   c_runaway  the same again: traps...
;;   d_same     ...at the same depth (the limit was restored, not left at
;;              the bottom of the stack, nor anywhere else)
;;   e_deep     a 1000-deep recursion that returns: the stack is usable
;;   f_big      wider frames (values live across the call: a push of nine
;;              registers and an sp decrement per level): traps (frames of
;;              more than 4 KiB: tests/run/bigframe-rec.sh)
;;   g_deep     and again usable
;;   h_float    recursion through f64 arithmetic (runtime helpers on the
;;              single-precision m33: the overflow may hit inside one): traps
;;   i_deep     and again usable
(module
  (global $n (mut i32) (i32.const 0))
  (global $d1 (mut i32) (i32.const 0))
  (func $run (call $count) (call $run))
  (func $count (global.set $n (i32.add (global.get $n) (i32.const 1))))
  (func $down (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1)))))))
  (func $big (param i32) (result i32)
    (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
    (local.set 1 (i64.extend_i32_u (local.get 0)))
    (local.set 2 (i64.mul (local.get 1) (i64.const 3)))
    (local.set 3 (i64.mul (local.get 2) (i64.const 5)))
    (local.set 4 (i64.mul (local.get 3) (i64.const 7)))
    (local.set 5 (i64.mul (local.get 4) (i64.const 11)))
    (local.set 6 (i64.mul (local.get 5) (i64.const 13)))
    (local.set 7 (i64.mul (local.get 6) (i64.const 17)))
    (local.set 8 (i64.mul (local.get 7) (i64.const 19)))
    (local.set 9 (i64.mul (local.get 8) (i64.const 23)))
    (local.set 10 (i64.mul (local.get 9) (i64.const 29)))
    (local.set 11 (i64.mul (local.get 10) (i64.const 31)))
    (local.set 12 (i64.mul (local.get 11) (i64.const 37)))
    (local.set 13 (i64.mul (local.get 12) (i64.const 41)))
    (local.set 14 (i64.mul (local.get 13) (i64.const 43)))
    (local.set 15 (i64.mul (local.get 14) (i64.const 47)))
    (local.set 16 (i64.mul (local.get 15) (i64.const 53)))
    (i32.add
      (call $big (i32.add (local.get 0) (i32.const 1)))
      (i32.wrap_i64
        (i64.add (local.get 1) (i64.add (local.get 2) (i64.add (local.get 3) (i64.add (local.get 4)
        (i64.add (local.get 5) (i64.add (local.get 6) (i64.add (local.get 7) (i64.add (local.get 8)
        (i64.add (local.get 9) (i64.add (local.get 10) (i64.add (local.get 11) (i64.add (local.get 12)
        (i64.add (local.get 13) (i64.add (local.get 14) (i64.add (local.get 15) (local.get 16)))))))))))))))))))
  (func $float (param f64) (result f64)
    (f64.add (f64.div (local.get 0) (f64.const 3)) (call $float (f64.mul (local.get 0) (f64.const 1.5)))))
  (func (export "a_runaway") (call $run))
  (func (export "b_depth") (result i32)
    (global.set $d1 (global.get $n)) (global.set $n (i32.const 0))
    (i32.gt_u (global.get $d1) (i32.const 1000)))
  (func (export "c_runaway") (call $run))
  (func (export "d_same") (result i32)
    (i32.eq (global.get $n) (global.get $d1)))
  (func (export "e_deep") (result i32) (call $down (i32.const 1000)))
  (func (export "f_big") (result i32) (call $big (i32.const 1)))
  (func (export "g_deep") (result i32) (call $down (i32.const 1000)))
  (func (export "h_float") (result f64) (call $float (f64.const 1)))
  (func (export "i_deep") (result i32) (call $down (i32.const 1000))))
