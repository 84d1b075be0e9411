;; Loops walking memory by a stepped index (core/IR.md, "Pre/post-indexed
;; accesses"; tests/arm/asm/mem-walk.wat shows their code): bytes, halfwords
;; and words, up and down, steps of 1 to 255 and negative ones, loops whose
;; step or count `subs`/`adds` feeds the branch, and, in trap mode, a walk
;; off the end of memory that traps at the first access out, after the
;; stores before it (d_after reads them). Expected values: wasm-interp.
(module
  (memory 1)
  ;; bytes 0..999 = i*7, then the sum of the words at 0..996 step 4
  (func $a (export "a_fill_sum") (result i32)
    (local $p i32) (local $n i32) (local $s i32)
    (local.set $n (i32.const 1000))
    (loop $l
      (i32.store8 (local.get $p) (i32.mul (local.get $p) (i32.const 7)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.set $p (i32.const 0))
    (block $done
      (loop $m
        (br_if $done (i32.ge_u (local.get $p) (i32.const 1000)))
        (local.set $s (i32.add (i32.rotl (local.get $s) (i32.const 3)) (i32.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $m)))
    (local.get $s))
  ;; signed halfwords walked down by 2 from 998, then step 255 bytes up
  (func $b (export "b_down_far") (result i32)
    (local $p i32) (local $s i32)
    (local.set $p (i32.const 998))
    (loop $l
      (local.set $s (i32.add (i32.mul (local.get $s) (i32.const 31)) (i32.load16_s (local.get $p))))
      (local.set $p (i32.sub (local.get $p) (i32.const 2)))
      (br_if $l (i32.ge_s (local.get $p) (i32.const 0))))
    (local.set $p (i32.const 3))
    (loop $m
      (local.set $s (i32.xor (local.get $s) (i32.load8_s (local.get $p))))
      (i32.store8 (local.get $p) (local.get $s))
      (br_if $m (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 255))) (i32.const 1000))))
    (i32.add (local.get $s) (i32.load (i32.const 256))))
  ;; a count that reaches zero through adds (-1 each time) feeding the branch
  (func $c (export "c_adds_count") (result i32)
    (local $p i32) (local $n i32) (local $s i32)
    (local.set $n (i32.const -100))
    (local.set $p (i32.const 2000))
    (loop $l
      (i32.store16 (local.get $p) (local.get $n))
      (local.set $s (i32.add (local.get $s) (i32.load16_u (local.get $p))))
      (local.set $p (i32.add (local.get $p) (i32.const 2)))
      (br_if $l (local.tee $n (i32.add (local.get $n) (i32.const 1)))))
    (i32.add (local.get $s) (i32.load (i32.const 2196))))
;; the three in-bounds walks together (none and mask modes run this)
  (func (export "abc") (result i32)
    (i32.xor (i32.xor (call $a) (call $b)) (call $c)))
  ;; stores walking up to the end of memory: traps at 65536 after the rest
  (func (export "d_off_end") (result i32)
    (local $p i32)
    (local.set $p (i32.const 65504))
    (loop $l
      (i32.store (local.get $p) (local.get $p))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br $l))
    (i32.const 0))
  (func (export "d_after") (result i32)
    (i32.add (i32.load (i32.const 65504)) (i32.load (i32.const 65532))))
)
