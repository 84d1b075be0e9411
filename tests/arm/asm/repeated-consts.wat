;; A two-instruction constant (movw/movt) defined more than once outside
;; loops, in blocks neither of which dominates the other (so GVN keeps both
;; definitions), is made once in the prologue and shared (issue 13, code
;; size: crc32's 0x01000193 was made three times), and so is a global's
;; address within a block. See asm-check.sh for the
;; `;;` lines; tests/run/consts.wat runs the same shapes.
;; synth: --bounds=trap
;;   both arms of the if use 0x01000193 (one as a mul operand, one as an
;;   eor operand no immediate encodes): one literal-pool word
;; expect func1 1 \.word.*0x01000193
;; expect func1 1 ldr.*\[pc, #
;;   used once: one pair, at its use
;; expect func2 1 \.word.*0x01000193
;;   live across a call, used after it in both arms: still one pair
;; expect func3 1 \.word.*0x01000193
;;   a global read, changed and written in one block: its address made
;;   once; in the other block of the if, made again (not kept live)
;; expect func4 1 \.word[[:space:]]m__global0$
;; expect func4 2 ldr.*\[pc, #
;; synth: --target cortex-m3
;; expect func1 1 \.word.*0x01000193
;; expect func3 1 \.word.*0x01000193
;; expect func4 1 \.word[[:space:]]m__global0$
;; expect func4 2 ldr.*\[pc, #
(module
  (func $g (param i32) (result i32) (i32.rotl (local.get 0) (i32.const 7)))
  (table 1 funcref)
  (elem (i32.const 0) $g)
  (type $t (func (param i32) (result i32)))
  (func (export "twice") (param $x i32) (param $c i32) (result i32)
    (if (result i32) (local.get $c)
      (then (i32.mul (local.get $x) (i32.const 0x01000193)))
      (else (i32.xor (local.get $x) (i32.const 0x01000193)))))
  (func (export "once") (param $x i32) (result i32)
    (i32.mul (local.get $x) (i32.const 0x01000193)))
  (func (export "across") (param $x i32) (param $c i32) (result i32)
    (local.set $x (i32.mul (local.get $x) (i32.const 0x01000193)))
    (local.set $x (call_indirect (type $t) (local.get $x) (i32.const 0)))
    (if (result i32) (local.get $c)
      (then (i32.mul (local.get $x) (i32.const 0x01000193)))
      (else (i32.add (local.get $x) (i32.const 0x01000193)))))
  (global $sp (mut i32) (i32.const 4096))
  (func (export "frame") (param $c i32) (result i32)
    (global.set $sp (i32.sub (global.get $sp) (i32.const 64)))
    (if (local.get $c)
      (then (global.set $sp (i32.add (global.get $sp) (i32.const 64)))))
    (local.get $c)))
