;; Memory addressing (issue 13): an index x + c (an i32 add or subtract of
;; a constant) is addressed [base + x, #c + offset] where the access is
;; known to be inside the memory (after its trap-mode check, proven by the
;; bce pass in mask mode) or in --bounds=none, and base + x is made once per
;; block for the accesses that share x; a constant index K is [base, #K].
;; Before, each access made x + c, then base + (x + c) (core/src/arm/isel_mem.c,
;; mem_addr). tests/run/addr.wat runs the edge cases. See asm-check.sh for
;; the `;;` lines.
;; synth: --bounds=none
;;   struct fields b[i].f: one base + i*56, the field offsets as immediates
;; expect func0 1 \[[a-z0-9]+, #1072\]
;; expect func0 1 \[[a-z0-9]+, #1076\]
;; expect func0 1 \[[a-z0-9]+, #1080\]
;; expect func0 0 (add|adds|addw|add\.w)[^[]*#10[0-9][0-9]
;;   constant indices: no register for the constant
;; expect func1 1 \[[a-z0-9]+, #2000\]
;; expect func1 1 \[[a-z0-9]+, #1064\]
;; expect func1 0 mov.*#(2000|1064)
;;   negative constants (x - 32, x - 28)
;; expect func2 1 \[[a-z0-9]+, #-32\]
;; expect func2 1 \[[a-z0-9]+, #-28\]
;; expect func2 0 subs?(\.w)?[^[]*#(32|28)
;;   offsets above 4095: base + x + 0x12000 shared, the rest immediate
;; expect func3 1 add.*#73728
;; expect func3 1 \[[a-z0-9]+, #832\]
;; expect func3 1 \[[a-z0-9]+, #836\]
;;   an i64 at x + 4092 has its second word at + 4096, beyond the
;;   immediate: it goes from base + x + 2048
;; expect func4 0 #4096
;; expect func4 1 \[[a-z0-9]+, #2044\]
;; expect func4 1 \[[a-z0-9]+, #2048\]
;; expect func4 1 \[[a-z0-9]+, #4088\]
;; expect func4 1 \[[a-z0-9]+, #4092\]
;;   two i64 through memarg offsets 0 and 8 of one index: one base + x
;; expect func5 1 \[[a-z0-9]+, #8\]
;; expect func5 1 \[[a-z0-9]+, #12\]
;;   (the other add is the low word of the i64 sum)
;; expect func5 2 [[:space:]]adds?(\.w)?[[:space:]]
;;   a lone 4-byte access keeps the register form [base, x + c]: a base + x
;;   register would cost as much as it saves
;; expect func6 1 \[[a-z0-9]+, [a-z0-9]+\]
;;   a scaled index read only by the access: [base, x, lsl #2], no shift
;; expect func7 1 \[[a-z0-9]+, [a-z0-9]+, lsl #2\]
;; expect func7 1 lsl
;;   in a loop, a table at a constant: [M__mem0 + 0x410, i, lsl #2] with
;;   M__mem0 + 0x410 made once (movw/movt with a relocation addend)
;; expect func8 1 \.word[[:space:]]m__mem0\+0x410$
;; expect func8 1 \[[a-z0-9]+, [a-z0-9]+, lsl #2\]
;; expect func8 0 add.*#1040
;; synth: --bounds=trap
;;   a checked index stays in a register (the check reads it); the table
;;   index (x & 255) * 4 + 1040 is proven in bounds (no check), so it is
;;   addressed as without checks
;; expect func7 0 lsl #2\]
;; expect func7 1 bhi
;; expect func8 1 \.word[[:space:]]m__mem0\+0x410$
;; expect func8 1 \[[a-z0-9]+, [a-z0-9]+, lsl #2\]
;; expect func8 0 bhi
;;   an i64 at x + 4092 is checked on the wasm index x + 4092, then
;;   addressed from base + x (+ 2048)
;; expect func4 2 bhi
;; expect func4 1 \[[a-z0-9]+, #2044\]
;; expect func4 1 \[[a-z0-9]+, #4092\]
;; expect func5 1 \[[a-z0-9]+, #12\]
;; expect func1 1 \[[a-z0-9]+, #1064\]
;;   4-byte accesses each checked keep [base, x + c]: the check needs
;;   x + c in a register anyway
;; expect func0 3 \[[a-z0-9]+, [a-z0-9]+\]
;; expect func0 3 bhi
;; synth: --bounds=mask
;;   masked accesses are not reassociated (their index wraps in the
;;   reservation); accesses the bce pass proved in bounds are
;; expect func0 0 #1072\]
;; expect func0 3 ubfx
;; expect func1 1 \[[a-z0-9]+, #2000\]
;; expect func1 1 \[[a-z0-9]+, #1064\]
;; expect func8 1 \[[a-z0-9]+, [a-z0-9]+, lsl #2\]
;; expect func8 0 ubfx
(module
  (memory 2)
  (func (export "fields") (param $i i32) (result i32)
    (local $p i32)
    (local.set $p (i32.mul (local.get $i) (i32.const 56)))
    (i32.add (i32.add (i32.load (i32.add (local.get $p) (i32.const 1072)))
                      (i32.load (i32.add (local.get $p) (i32.const 1076))))
             (i32.load (i32.add (local.get $p) (i32.const 1080)))))
  (func (export "consts") (param $v i32) (result i32)
    (i32.store (i32.const 2000) (local.get $v))
    (i32.load (i32.const 1064)))
  (func (export "neg") (param $x i32) (result i32)
    (i32.add (i32.load (i32.sub (local.get $x) (i32.const 32)))
             (i32.load (i32.sub (local.get $x) (i32.const 28)))))
  (func (export "big") (param $x i32) (result i32)
    (i32.add (i32.load offset=0x12340 (local.get $x))
             (i32.load offset=0x12344 (local.get $x))))
  (func (export "pairtop") (param $x i32) (result i64)
    (i64.add (i64.load (i32.add (local.get $x) (i32.const 4092)))
             (i64.load (i32.add (local.get $x) (i32.const 4088)))))
  (func (export "offsets") (param $x i32) (result i64)
    (i64.add (i64.load (local.get $x)) (i64.load offset=8 (local.get $x))))
  (func (export "one") (param $x i32) (result i32)
    (i32.load (i32.add (local.get $x) (i32.const 1072))))
  (func (export "scaled") (param $x i32) (result i32)
    (i32.load (i32.shl (local.get $x) (i32.const 2))))
  (func (export "table") (param $x i32) (param $n i32) (result i32)
    (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s)
        (i32.load offset=1040 (i32.shl (i32.and (local.get $x) (i32.const 255)) (i32.const 2)))))
      (local.set $x (i32.shr_u (local.get $x) (i32.const 8)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s)))
