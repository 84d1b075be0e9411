;; Prologue stack checks (core/ABI.md, "Stack checks"; issue 13: the
;; hardware stack limit on cores that have one). On the cortex-m33
;; (ARMv8-M Mainline, MSPLIM/PSPLIM) the default is the hardware check: no
;; prologue reads __synth_stack_limit, the frame is allocated by the push
;; and one sp decrement before anything is stored in it, so the limit
;; catches it. --stack-check=software brings the check back on the m33;
;; the other cores keep it by default. func1 calls (so is checked), func2
;; is a leaf with a small frame (never checked), func3 has a 12-byte frame
;; for outgoing arguments. The software check loads the limit into a
;; pushed r4-r7 (16-bit ldr and cmp) or ip, adds the frame size and
;; compares sp with it, so that a frame of nothing but the push needs no sp
;; arithmetic at all (issue 13, code size). See asm-check.sh.
;; synth: --target cortex-m33
;; expect func1 0 __synth_stack_limit
;; expect func1 0 (bcc|blo|udf)
;; expect func1 1 ^ +0:[[:space:]]+[0-9a-f ]+[[:space:]]push[[:space:]]
;; expect func2 0 __synth_stack_limit
;; synth: --target cortex-m33 --stack-check=hardware
;; expect func1 0 __synth_stack_limit
;; synth: --target cortex-m33 --stack-check=software
;; expect func1 1 \.word[[:space:]]__synth_stack_limit
;; expect func1 1 [[:space:]]bcc
;; expect func1 1 [[:space:]]udf[[:space:]]+#10$
;; expect func2 0 __synth_stack_limit
;; synth: --target cortex-m33 --stack-check=none
;; expect func1 0 __synth_stack_limit
;; synth: --target cortex-m4f
;; expect func1 1 \.word[[:space:]]__synth_stack_limit
;; expect func1 1 [[:space:]]bcc
;; expect func2 0 __synth_stack_limit
;; synth: --target cortex-m3
;; expect func1 1 \.word[[:space:]]__synth_stack_limit
;; expect func1 1 [[:space:]]cmp[[:space:]]+sp, r4$
;; expect func1 0 (sub(\.w)?[[:space:]]+lr, sp|mov[[:space:]]+sp, lr)
;; expect func3 1 [[:space:]]add(\.w)?[[:space:]]+ip, ip, #12$
;; expect func3 1 [[:space:]]cmp[[:space:]]+sp, ip$
;; expect func3 1 [[:space:]]sub[[:space:]]+sp, #12$
;; expect func3 0 mov[[:space:]]+sp, lr
;; synth: --target cortex-m7dp
;; expect func1 1 \.word[[:space:]]__synth_stack_limit
(module
  (import "env" "six" (func $six (param i32 i32 i32 i32 i32 i32) (result i32)))
  (func $down (export "down") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1)))))))
  (func (export "leaf") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "outargs") (param i32) (result i32)
    (call $six (local.get 0) (local.get 0) (local.get 0) (local.get 0) (local.get 0) (local.get 0))))
