;; after: bce
;; Bounds checks proved by the range analysis (range.c): the access is
;; marked `inbounds` when every address it can take ends within the
;; memory's minimum size (1 page here), and then neither trap mode checks
;; it nor mask mode masks it. Positive cases:
;;   up     i = 0, 1, .. 255 (i + 1 != 256): 1024 + i*4 is in [1024, 2044],
;;          and p, a second counter stepping by 8 with it, in [4096, 6136];
;;   down   n = 100 .. 1 (br_if on n - 1): 2048 + n*2 in [2050, 2248];
;;   lt     j <u 1000 tested on j + 4 (step 4): j in [0, 996];
;;   mask   x & 0xfff plus a load8_u byte: 0 .. 0x10fe;
;;   tozero i = -512, -510, .. -2 (br_if on i + 2, clang's count to zero):
;;          i + 2577 wraps alike for every i, into [2065, 2575];
;;   by4    k = 400, 396, .. 4 (k - 4 != 0): 8192 + k in [8196, 8592].
;; Negative cases, whose checks must stay:
;;   unknown  the bound is a parameter: i*4 can be anything (it wraps);
;;   wrap     i < 0x40000010: i*4 wraps past 2^32, so 1024 + i*4 is any value;
;;   big      i < 16384: 1024 + i*4 + 4 ends past the 65536-byte minimum;
;;   step     i += 3 until i == 100: 100 is not reached from 0, i wraps;
;;   signed   i <s n with n unknown: i stays below 2^31, i*4 does not;
;;   skip0    i = -512 stepping by 3 never meets 0: it wraps, any value;
;;   offset   tozero's loop with 2577 as the load's offset: an offset does
;;            not wrap (i + 2577 is past 4 GiB, the access traps).
(module
  (memory 1)
  (func (export "up") (result i32)
    (local $i i32) (local $p i32) (local $s i32)
    (local.set $p (i32.const 4096))
    (loop $l
      (i32.store (i32.add (i32.const 1024) (i32.shl (local.get $i) (i32.const 2))) (local.get $i))
      (local.set $s (i32.add (local.get $s) (i32.load offset=4 (local.get $p))))
      (local.set $p (i32.add (local.get $p) (i32.const 8)))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 256))))
    (local.get $s))
  (func (export "down") (result i32)
    (local $n i32) (local $s i32)
    (local.set $n (i32.const 100))
    (loop $l
      (local.set $s (i32.add (local.get $s)
        (i32.load16_u (i32.add (i32.const 2048) (i32.shl (local.get $n) (i32.const 1))))))
      (br_if $l (local.tee $n (i32.add (local.get $n) (i32.const -1)))))
    (local.get $s))
  (func (export "lt") (result i32)
    (local $j i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.load (local.get $j))))
      (br_if $l (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 4))) (i32.const 1000))))
    (local.get $s))
  (func (export "mask") (param $x i32) (result i32)
    (i32.load8_u (i32.add (i32.and (local.get $x) (i32.const 0xfff)) (i32.load8_u (local.get $x)))))
  (func (export "tozero") (result i32)
    (local $i i32) (local $s i32)
    (local.set $i (i32.const -512))
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.load8_u (i32.add (local.get $i) (i32.const 2577)))))
      (br_if $l (local.tee $i (i32.add (local.get $i) (i32.const 2)))))
    (local.get $s))
  (func (export "by4") (result i32)
    (local $k i32) (local $s i32)
    (local.set $k (i32.const 400))
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.load (i32.add (local.get $k) (i32.const 8192)))))
      (br_if $l (i32.ne (local.tee $k (i32.sub (local.get $k) (i32.const 4))) (i32.const 0))))
    (local.get $s))
  (func (export "unknown") (param $n i32)
    (local $i i32)
    (loop $l
      (i32.store (i32.shl (local.get $i) (i32.const 2)) (local.get $i))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n)))))
  (func (export "wrap")
    (local $i i32)
    (loop $l
      (i32.store (i32.add (i32.const 1024) (i32.shl (local.get $i) (i32.const 2))) (local.get $i))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 0x40000010)))))
  (func (export "big")
    (local $i i32)
    (loop $l
      (i32.store (i32.add (i32.const 1024) (i32.shl (local.get $i) (i32.const 2))) (local.get $i))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 16384)))))
  (func (export "step")
    (local $i i32)
    (loop $l
      (i32.store8 (local.get $i) (local.get $i))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 3))) (i32.const 100)))))
  (func (export "signed") (param $n i32)
    (local $i i32)
    (loop $l
      (i32.store (i32.shl (local.get $i) (i32.const 2)) (local.get $i))
      (br_if $l (i32.lt_s (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n)))))
  (func (export "skip0") (result i32)
    (local $i i32) (local $s i32)
    (local.set $i (i32.const -512))
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.load8_u (i32.add (local.get $i) (i32.const 2577)))))
      (br_if $l (local.tee $i (i32.add (local.get $i) (i32.const 3)))))
    (local.get $s))
  (func (export "offset") (result i32)
    (local $i i32) (local $s i32)
    (local.set $i (i32.const -512))
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.load8_u offset=2577 (local.get $i))))
      (br_if $l (local.tee $i (i32.add (local.get $i) (i32.const 2)))))
    (local.get $s)))
