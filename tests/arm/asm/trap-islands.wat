;; trap-islands.wat - trap branches in a function longer than a 16-bit
;; conditional branch reaches (core/src/arm/emit.c, plan_islands; issue 13,
;; code size). Each of the 48 bounds-checked loads branches to an
;; out-of-bounds trap; from most of them the function's end stub is beyond
;; the 254 bytes of a 16-bit B<c>, which made them 4-byte B<c>.W. Now
;; 2-byte `udf #5` islands after unconditional branches (where nothing
;; falls in; two here, and the end stub) serve the branches around them,
;; and every trap branch is a 16-bit B<c>; the trap sites are `udf #code`, not `movs r0, #code; bl
;; synth_rt_trap` (core/runtime/README.md, "Traps"). tests/run/traps.wat
;; runs every trap kind from such code. See asm-check.sh.
;; synth: --target cortex-m3
;; expect func0 0 [[:space:]]b(hi|ls|cs|cc|hs|lo|eq|ne)\.w[[:space:]]
;; expect func0 0 synth_rt_trap
;; expect func0 3 [[:space:]]udf[[:space:]]+#5$
;; synth: --target cortex-m7dp
;; expect func0 0 [[:space:]]b(hi|ls|cs|cc|hs|lo|eq|ne)\.w[[:space:]]
;; expect func0 3 [[:space:]]udf[[:space:]]+#5$
(module
  (memory 1 1)
  (func (export "sum") (param $a i32) (param $p i32) (result i32)
    (local $s i32)
    (if (i32.and (local.get $a) (i32.const 1))
      (then (local.set $s (i32.add (local.get $s) (i32.load offset=0 (local.get $p)))))
      (else (local.set $s (i32.xor (local.get $s) (i32.load offset=256 (local.get $p))))))
    (if (i32.and (local.get $a) (i32.const 2))
      (then (local.set $s (i32.add (local.get $s) (i32.load offset=4 (local.get $p)))))
      (else (local.set $s (i32.xor (local.get $s) (i32.load offset=260 (local.get $p))))))
    (if (i32.and (local.get $a) (i32.const 4))
      (then (local.set $s (i32.add (local.get $s) (i32.load offset=8 (local.get $p)))))
      (else (local.set $s (i32.xor (local.get $s) (i32.load offset=264 (local.get $p))))))
    (if (i32.and (local.get $a) (i32.const 8))
      (then (local.set $s (i32.add (local.get $s) (i32.load offset=12 (local.get $p)))))
      (else (local.set $s (i32.xor (local.get $s) (i32.load offset=268 (local.get $p))))))
    (if (i32.and (local.get $a) (i32.const 16))
      (then (local.set $s (i32.add (local.get $s) (i32.load offset=16 (local.get $p)))))
      (else (local.set $s (i32.xor (local.get $s) (i32.load offset=272 (local.get $p))))))
    (if (i32.and (local.get $a) (i32.const 32))
      (then (local.set $s (i32.add (local.get $s) (i32.load offset=20 (local.get $p)))))
      (else (local.set $s (i32.xor (local.get $s) (i32.load offset=276 (local.get $p))))))
    (if (i32.and (local.get $a) (i32.const 64))
      (then (local.set $s (i32.add (local.get $s) (i32.load offset=24 (local.get $p)))))
      (else (local.set $s (i32.xor (local.get $s) (i32.load offset=280 (local.get $p))))))
    (if (i32.and (local.get $a) (i32.const 128))
      (then (local.set $s (i32.add (local.get $s) (i32.load offset=28 (local.get $p)))))
      (else (local.set $s (i32.xor (local.get $s) (i32.load offset=284 (local.get $p))))))
    (if (i32.and (local.get $a) (i32.const 256))
      (then (local.set $s (i32.add (local.get $s) (i32.load offset=32 (local.get $p)))))
      (else (local.set $s (i32.xor (local.get $s) (i32.load offset=288 (local.get $p))))))
    (if (i32.and (local.get $a) (i32.const 512))
      (then (local.set $s (i32.add (local.get $s) (i32.load offset=36 (local.get $p)))))
      (else (local.set $s (i32.xor (local.get $s) (i32.load offset=292 (local.get $p))))))
    (if (i32.and (local.get $a) (i32.const 1024))
      (then (local.set $s (i32.add (local.get $s) (i32.load offset=40 (local.get $p)))))
      (else (local.set $s (i32.xor (local.get $s) (i32.load offset=296 (local.get $p))))))
    (if (i32.and (local.get $a) (i32.const 2048))
      (then (local.set $s (i32.add (local.get $s) (i32.load offset=44 (local.get $p)))))
      (else (local.set $s (i32.xor (local.get $s) (i32.load offset=300 (local.get $p))))))
    (if (i32.and (local.get $a) (i32.const 4096))
      (then (local.set $s (i32.add (local.get $s) (i32.load offset=48 (local.get $p)))))
      (else (local.set $s (i32.xor (local.get $s) (i32.load offset=304 (local.get $p))))))
    (if (i32.and (local.get $a) (i32.const 8192))
      (then (local.set $s (i32.add (local.get $s) (i32.load offset=52 (local.get $p)))))
      (else (local.set $s (i32.xor (local.get $s) (i32.load offset=308 (local.get $p))))))
    (if (i32.and (local.get $a) (i32.const 16384))
      (then (local.set $s (i32.add (local.get $s) (i32.load offset=56 (local.get $p)))))
      (else (local.set $s (i32.xor (local.get $s) (i32.load offset=312 (local.get $p))))))
    (if (i32.and (local.get $a) (i32.const 32768))
      (then (local.set $s (i32.add (local.get $s) (i32.load offset=60 (local.get $p)))))
      (else (local.set $s (i32.xor (local.get $s) (i32.load offset=316 (local.get $p))))))
    (if (i32.and (local.get $a) (i32.const 65536))
      (then (local.set $s (i32.add (local.get $s) (i32.load offset=64 (local.get $p)))))
      (else (local.set $s (i32.xor (local.get $s) (i32.load offset=320 (local.get $p))))))
    (if (i32.and (local.get $a) (i32.const 131072))
      (then (local.set $s (i32.add (local.get $s) (i32.load offset=68 (local.get $p)))))
      (else (local.set $s (i32.xor (local.get $s) (i32.load offset=324 (local.get $p))))))
    (if (i32.and (local.get $a) (i32.const 262144))
      (then (local.set $s (i32.add (local.get $s) (i32.load offset=72 (local.get $p)))))
      (else (local.set $s (i32.xor (local.get $s) (i32.load offset=328 (local.get $p))))))
    (if (i32.and (local.get $a) (i32.const 524288))
      (then (local.set $s (i32.add (local.get $s) (i32.load offset=76 (local.get $p)))))
      (else (local.set $s (i32.xor (local.get $s) (i32.load offset=332 (local.get $p))))))
    (if (i32.and (local.get $a) (i32.const 1048576))
      (then (local.set $s (i32.add (local.get $s) (i32.load offset=80 (local.get $p)))))
      (else (local.set $s (i32.xor (local.get $s) (i32.load offset=336 (local.get $p))))))
    (if (i32.and (local.get $a) (i32.const 2097152))
      (then (local.set $s (i32.add (local.get $s) (i32.load offset=84 (local.get $p)))))
      (else (local.set $s (i32.xor (local.get $s) (i32.load offset=340 (local.get $p))))))
    (if (i32.and (local.get $a) (i32.const 4194304))
      (then (local.set $s (i32.add (local.get $s) (i32.load offset=88 (local.get $p)))))
      (else (local.set $s (i32.xor (local.get $s) (i32.load offset=344 (local.get $p))))))
    (if (i32.and (local.get $a) (i32.const 8388608))
      (then (local.set $s (i32.add (local.get $s) (i32.load offset=92 (local.get $p)))))
      (else (local.set $s (i32.xor (local.get $s) (i32.load offset=348 (local.get $p))))))
    (local.get $s)))
