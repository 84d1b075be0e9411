;; bounds.wat - the three bounds modes on two memories: a kernel summing
;; 4096 words (for the instruction overhead of each mode) and accesses just
;; inside and just outside each memory.
(module
  (memory $a 1 1)
  (memory $b 1 1)
  (func (export "sum") (result i32) (local $i i32) (local $s i32)
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $i) (i32.const 16384)))
      (local.set $s (i32.add (local.get $s)
        (i32.add (i32.load $a (local.get $i)) (i32.load $b (local.get $i)))))
      (i32.store $b (local.get $i) (local.get $i))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $l)))
    (local.get $s))
  (func (export "last") (result i32) (i32.store $b (i32.const 65532) (i32.const 7)) (i32.load $b (i32.const 65532)))
  (func (export "past") (result i32) (i32.load $b (i32.const 65533)))
  (func (export "wrap") (result i32) (i32.store $b (i32.const 8) (i32.const 9)) (i32.load $b (i32.const 65544))))
