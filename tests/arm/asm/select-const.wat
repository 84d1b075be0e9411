;; Selects and i64 compares with constants (issue 13, fixmath's isqrt64):
;; an i64 compare with a constant is `cmp lo, #c; sbcs t, hi, #c` (x > c as
;; x >= c + 1, a constant first mirrored), with no register for it; a select
;; arm that is a MOV/MVN immediate is `it; mov d, #imm`, not a register; a
;; compare read by two selects sets the flags for each (no 0/1 and no
;; `cmp #0`, and the flags it set still hold for the second: compared
;; once); conditional moves on one condition share one IT instruction.
;; Edge cases run in tests/run/intops.wat. See asm-check.sh for the `;;` lines.
;; synth: --bounds=none
;;   x >u 3: cmp #4; sbcs #0; select of two constants: one in a register
;; expect func0 1 cmp(\.w)?[[:space:]]+r0, #4$
;; expect func0 1 sbcs(\.w)?[[:space:]]+r[0-9]+, r1, #0$
;; expect func0 1 mov(cs|cc)(\.w)?[[:space:]]+r0, #
;; expect func0 0 movs?(\.w)?[[:space:]]+r[0-9]+, #3$
;;   -1 <s x (constant first): x >=s 0
;; expect func1 1 cmp(\.w)?[[:space:]]+r0, #0$
;; expect func1 1 sbcs(\.w)?[[:space:]]+r[0-9]+, r1, #0$
;; expect func1 1 ite[[:space:]]+ge$
;;   i64 select (x, 0): one itt, two conditional mov #0
;; expect func2 1 itt[[:space:]]
;; expect func2 2 mov(cs|cc)(\.w)?[[:space:]]+r[0-9]+, #0$
;; expect func2 0 #1$
;;   one compare, two i64 selects: compared once, one IT for four moves
;; expect func3 1 sbcs
;; expect func3 0 #1$
;; expect func3 0 cmp(\.w)?[[:space:]]+r[0-9]+, #0$
;; expect func3 1 [[:space:]]it[et]*[[:space:]]
;;   an i32 select of -2 (an MVN immediate)
;; expect func4 1 mvn(lt|ge)(\.w)?[[:space:]]+r[0-9]+, #1$
(module
  (func (export "gtu3") (param i64) (result i32)
    (select (i32.const 10) (i32.const 20) (i64.gt_u (local.get 0) (i64.const 3))))
  (func (export "nonneg") (param i64) (result i32)
    (select (i32.const 10) (i32.const 20) (i64.lt_s (i64.const -1) (local.get 0))))
  (func (export "selz") (param i64 i64) (result i64)
    (select (local.get 0) (i64.const 0) (i64.lt_u (local.get 0) (local.get 1))))
  (func (export "sel2") (param i64 i64) (result i64)
    (local i32)
    (local.set 2 (i64.lt_u (local.get 0) (local.get 1)))
    (i64.add (select (i64.const 0) (local.get 0) (local.get 2))
             (select (local.get 1) (i64.const 0) (local.get 2))))
  (func (export "selm2") (param i32 i32) (result i32)
    (select (i32.const -2) (local.get 1) (i32.lt_s (local.get 0) (local.get 1)))))
