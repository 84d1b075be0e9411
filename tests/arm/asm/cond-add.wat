;; x + (c ? y : 0) is c ? x + y : x (issue 13, fixmath's integer square
;; root; core/src/ir/fold.c, cond_add): an i64 sum then one it and two
;; movs, no select of a zero (`mov #0`) before the add.
;; tests/run/condadd.wat runs the edge cases. See asm-check.sh for the
;; `;;` lines.
;; synth: --bounds=none
;; expect func0 0 mov[a-z]*[[:space:]]+[a-z0-9]+, #0
;; expect func0 1 adc
;; expect func1 0 mov[a-z]*[[:space:]]+[a-z0-9]+, #0
(module
  (func (export "a64") (param i64 i64 i64) (result i64)
    (i64.add (local.get 0) (select (local.get 1) (i64.const 0) (i64.ge_u (local.get 2) (local.get 1)))))
  (func (export "a32") (param i32 i32 i32) (result i32)
    (i32.add (local.get 0) (select (local.get 1) (i32.const 0) (i32.lt_s (local.get 2) (local.get 1))))))
