;; Code size (issue 13): recolour (core/src/arm/rega.c) moves single
;; values to other registers after rename_low, which only renames whole
;; registers. func0 (FNV-1a's i64 step): the two halves of the result
;; take r0/r1 themselves, no copies into them at the return (the scan gave
;; them r1/r2, two movs). func1: eight values read from a global before a
;; loop that uses them all; each load's result, live for one instruction,
;; moves to r3/r4 and the load is 16-bit (the scan put five of them on
;; r8-fp: `ldr.w`; the ninth load is the counter). func2 (crc16's bit step, twice per iteration): the
;; select's result shares the register of its not-taken operand, so each
;; select is one conditional move (`it ne`) instead of two (`ite`). The
;; register set saved stays the scan's. See asm-check.sh for the `;;`
;; lines; tests/run/recolour.wat runs these and more.
;; synth: --bounds=none
;; expect func0 0 ^[^;]*[[:space:]]mov[[:space:]]+r[0-9]+, r[0-9]+$
;; expect func0 1 umull
;; expect func1 9 ldr[[:space:]]+r[0-7], \[r[0-7], #0\]
;; expect func1 0 ldr\.w
;; expect func2 2 [[:space:]]it[[:space:]]+ne
;; expect func2 0 [[:space:]]ite[[:space:]]
;; synth: --bounds=trap --target cortex-m3
;; expect func0 0 ^[^;]*[[:space:]]mov[[:space:]]+r[0-9]+, r[0-9]+$
;; expect func1 0 ldr\.w
;; expect func2 0 [[:space:]]ite[[:space:]]
(module
  (memory 1)
  (global $n (mut i32) (i32.const 1000))
  (global $p (mut i32) (i32.const 0x12345))
  (func (export "fnv") (param $h i64) (param $r i64) (result i64)
    (i64.xor (i64.mul (local.get $h) (i64.const 0x100000001b3)) (local.get $r)))
  (func (export "mix") (result i32)
    (local $n i32) (local $acc i32)
    (local $k0 i32) (local $k1 i32) (local $k2 i32) (local $k3 i32) (local $k4 i32) (local $k5 i32) (local $k6 i32) (local $k7 i32)
    (local $t i32) (local $u i32) (local $v i32)
    (local.set $n (global.get $n))
    (local.set $k0 (i32.add (global.get $p) (i32.const 1000)))
    (local.set $k1 (i32.add (global.get $p) (i32.const 1017)))
    (local.set $k2 (i32.add (global.get $p) (i32.const 1034)))
    (local.set $k3 (i32.add (global.get $p) (i32.const 1051)))
    (local.set $k4 (i32.add (global.get $p) (i32.const 1068)))
    (local.set $k5 (i32.add (global.get $p) (i32.const 1085)))
    (local.set $k6 (i32.add (global.get $p) (i32.const 1102)))
    (local.set $k7 (i32.add (global.get $p) (i32.const 1119)))
    (loop $l
      (local.set $t (i32.add (local.get $acc) (local.get $n)))
      (local.set $u (i32.xor (local.get $t) (local.get $acc)))
      (local.set $v (i32.and (local.get $u) (local.get $t)))
      (local.set $t (i32.or (local.get $t) (local.get $v)))
      (local.set $u (i32.sub (local.get $u) (local.get $t)))
      (local.set $v (i32.xor (local.get $v) (local.get $u)))
      (local.set $t (i32.and (local.get $t) (local.get $v)))
      (local.set $u (i32.or (local.get $u) (local.get $t)))
      (local.set $acc (i32.add (local.get $acc)
        (i32.xor (i32.add (i32.xor (i32.add (i32.xor (i32.add (i32.xor (i32.add (i32.xor (local.get $t) (i32.xor (local.get $u) (local.get $v))) (local.get $k0)) (local.get $k1)) (local.get $k2)) (local.get $k3)) (local.get $k4)) (local.get $k5)) (local.get $k6)) (local.get $k7))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l (local.get $n)))
    (local.get $acc))
  (func (export "crc16") (param $c i32) (param $n i32) (result i32)
    (loop $l
      (local.set $c (select (i32.xor (i32.shl (local.get $c) (i32.const 1)) (i32.const 0x1021))
                            (i32.shl (local.get $c) (i32.const 1))
                            (i32.lt_s (i32.shr_s (i32.shl (local.get $c) (i32.const 16)) (i32.const 16)) (i32.const 0))))
      (local.set $c (select (i32.xor (i32.shl (local.get $c) (i32.const 1)) (i32.const 0x1021))
                            (i32.shl (local.get $c) (i32.const 1))
                            (i32.lt_s (i32.shr_s (i32.shl (local.get $c) (i32.const 16)) (i32.const 16)) (i32.const 0))))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $c)))
