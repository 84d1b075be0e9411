;; after: sr
;; Pointer strength reduction. In $walk the wasm pointer p (stepped by 4,
;; read only as the address of in-bounds accesses and by the exit test
;; p + 4 != 1024) becomes a machine pointer: a PHI of MEMBASE + 0 and its
;; step, the accesses `abs` at offsets from it (the pointer is moved by 8
;; so the latch's last access is at offset 0, where the emitter folds the
;; step into it), the exit test p' != MEMBASE + 1024 + 8 computed before
;; the loop. In $kept the index is also summed: it would stay alive beside
;; a pointer, so nothing changes. The pass runs dce first (dead exit phis).
(module
  (memory 1)
  (func $walk (export "walk") (result i32)
    (local $p i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.load offset=4 (local.get $p))))
      (i32.store offset=8 (local.get $p) (local.get $s))
      (br_if $l (i32.ne (local.tee $p (i32.add (local.get $p) (i32.const 4))) (i32.const 1024))))
    (local.get $s))
  (func $kept (export "kept") (result i32)
    (local $p i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.add (local.get $p) (i32.load (local.get $p)))))
      (br_if $l (i32.ne (local.tee $p (i32.add (local.get $p) (i32.const 4))) (i32.const 1024))))
    (local.get $s))
)
