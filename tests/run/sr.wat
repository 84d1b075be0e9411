;; Loops whose index the sr pass turns into machine pointers (core/IR.md,
;; "Pointer strength reduction"; tests/ir/data/sr shows the IR): bytes,
;; halfwords, words and i64 walked up and down, steps that are not the
;; access size, an index plus a parameter base, two arrays of one index,
;; a counter beside a pointer, an eq/ne exit test moved onto the pointer,
;; nested loops, a loop calling a function that grows memory, and in trap
;; mode a versioned loop (bound known at run time) whose walk off the end
;; traps at the first access out after the stores before it (w_after
;; reads them). Expected values: wasm-interp (sr.expected); none and mask
;; run the in-bounds exports, none also the index wrapping past 2^32
;; (sr.wrap-none.expected).
(module
  (memory 2 4)
  ;; words at 0..1020 = i*i, read back summed, up
  (func $a (export "a_words_up") (result i32)
    (local $i i32) (local $s i32)
    (loop $l
      (i32.store (i32.shl (local.get $i) (i32.const 2)) (i32.mul (local.get $i) (local.get $i)))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 256))))
    (local.set $i (i32.const 0))
    (loop $m
      (local.set $s (i32.add (i32.rotl (local.get $s) (i32.const 1)) (i32.load (local.get $i))))
      (br_if $m (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 4))) (i32.const 1024))))
    (local.get $s))
  ;; bytes and halfwords walked down by 3 (not the access size), signed
  (func $b (export "b_down_by3") (result i32)
    (local $p i32) (local $s i32)
    (local.set $p (i32.const 1021))
    (loop $l
      (local.set $s (i32.add (i32.mul (local.get $s) (i32.const 31))
        (i32.add (i32.load8_s offset=1 (local.get $p)) (i32.load16_s offset=2 (local.get $p)))))
      (i32.store8 offset=3 (local.get $p) (local.get $s))
      (br_if $l (i32.ne (local.tee $p (i32.sub (local.get $p) (i32.const 3))) (i32.const 1))))
    (local.get $s))
  ;; i64 pairs over two arrays at a parameter base, dst[i] = src[i] * 3 + i
  (func $c (param $dst i32) (param $src i32) (result i64)
    (local $i i32) (local $s i64)
    (loop $l
      (i64.store (i32.add (local.get $src) (local.get $i))
        (i64.mul (i64.extend_i32_u (local.get $i)) (i64.const 0x100000001)))
      (local.set $i (i32.add (local.get $i) (i32.const 8)))
      (br_if $l (i32.ne (local.get $i) (i32.const 400))))
    (local.set $i (i32.const 0))
    (loop $m
      (i64.store offset=8 (i32.add (local.get $dst) (local.get $i))
        (i64.add (i64.mul (i64.load (i32.add (local.get $src) (local.get $i))) (i64.const 3))
                 (i64.const 7)))
      (local.set $i (i32.add (local.get $i) (i32.const 8)))
      (br_if $m (i32.ne (local.get $i) (i32.const 400))))
    (local.set $i (i32.const 0))
    (loop $n
      (local.set $s (i64.xor (i64.rotl (local.get $s) (i64.const 5))
        (i64.load offset=8 (i32.add (local.get $dst) (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 8)))
      (br_if $n (i32.ne (local.get $i) (i32.const 400))))
    (local.get $s))
  (func (export "c_i64") (result i64) (call $c (i32.const 8192) (i32.const 4096)))
  ;; a counter beside a pointer stepping by 6, halfword stores and loads
  (func $d (export "d_counter") (result i32)
    (local $p i32) (local $n i32) (local $s i32)
    (local.set $p (i32.const 3000))
    (local.set $n (i32.const 50))
    (loop $l
      (i32.store16 (local.get $p) (i32.mul (local.get $n) (i32.const 1001)))
      (local.set $s (i32.add (local.get $s) (i32.load16_u offset=1 (local.get $p))))
      (local.set $p (i32.add (local.get $p) (i32.const 6)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s))
  ;; nested: a 16 x 16 byte matrix, rows by the outer index, columns inner
  (func $e (export "e_nested") (result i32)
    (local $r i32) (local $c i32) (local $s i32)
    (loop $o
      (local.set $c (i32.const 0))
      (loop $in
        (i32.store8 offset=5000 (i32.add (i32.shl (local.get $r) (i32.const 4)) (local.get $c))
          (i32.xor (local.get $r) (i32.shl (local.get $c) (i32.const 3))))
        (br_if $in (i32.ne (local.tee $c (i32.add (local.get $c) (i32.const 1))) (i32.const 16))))
      (br_if $o (i32.ne (local.tee $r (i32.add (local.get $r) (i32.const 1))) (i32.const 16))))
    (local.set $r (i32.const 0))
    (loop $o2
      (local.set $c (i32.const 0))
      (loop $in2
        (local.set $s (i32.add (i32.mul (local.get $s) (i32.const 7))
          (i32.load8_u offset=5000 (i32.add (local.get $c) (local.get $r)))))
        (br_if $in2 (i32.ne (local.tee $c (i32.add (local.get $c) (i32.const 16))) (i32.const 256))))
      (br_if $o2 (i32.ne (local.tee $r (i32.add (local.get $r) (i32.const 1))) (i32.const 16))))
    (local.get $s))
  ;; a loop calling a function that grows memory by a page (up to the
  ;; maximum, then -1), storing and reading through the index
  (func $grow (result i32) (memory.grow (i32.const 1)))
  (func $f (export "f_grow") (result i32)
    (local $i i32) (local $s i32)
    (local.set $i (i32.const 60000))
    (loop $l
      (i32.store (local.get $i) (i32.add (local.get $s) (call $grow)))
      (local.set $s (i32.add (i32.rotl (local.get $s) (i32.const 7)) (i32.load (local.get $i))))
      (i32.store offset=4 (local.get $i) (local.get $s))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 8))) (i32.const 62000))))
    (i32.add (local.get $s) (memory.size)))
  ;; the in-bounds walks together (none and mask modes run this)
  (func (export "all") (result i32)
    (i32.xor (i32.xor (i32.xor (call $a) (call $b)) (i32.wrap_i64 (call $c (i32.const 8192) (i32.const 4096))))
      (i32.xor (call $d) (call $e))))
  ;; words stored from p for n words (a versioned loop in trap mode: its
  ;; bound is a parameter); off the end it traps at the memory's end after
  ;; the ten stores before it
  (func $w (param $p i32) (param $n i32) (result i32)
    (local $i i32)
    (loop $l
      (i32.store (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))) (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (i32.load (i32.add (local.get $p) (i32.const 4))))
  (func (export "w_in") (result i32) (call $w (i32.const 130000) (i32.const 10)))
  (func $end (result i32) (i32.shl (memory.size) (i32.const 16)))
  (func (export "w_off_end") (result i32) (call $w (i32.sub (call $end) (i32.const 40)) (i32.const 100)))
  (func (export "w_after") (result i32)
    (i32.add (i32.load (i32.sub (call $end) (i32.const 40))) (i32.load (i32.sub (call $end) (i32.const 4)))))
  ;; bytes stored from p for n (versioned in trap mode, and the fast copy
  ;; reduced: p + i with i + 1 != n moved onto the pointer); off the end it
  ;; traps at the memory's end after the five stores before it
  (func $wb (param $p i32) (param $n i32) (result i32)
    (local $i i32)
    (loop $l
      (i32.store8 (i32.add (local.get $p) (local.get $i)) (local.get $n))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (i32.load8_u offset=1 (local.get $p)))
  (func (export "wb_in") (result i32) (call $wb (i32.const 130000) (i32.const 10)))
  (func (export "wb_off_end") (result i32) (call $wb (i32.sub (call $end) (i32.const 5)) (i32.const 100)))
  (func (export "wb_after") (result i32)
    (i32.add (i32.load8_u (i32.sub (call $end) (i32.const 5))) (i32.load8_u (i32.sub (call $end) (i32.const 1)))))
  ;; an index from -8 read at offset 8: wraps past 2^32 (trap mode traps at
  ;; the first access; none mode addresses it modulo 2^32: bytes 0, 4, ...)
  (func (export "z_wrap") (result i32)
    (local $i i32) (local $s i32)
    (i32.store (i32.const 0) (i32.const 11))
    (i32.store (i32.const 4) (i32.const 22))
    (i32.store (i32.const 8) (i32.const 33))
    (local.set $i (i32.const -8))
    (loop $l
      (local.set $s (i32.add (i32.mul (local.get $s) (i32.const 3)) (i32.load offset=8 (local.get $i))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 4))) (i32.const 4))))
    (local.get $s))
)
