;; A loop walking memory in --bounds=none (issue 13, pre/post-indexed
;; accesses): the wasm index p is stepped and read only as the address, so
;; the sr pass (core/IR.md, "Pointer strength reduction") makes it a machine
;; pointer membase + p stepped by 4 (by 1), and the emitter's writeback
;; fusion ("Pre/post-indexed accesses") folds the step into the access:
;; one `ldr r, [p], #4` / `strb r, [p], #1` per iteration, no register
;; index form and no separate add. Without the pass each access is
;; [membase, p] and the add stays. The loop whose `subs` feeds the branch
;; keeps it. See asm-check.sh for the lines.
;; synth: --bounds=none
;; expect func0 1 ldr(\.w)?[[:space:]]+[a-z0-9]+, \[[a-z0-9]+\], #4$
;; expect func0 0 ldr(\.w)?[[:space:]]+[a-z0-9]+, \[[a-z0-9]+, [a-z0-9]+\]$
;; expect func0 0 adds?(\.w)?[[:space:]]+[a-z0-9]+, #4$
;; expect func0 1 subs[[:space:]]
;; expect func1 1 strb(\.w)?[[:space:]]+[a-z0-9]+, \[[a-z0-9]+\], #1$
;; expect func1 0 strb(\.w)?[[:space:]]+[a-z0-9]+, \[[a-z0-9]+, [a-z0-9]+\]$
;; expect func1 1 subs[[:space:]]
(module
  (memory 1)
  (func (export "sum") (param $p i32) (param $n i32) (result i32)
    (local $s i32)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $s (i32.add (local.get $s) (i32.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (local.get $s))
  (func (export "fill") (param $p i32) (param $n i32) (param $v i32)
    (loop $l
      (i32.store8 (local.get $p) (local.get $v))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
)
