;; An i32 multiply whose only user is an add, or a subtraction taking it
;; as the subtrahend, in the same block is one mla/mls (issue 13, item 3:
;; dot products, filters). A product read twice, or subtracted from, stays
;; a mul. See asm-check.sh for the `;;` lines.
;; synth: --bounds=trap
;; expect func0 1 ^[^;]*[[:space:]]mla[[:space:]]
;; expect func0 0 (mul|add)
;; expect func1 1 ^[^;]*[[:space:]]mla[[:space:]]
;; expect func2 1 ^[^;]*[[:space:]]mls[[:space:]]
;; expect func2 0 (mul|sub)
;; expect func3 0 (mla|mls)
;; expect func3 1 mul
;; expect func4 0 (mla|mls)
;; expect func4 1 mul
(module
  (func (export "mla") (param i32 i32 i32) (result i32) (i32.add (local.get 0) (i32.mul (local.get 1) (local.get 2))))
  (func (export "mla2") (param i32 i32 i32) (result i32) (i32.add (i32.mul (local.get 1) (local.get 2)) (local.get 0)))
  (func (export "mls") (param i32 i32 i32) (result i32) (i32.sub (local.get 0) (i32.mul (local.get 1) (local.get 2))))
  (func (export "nmls") (param i32 i32 i32) (result i32) (i32.sub (i32.mul (local.get 1) (local.get 2)) (local.get 0)))
  (func (export "twice") (param i32 i32 i32) (result i32)
    (local i32) (local.set 3 (i32.mul (local.get 1) (local.get 2)))
    (i32.xor (i32.add (local.get 0) (local.get 3)) (local.get 3))))
