;; f32/f64 loads and stores of linear memory go straight between memory and
;; the S or D register (vldr/vstr, issue 13) when the address is provably
;; 4-aligned (core/src/ir/align.c: constants, add, mul, shl, and-masks,
;; loop phis), and through core registers (ldr/str, which take any
;; alignment) otherwise: VLDR/VSTR fault on an unaligned address on
;; M-profile, wasm allows any. tests/run/float-mem.wat runs the same shapes.
;; See asm-check.sh for the `;;` lines.
;; synth: --target cortex-m7dp --bounds=trap
;; expect func0 2 vldr[[:space:]]+d
;; expect func0 1 vstr[[:space:]]+d
;; expect func0 0 (vmov|ldr[[:space:]]+r[0-9]+, \[r[0-9]+, #(16|20|24|28)\])
;; expect func1 0 (vldr|vstr)
;; expect func1 3 vmov[[:space:]]+(d|r)
;; expect func2 1 vldr[[:space:]]+s
;; expect func2 1 vstr[[:space:]]+s
;; expect func3 1 vldr[[:space:]]+s
;; expect func4 0 (vldr|vstr)
;; expect func5 1 vldr[[:space:]]+d
;; expect func5 1 vstr[[:space:]]+d
;; expect func6 1 vldr[[:space:]]+d
;; expect func7 0 (vldr|vstr)
;; synth: --target cortex-m7dp --bounds=mask
;; expect func0 2 vldr[[:space:]]+d
;; expect func0 1 vstr[[:space:]]+d
;; expect func1 0 (vldr|vstr)
;; synth: --target cortex-m7dp --bounds=none
;; expect func0 2 vldr[[:space:]]+d
;; expect func6 1 vldr[[:space:]]+d
;; expect func7 0 (vldr|vstr)
;; synth: --target cortex-m4f --bounds=trap
;; expect func0 0 (vldr|vstr)
;; expect func2 1 vldr[[:space:]]+s
;; expect func2 1 vstr[[:space:]]+s
;; expect func3 1 vldr[[:space:]]+s
;; expect func4 0 (vldr|vstr)
(module
  (memory 1)
  ;; 0: an array of 56-byte structs at 1072: i*56 + 1072 + 16 is aligned
  (func (export "f64struct") (param i32)
    (local $a i32)
    (local.set $a (i32.add (i32.mul (local.get 0) (i32.const 56)) (i32.const 1072)))
    (f64.store offset=8 (local.get $a)
      (f64.add (f64.load offset=16 (local.get $a)) (f64.load offset=24 (local.get $a)))))
  ;; 1: the same at i*56 + 1073: not aligned, ldr/str through core registers
  (func (export "f64odd") (param i32)
    (local $a i32)
    (local.set $a (i32.add (i32.mul (local.get 0) (i32.const 56)) (i32.const 1073)))
    (f64.store offset=8 (local.get $a)
      (f64.add (f64.load offset=16 (local.get $a)) (f64.load offset=24 (local.get $a)))))
  ;; 2: f32 at i*4 + 8 (an index scaled by shl)
  (func (export "f32shl") (param i32)
    (local $a i32)
    (local.set $a (i32.shl (local.get 0) (i32.const 2)))
    (f32.store offset=12 (local.get $a) (f32.mul (f32.load offset=8 (local.get $a)) (f32.const 3))))
  ;; 3: a pointer stepping by 4 from 1024 (a loop phi)
  (func (export "f32loop") (param i32) (result f32)
    (local $p i32) (local $s f32)
    (local.set $p (i32.const 1024))
    (loop $l
      (local.set $s (f32.add (local.get $s) (f32.load offset=4 (local.get $p))))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br_if $l (i32.lt_u (local.get $p) (local.get 0))))
    (local.get $s))
  ;; 4: an address nothing is known of
  (func (export "f32any") (param i32)
    (f32.store offset=8 (local.get 0) (f32.add (f32.load offset=4 (local.get 0)) (f32.const 1))))
  ;; 5: an and-mask makes any address 8-aligned
  (func (export "f64mask") (param i32)
    (local $a i32)
    (local.set $a (i32.and (local.get 0) (i32.const -8)))
    (f64.store offset=8 (local.get $a) (f64.neg (f64.load offset=16 (local.get $a)))))
  ;; 6: i*8 + 2, offset 2: the sum is aligned
  (func (export "f64sum") (param i32) (result f64)
    (f64.load offset=2 (i32.add (i32.shl (local.get 0) (i32.const 3)) (i32.const 2))))
  ;; 7: a pointer stepping by 2: not known aligned
  (func (export "f64loop2") (param i32) (result f64)
    (local $p i32) (local $s f64)
    (local.set $p (i32.const 1024))
    (loop $l
      (local.set $s (f64.add (local.get $s) (f64.load offset=8 (local.get $p))))
      (local.set $p (i32.add (local.get $p) (i32.const 2)))
      (br_if $l (i32.lt_u (local.get $p) (local.get 0))))
    (local.get $s)))
