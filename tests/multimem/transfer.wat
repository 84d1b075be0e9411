;; transfer.wat - a producer memory, a consumer memory and a shared mailbox
;; memory with 1-byte granularity as an integrator would lay them out: the
;; producer writes records, posts them to the mailbox, the consumer checks
;; them. Exercises loads/stores of every width on every memory index.
(module
  (memory $prod 1 1)
  (memory $mbox 1 1)
  (memory $cons 1 1)
  (func $produce (param $n i32) (local $i i32)
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $i) (local.get $n)))
      (i32.store8 $prod (local.get $i) (i32.mul (local.get $i) (i32.const 3)))
      (i32.store16 $prod offset=256 (i32.shl (local.get $i) (i32.const 1)) (i32.mul (local.get $i) (i32.const 1000)))
      (i64.store32 $prod offset=1024 (i32.shl (local.get $i) (i32.const 2)) (i64.extend_i32_u (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l))))
  (func (export "roundtrip") (param $n i32) (result i64) (local $i i32) (local $acc i64)
    (call $produce (local.get $n))
    (memory.copy $mbox $prod (i32.const 0) (i32.const 0) (i32.const 2048))
    (memory.copy $cons $mbox (i32.const 4096) (i32.const 0) (i32.const 2048))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $acc (i64.add (local.get $acc)
        (i64.add (i64.load8_s $cons offset=4096 (local.get $i))
          (i64.add (i64.load16_u $cons offset=4352 (i32.shl (local.get $i) (i32.const 1)))
                   (i64.load32_s $cons offset=5120 (i32.shl (local.get $i) (i32.const 2)))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    (local.get $acc))
  (func (export "run") (result i64) (call 1 (i32.const 200)))
  (func (export "isolated") (result i32)
    ;; writing the producer's memory does not change the consumer's
    (i32.store $prod (i32.const 60000) (i32.const -1))
    (i32.load $cons (i32.const 60000))))
