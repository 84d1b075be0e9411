;; Prologue stack checks (core/ABI.md, "Stack checks"; issue 13: the
;; hardware stack limit on cores that have one). On the cortex-m33
;; (ARMv8-M Mainline, MSPLIM/PSPLIM) the default is the hardware check: no
;; prologue reads __synth_stack_limit, the frame is allocated by the push
;; and one sp decrement before anything is stored in it, so the limit
;; catches it. --stack-check=software brings the check back on the m33;
;; the other cores keep it by default. func0 calls (so is checked), func1
;; is a leaf with a small frame (never checked). See asm-check.sh.
;; synth: --target cortex-m33
;; expect func0 0 __synth_stack_limit
;; expect func0 0 (bcc|blo|udf)
;; expect func0 1 ^ +0:[[:space:]]+[0-9a-f ]+[[:space:]]push[[:space:]]
;; expect func1 0 __synth_stack_limit
;; synth: --target cortex-m33 --stack-check=hardware
;; expect func0 0 __synth_stack_limit
;; synth: --target cortex-m33 --stack-check=software
;; expect func0 2 __synth_stack_limit
;; expect func0 1 [[:space:]]bcc
;; expect func0 1 [[:space:]]udf[[:space:]]+#10$
;; expect func1 0 __synth_stack_limit
;; synth: --target cortex-m33 --stack-check=none
;; expect func0 0 __synth_stack_limit
;; synth: --target cortex-m4f
;; expect func0 2 __synth_stack_limit
;; expect func0 1 [[:space:]]bcc
;; expect func1 0 __synth_stack_limit
;; synth: --target cortex-m3
;; expect func0 2 __synth_stack_limit
;; synth: --target cortex-m7dp
;; expect func0 2 __synth_stack_limit
(module
  (func $down (export "down") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1)))))))
  (func (export "leaf") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
