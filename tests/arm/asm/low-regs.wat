;; Code size (issue 13): after allocation, rename_low (core/src/arm/rega.c)
;; renames whole registers so that the loop temporaries, named by
;; two-operand ALU instructions with a 16-bit form only on r0-r7, get r4-r6
;; and the eight values live across the loop (only read by `add` and `eor`
;; with a 32-bit or any-register form) take r7-r12: the scan handed them
;; r4-r12 first because their intervals start first, which left the body
;; on r9-fp, every instruction 32-bit (70 bytes of loop, now 50). The
;; registers saved stay the same (r4-fp), so no instruction is added.
;; See asm-check.sh for the `;;` lines; tests/run/lowregs.wat runs it.
;; synth: --target cortex-m4f
;;   the body: orrs, subs, eors, ands, orrs, eors, eors, on low registers
;; expect func0 7 \s(eors|ands|orrs|subs)\s+r[4-6], r[4-6]
;; expect func0 0 \s(eor|and|orr|sub)\.w\s+(r8|r9|sl|fp|ip), (r8|r9|sl|fp|ip)
;; expect func0 1 stmdb\s+sp!, \{r4, r5, r6, r7, r8, r9, sl, fp\}
;; synth: --target cortex-m3
;; expect func0 7 \s(eors|ands|orrs|subs)\s+r[4-6], r[4-6]
;; expect func0 0 \s(eor|and|orr|sub)\.w\s+(r8|r9|sl|fp|ip), (r8|r9|sl|fp|ip)
(module
  (func (export "mix") (param $n i32) (param $p i32) (result i32)
    (local $k0 i32) (local $k1 i32) (local $k2 i32) (local $k3 i32) (local $k4 i32) (local $k5 i32) (local $k6 i32) (local $k7 i32)
    (local $acc i32) (local $t i32) (local $u i32) (local $v i32)
    (local.set $k0 (i32.add (local.get $p) (i32.const 1000)))
    (local.set $k1 (i32.add (local.get $p) (i32.const 1017)))
    (local.set $k2 (i32.add (local.get $p) (i32.const 1034)))
    (local.set $k3 (i32.add (local.get $p) (i32.const 1051)))
    (local.set $k4 (i32.add (local.get $p) (i32.const 1068)))
    (local.set $k5 (i32.add (local.get $p) (i32.const 1085)))
    (local.set $k6 (i32.add (local.get $p) (i32.const 1102)))
    (local.set $k7 (i32.add (local.get $p) (i32.const 1119)))
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
    (local.get $acc)))
