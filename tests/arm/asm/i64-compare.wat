;; i64 compares feeding selects and branches set the flags there (no 0/1
;; value and `cmp #0`): cmp lo; sbcs hi for the orders, cmp lo; it eq;
;; cmpeq hi for equality; i64 and/or/xor fold a high word known to be zero
;; (issue 13, item 3). See asm-check.sh for the `;;` lines.
;; synth: --bounds=trap
;; expect func0 0 cmp(\.w)?[[:space:]]+[a-z0-9]+, #0$
;; expect func0 1 ^[^;]*cmp[[:space:]]+(r[0-9]+|ip), r[0-9]+$
;; expect func0 1 sbcs
;; expect func0 0 #1$
;; expect func1 0 cmp(\.w)?[[:space:]]+[a-z0-9]+, #0$
;; expect func1 1 sbcs
;; expect func2 0 cmp(\.w)?[[:space:]]+[a-z0-9]+, #0$
;; expect func3 0 cmp(\.w)?[[:space:]]+[a-z0-9]+, #0$
;; expect func3 0 eor
;; expect func3 1 cmpeq[[:space:]]+r[0-9]+, r[0-9]+$
;; expect func4 0 cmp(\.w)?[[:space:]]+[a-z0-9]+, #0$
;; expect func4 0 cbn?z
;; expect func4 1 sbcs
;;   x | zext(y): one orr, the high word passes; x & zext(y): one and, high 0
;; expect func5 1 orr
;; expect func5 0 #0$
;; expect func6 1 and
;; expect func6 1 movs?[[:space:]]+r1, #0$
;;   x & 0xff: an immediate and, the high word 0
;; expect func7 1 and(\.w)?[[:space:]]+r[0-9]+, r[0-9]+, #255
;; expect func7 1 movs?[[:space:]]+r1, #0$
;;   x ^ load32_u: one eor, high word passes
;; expect func8 1 eor
(module
  (memory 1)
  (func (export "sel64") (param i64 i64 i32 i32) (result i32)
    (select (local.get 2) (local.get 3) (i64.lt_s (local.get 0) (local.get 1))))
  (func (export "selu") (param i64 i64 i32 i32) (result i32)
    (select (local.get 2) (local.get 3) (i64.ge_u (local.get 0) (local.get 1))))
  (func (export "sel32") (param i32 i32 i32 i32) (result i32)
    (select (local.get 2) (local.get 3) (i32.lt_s (local.get 0) (local.get 1))))
  (func (export "seleq") (param i64 i64 i64 i64) (result i64)
    (select (local.get 2) (local.get 3) (i64.eq (local.get 0) (local.get 1))))
  ;; the compare and its branch apart: still fused
  (func (export "br64") (param i64 i64) (param $p i32) (result i32)
    (local i32)
    (local.set 3 (i64.gt_u (local.get 0) (local.get 1)))
    (i32.store (local.get $p) (i32.wrap_i64 (local.get 0)))
    (if (result i32) (local.get 3) (then (i32.const 7)) (else (i32.const 9))))
  (func (export "or0") (param i64 i32) (result i64)
    (i64.or (local.get 0) (i64.extend_i32_u (local.get 1))))
  (func (export "and0") (param i64 i32) (result i64)
    (i64.and (local.get 0) (i64.extend_i32_u (local.get 1))))
  (func (export "andc") (param i64) (result i64)
    (i64.and (local.get 0) (i64.const 0xff)))
  (func (export "xorl") (param i64 i32) (result i64)
    (i64.xor (local.get 0) (i64.load32_u (local.get 1)))))
