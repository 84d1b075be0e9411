;; Execution checks of f32/f64 loads and stores (issue 13): where the
;; address is provably 4-aligned they are vldr/vstr straight from and to
;; S/D registers (core/src/arm/isel_mem.c), elsewhere ldr/str through core
;; registers, which take any alignment (VLDR/VSTR would fault). Both must
;; move the exact bits (signalling NaN payloads, -0), read what the other
;; wrote, and trap at the same access as the spec says. Inputs come from
;; mutable globals, which the optimizer cannot see through.
;; float-mem.expected has what wasm-interp (wabt) prints for this module
;; (`wasm-interp float-mem.wasm --run-all-exports`), in synth run's words.
(module
  (memory 1)
  (global $n (mut i32) (i32.const 6))
  (global $one (mut i32) (i32.const 1))
  (global $end (mut i32) (i32.const 65528))
  (global $snan64 (mut i64) (i64.const 0x7ff4000000000001))
  (global $snan32 (mut i32) (i32.const 0xff800123))
  ;; a struct array at i*56 + 1072: fill (aligned vstr of D registers),
  ;; update in place, and read back the bits
  (func $fill (param $base i32)
    (local $i i32) (local $a i32)
    (loop $l
      (local.set $a (i32.add (i32.mul (local.get $i) (i32.const 56)) (local.get $base)))
      (f64.store offset=0 (local.get $a) (f64.convert_i32_s (i32.sub (local.get $i) (i32.const 3))))
      (f64.store offset=8 (local.get $a) (f64.reinterpret_i64 (global.get $snan64)))
      (f64.store offset=16 (local.get $a) (f64.const -0))
      (f64.store offset=24 (local.get $a) (f64.div (f64.convert_i32_s (local.get $i)) (f64.const 7)))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (global.get $n)))))
  (func $update (param $base i32) (result i64)
    (local $i i32) (local $a i32) (local $h i64)
    (loop $l
      (local.set $a (i32.add (i32.mul (local.get $i) (i32.const 56)) (local.get $base)))
      (f64.store offset=32 (local.get $a)
        (f64.add (f64.load offset=0 (local.get $a)) (f64.load offset=24 (local.get $a))))
      (f64.store offset=40 (local.get $a) (f64.load offset=8 (local.get $a)))
      (local.set $h (i64.add (i64.rotl (local.get $h) (i64.const 7))
        (i64.xor (i64.xor (i64.reinterpret_f64 (f64.load offset=32 (local.get $a)))
                          (i64.reinterpret_f64 (f64.load offset=40 (local.get $a))))
                 (i64.reinterpret_f64 (f64.load offset=16 (local.get $a))))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (global.get $n))))
    (local.get $h))
  (func (export "a_f64_aligned") (result i64)
    (call $fill (i32.const 1072)) (call $update (i32.const 1072)))
  ;; the same at 1073 (every access unaligned): the same hash
  (func (export "b_f64_unaligned") (result i64)
    (call $fill (i32.add (i32.const 1072) (global.get $one))) (call $update (i32.add (i32.const 1072) (global.get $one))))
  ;; a signalling NaN's bits survive an aligned and an unaligned copy
  (func (export "c_f64_snan_bits") (result i64)
    (f64.store offset=0 (i32.const 2048) (f64.reinterpret_i64 (global.get $snan64)))
    (f64.store offset=1 (i32.const 2048) (f64.load offset=0 (i32.const 2048)))
    (f64.store offset=16 (i32.const 2048) (f64.load offset=1 (i32.const 2048)))
    (i64.load offset=16 (i32.const 2048)))
  ;; f32 at base + i, i stepping by 4 (a loop phi): from 4096 to 8192
  ;; (aligned), from 4099 to 8195 (not), a neg in S registers on the way
  (func (export "d_f32_aligned") (result i32)
    (local $i i32) (local $h i32)
    (loop $l
      (f32.store offset=8 (i32.add (i32.const 4096) (local.get $i))
        (f32.div (f32.convert_i32_s (i32.sub (local.get $i) (i32.const 30))) (f32.const 3)))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 4))) (i32.const 80))))
    (f32.store offset=20 (i32.const 4096) (f32.reinterpret_i32 (global.get $snan32)))
    (f32.store offset=24 (i32.const 4096) (f32.const -0))
    (local.set $i (i32.const 0))
    (loop $l
      (f32.store offset=4 (i32.add (i32.const 8192) (local.get $i))
        (f32.neg (f32.load offset=8 (i32.add (i32.const 4096) (local.get $i)))))
      (f32.store offset=128 (i32.add (i32.const 8192) (local.get $i))
        (f32.load offset=12 (i32.add (i32.const 4096) (local.get $i))))
      (local.set $h (i32.add (i32.rotl (local.get $h) (i32.const 5))
        (i32.xor (i32.reinterpret_f32 (f32.load offset=4 (i32.add (i32.const 8192) (local.get $i))))
                 (i32.reinterpret_f32 (f32.load offset=128 (i32.add (i32.const 8192) (local.get $i)))))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 4))) (i32.const 64))))
    (local.get $h))
  (func (export "e_f32_unaligned") (result i32)
    (local $i i32) (local $h i32)
    (loop $l
      (f32.store offset=8 (i32.add (i32.const 4099) (local.get $i))
        (f32.div (f32.convert_i32_s (i32.sub (local.get $i) (i32.const 30))) (f32.const 3)))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 4))) (i32.const 80))))
    (f32.store offset=20 (i32.const 4099) (f32.reinterpret_i32 (global.get $snan32)))
    (f32.store offset=24 (i32.const 4099) (f32.const -0))
    (local.set $i (i32.const 0))
    (loop $l
      (f32.store offset=4 (i32.add (i32.const 8195) (local.get $i))
        (f32.neg (f32.load offset=8 (i32.add (i32.const 4099) (local.get $i)))))
      (f32.store offset=128 (i32.add (i32.const 8195) (local.get $i))
        (f32.load offset=12 (i32.add (i32.const 4099) (local.get $i))))
      (local.set $h (i32.add (i32.rotl (local.get $h) (i32.const 5))
        (i32.xor (i32.reinterpret_f32 (f32.load offset=4 (i32.add (i32.const 8195) (local.get $i))))
                 (i32.reinterpret_f32 (f32.load offset=128 (i32.add (i32.const 8195) (local.get $i)))))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 4))) (i32.const 64))))
    (local.get $h))
  ;; an aligned f64 store reaching past the end traps, after the store before it
  (func (export "f_f64_store_trap")
    (local $a i32)
    (local.set $a (i32.and (global.get $end) (i32.const -8)))
    (f64.store offset=0 (local.get $a) (f64.const 2.5))
    (f64.store offset=4 (local.get $a) (f64.const 3.5)))
  (func (export "g_after_trap") (result f64)
    (f64.load offset=0 (i32.and (global.get $end) (i32.const -8))))
  (func (export "h_f32_load_trap") (result f32)
    (f32.load offset=8 (i32.and (global.get $end) (i32.const -4)))))
