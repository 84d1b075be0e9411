;; Literal pools (issue 13, code size; core/src/arm/branch.c ARM_FIX_LIT,
;; emit.c kconst and movsym): a constant no single MOV/MVN/MOVW makes is one
;; `ldr rd, [pc, #imm]` (16-bit for r0-r7) from a pool word at the function
;; end, a value used twice shares its word; a symbol's address is a pool
;; word with an R_ARM_ABS32 relocation, listed as `.word sym`. Cheap
;; constants keep their single instruction. tests/run/litpool.wat runs
;; pools in functions over 4 KB. See asm-check.sh for the `;;` lines.
;; synth: --bounds=trap
;;   two different constants (one used in both arms, made once): two words, two
;;   16-bit loads, no movw/movt
;; expect func0 2 \.word[[:space:]]0x
;; expect func0 1 \.word[[:space:]]0x12345679$
;; expect func0 2 :[[:space:]]4[89a-f][0-9a-f][0-9a-f][[:space:]]+ldr[[:space:]]r[0-7], \[pc, #
;; expect func0 0 mov[wt]
;;   a modified immediate and a 16-bit value: no pool
;; expect func1 0 \.word
;; expect func1 0 \[pc, #
;; expect func1 1 movw
;;   a global's address: a pool word, relocated
;; expect func2 1 \.word[[:space:]]m__global0$
;; expect func2 0 mov[wt]
;; synth: --target cortex-m3 --bounds=none
;; expect func0 2 \.word[[:space:]]0x
;; expect func2 1 \.word[[:space:]]m__global0$
(module
  (global $g (mut i32) (i32.const 7))
  (func (export "f0") (param $x i32) (param $c i32) (result i32)
    (if (result i32) (local.get $c)
      (then (i32.xor (i32.mul (local.get $x) (i32.const 0x12345679)) (i32.const 0x9abcdef1)))
      (else (i32.add (local.get $x) (i32.const 0x12345679)))))
  (func (export "f1") (param $x i32) (result i32)
    (i32.add (i32.xor (local.get $x) (i32.const 0xff00ff00)) (i32.const 0x1234)))
  (func (export "f2") (param $x i32) (result i32)
    (global.set $g (i32.add (global.get $g) (local.get $x)))
    (global.get $g)))
