;; An integer operation whose only user is a phi on a conditional branch's
;; edge, reading a phi of that block that is still read after the loop, is
;; made on that edge (isel.c sink_to_edges): clang's `while (bit > v) bit
;; >>= 2` shifts before the test, and the exit reads the old bit, so the
;; shift went to other registers and was copied back each iteration (9
;; instructions); made on the loop edge it shifts bit in place (7). A loop
;; counter that is not read after the loop stays before the compare (its
;; copy coalesces; an edge block would cost a branch). Runs in
;; tests/run/shiftloop.wat (shrink, isqrt). See asm-check.sh for the `;;`
;; lines.
;; synth: --bounds=none
;;   func0: the two moves of the result only (four with the copies); one
;;   exit branch, one b back
;; expect func0 2 [[:space:]]movs?[[:space:]]+r[0-9]+, r[0-9]+$
;; expect func0 1 [[:space:]]b(cs|cc|hi|ls)(\.n|\.w)?[[:space:]]
;; expect func0 1 [[:space:]]b(\.n|\.w)?[[:space:]]
;;   func1: counter and pointer: adds, cmp, bne, no b
;; expect func1 0 [[:space:]]b(\.n|\.w)?[[:space:]]
;; expect func1 1 bne
(module
  (func (export "shrink") (param $v i64) (result i64)
    (local $bit i64) (local $t i64)
    (local.set $bit (i64.const 0x4000000000000000))
    (loop $l
      (local.set $t (local.get $bit))
      (local.set $bit (i64.shr_u (local.get $bit) (i64.const 2)))
      (br_if $l (i64.gt_u (local.get $t) (local.get $v))))
    (local.get $t))
  (func (export "count") (param $p i32) (result i32)
    (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.load (local.get $p))))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 16))))
    (local.get $s))
  (memory 1))
