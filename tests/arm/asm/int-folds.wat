;; Integer folds of issue 13 (sha256, fixmath): `y & ~x` is one bic and
;; `y | ~x` one orn (fold_nots); `eqz (x == c)` feeding a branch is the
;; compare with the inverse condition (no 0/1, no cmp #0: rotated loops'
;; exit tests); a shift by a loop counter proved below 32 (ir/shifts.c)
;; takes the count's register without `and #31`, another one keeps it. A
;; compare read by five selects sets the flags once. `(x << 16 >>s 16) < 0`
;; is `tst x, #0x8000` (crc16's `c & 0x8000` as clang writes it), `x &
;; 0xffff` a ubfx (no register for the mask), and a 16-bit constant a loop
;; xors with is made once, before the loop. `br_if (c1 & c2)` and
;; `br_if (c1 | c2)` of two compares (clang's flattened && and ||), also
;; under an eqz, branch on each compare's flags. `c - x` is one rsb (no
;; register for c), `0 - (x & 1)` one sbfx (crc32's mask). Edge cases run in
;; tests/run/intops.wat. See asm-check.sh for the `;;` lines.
;; synth: --bounds=none
;; expect func0 1 bic(\.w)?[[:space:]]+r0, r1, r0$
;; expect func0 0 (eor|mvn)
;; expect func1 1 orn[[:space:]]+r0, r1, r0$
;; expect func1 0 (eor|mvn)
;;   eqz (i == 252) as the loop's exit test: cmp #252 and a branch only
;;   (i is summed too, so it stays an index: the sr pass leaves it)
;; expect func2 1 cmp(\.w)?[[:space:]]+r[0-9]+, #252
;; expect func2 0 #1$
;; expect func2 0 cmp(\.w)?[[:space:]]+r[0-9]+, #0$
;; expect func2 0 cbn?z
;;   counter 0..15: no mask; the parameter's count: one mask
;; expect func3 0 and(\.w)?[[:space:]]+r[0-9]+, r[0-9]+, #31
;; expect func3 1 asr(\.w)?[[:space:]]+r[0-9]+, r[0-9]+, r[0-9]+$
;; expect func4 1 and(\.w)?[[:space:]]+r[0-9]+, r[0-9]+, #31
;;   five selects of one compare: one cmp, no 0/1
;; expect func5 1 cmp
;; expect func5 0 #1$
;;   crc16 bit step twice per iteration: one movw #4129 (hoisted), two tst
;; expect func6 1 movw[[:space:]]+r[0-9]+, #4129
;; expect func6 2 tst(\.w)?[[:space:]]+(r[0-9]+|ip), #32768
;; expect func6 0 sxth
;; expect func7 1 ubfx[[:space:]]+r0, r0, #0, #16
;; expect func7 0 movw
;;   !(*p == 0 && i < n) as the loop test: two compares, two branches
;; expect func8 0 [[:space:]]it[et]*[[:space:]]
;; expect func8 0 (ands|orrs|and|orr)
;; expect func8 2 [[:space:]]b(ne|eq|cs|cc|hs|lo)(\.n|\.w)?[[:space:]]
;; expect func9 0 [[:space:]]it[et]*[[:space:]]
;; expect func9 0 (ands|orrs|and|orr)
;; expect func10 1 sbfx[[:space:]]+r0, r0, #0, #1
;; expect func10 0 (and|rsb|sub|mov)
;; expect func11 1 rsb(s)?(\.w)?[[:space:]]+r0, r0, #100
;; expect func11 0 mov
;; expect func12 1 (rsb(s)?(\.w)?[[:space:]]+r0, r0, #0|negs?[[:space:]]+r0, r0)$
(module
  (memory 1)
  (func (export "bic") (param i32 i32) (result i32)
    (i32.and (local.get 1) (i32.xor (local.get 0) (i32.const -1))))
  (func (export "orn") (param i32 i32) (result i32)
    (i32.or (local.get 1) (i32.xor (i32.const -1) (local.get 0))))
  (func (export "exit") (param $p i32) (result i32)
    (local $i i32) (local $h i32)
    (loop $l
      (local.set $h (i32.add (local.get $h) (i32.load (local.get $i))))
      (local.set $h (i32.add (local.get $h) (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br_if $l (i32.eqz (i32.eq (local.get $i) (i32.const 252)))))
    (local.get $h))
  (func (export "cordic") (param $x i32) (result i32)
    (local $i i32) (local $h i32)
    (loop $l
      (local.set $h (i32.add (local.get $h) (i32.shr_s (local.get $x) (local.get $i))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 16))))
    (local.get $h))
  (func (export "anyshift") (param $x i32) (param $n i32) (result i32)
    (i32.shr_s (local.get $x) (local.get $n)))
  (func (export "sel5") (param i32 i32 i32 i32) (result i32)
    (local $c i32)
    (local.set $c (i32.gt_s (local.get 0) (local.get 1)))
    (i32.add (i32.add (i32.add (select (local.get 2) (local.get 3) (local.get $c))
                               (select (local.get 3) (local.get 2) (local.get $c)))
                      (i32.add (select (local.get 0) (local.get 3) (local.get $c))
                               (select (local.get 1) (local.get 2) (local.get $c))))
             (select (local.get 0) (local.get 1) (local.get $c))))
  (func (export "crc16") (param $c i32) (param $n i32) (result i32)
    (loop $l
      (local.set $c (select (i32.xor (i32.shl (local.get $c) (i32.const 1)) (i32.const 0x1021))
                            (i32.shl (local.get $c) (i32.const 1))
                            (i32.lt_s (i32.shr_s (i32.shl (local.get $c) (i32.const 16)) (i32.const 16)) (i32.const 0))))
      (local.set $c (select (i32.xor (i32.shl (local.get $c) (i32.const 1)) (i32.const 0x1021))
                            (i32.shl (local.get $c) (i32.const 1))
                            (i32.lt_s (i32.shr_s (i32.shl (local.get $c) (i32.const 16)) (i32.const 16)) (i32.const 0))))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $c))
  (func (export "low16") (param i32) (result i32)
    (i32.and (local.get 0) (i32.const 0xffff)))
  (func (export "andbr") (param $p i32) (param $n i32) (result i32)
    (local $i i32)
    (loop $l
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.eqz (i32.and (i32.eqz (i32.load (local.get $p))) (i32.lt_u (local.get $i) (local.get $n))))))
    (local.get $i))
  (func (export "orbr") (param $a i32) (param $b i32) (result i32)
    (if (result i32) (i32.or (i32.lt_s (local.get $a) (i32.const 0)) (i32.gt_u (local.get $b) (i32.const 9)))
      (then (i32.const 1)) (else (i32.const 2))))
  (func (export "lowmask") (param i32) (result i32)
    (i32.sub (i32.const 0) (i32.and (local.get 0) (i32.const 1))))
  (func (export "rsbk") (param i32) (result i32)
    (i32.sub (i32.const 100) (local.get 0)))
  (func (export "neg") (param i32) (result i32)
    (i32.sub (i32.const 0) (local.get 0))))
