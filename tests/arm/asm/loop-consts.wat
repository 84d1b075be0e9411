;; A constant no immediate form encodes, used as an operand inside a loop,
;; is made once in the prologue (issue 13, item 3: crc32's 0xedb88320 was
;; movw/movt before each of its eight uses per iteration). See
;; asm-check.sh for the `;;` lines.
;; synth: --bounds=trap
;; expect func0 1 \.word.*0xedb88320
;; expect func0 1 ldr.*\[pc, #
;;   outside a loop it stays at its use
;; expect func1 1 \.word.*0xedb88320
(module
  (func (export "crc") (param $c i32) (param $n i32) (result i32)
    (loop $l
      (local.set $c (i32.xor (i32.shr_u (local.get $c) (i32.const 1)) (i32.const 0xedb88320)))
      (local.set $c (i32.xor (i32.shr_u (local.get $c) (i32.const 1)) (i32.const 0xedb88320)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $c))
  (func (export "once") (param $c i32) (result i32)
    (i32.xor (local.get $c) (i32.const 0xedb88320))))
