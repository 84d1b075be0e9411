;; Execution checks of the bce pass (core/src/ir/bce.c) under QEMU, in
;; trap mode: checks it removed or merged must not remove a trap, move it
;; to another iteration, or hide a store made before it. The inputs come
;; from mutable globals, which the optimizer cannot see through. The
;; exports run in order in one instance (--run-all-exports), so a later one
;; reads what the stores of an earlier, trapping one left in memory.
;; bce.expected has the values and traps wasm-interp (wabt) gives for this
;; module (`wasm-interp bce.wasm --run-all-exports`), in synth run's words.
(module
  (memory 1)
  (global $p (mut i32) (i32.const 65528))      ;; p+8 is the first byte out
  (global $n (mut i32) (i32.const 100))
  (global $base (mut i32) (i32.const 65496))   ;; base + 10*4 is out
  (global $far (mut i32) (i32.const 0xfffffff8))
  (global $last (mut i32) (i32.const -1))
  (global $ten (mut i32) (i32.const 10))
  ;; counted loops with constant bounds: every access `inbounds`
  (func (export "a_inbounds") (result i32)
    (local $i i32) (local $s i32)
    (loop $l
      (i32.store (i32.add (i32.const 1024) (i32.shl (local.get $i) (i32.const 2)))
                 (i32.mul (local.get $i) (i32.const 3)))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 256))))
    (local.set $i (i32.const 0))
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.load offset=1024 (local.get $i))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 4))) (i32.const 1024))))
    (local.get $s))
  ;; four loads merged into one check of [p, p+16): p+8 is out, so it traps
  (func (export "b_merged_trap") (result i32)
    (local $p i32)
    (local.set $p (global.get $p))
    (i32.add (i32.add (i32.load (local.get $p)) (i32.load offset=4 (local.get $p)))
             (i32.add (i32.load offset=8 (local.get $p)) (i32.load offset=12 (local.get $p)))))
  ;; a store before the merged loads keeps its own check and is done
  (func (export "c_store_then_trap") (result i32)
    (local $p i32)
    (local.set $p (global.get $p))
    (i32.store (local.get $p) (i32.const 7))
    (i32.add (i32.load offset=4 (local.get $p)) (i32.load offset=8 (local.get $p))))
  (func (export "d_read_p") (result i32)
    (i32.load (global.get $p)))
  ;; a loop whose bound is unknown stores until base + i*4 leaves the
  ;; memory: the trap comes at i = 10, after the ten stores before it
  (func (export "e_loop_trap")
    (local $i i32) (local $b i32)
    (local.set $b (global.get $base))
    (loop $l
      (global.set $last (local.get $i))
      (i32.store (i32.add (local.get $b) (i32.shl (local.get $i) (i32.const 2)))
                 (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (global.get $n)))))
  ;; last * 1000 + the words stored: 10 * 1000 + (1 + ... + 10)
  (func (export "f_after_loop") (result i32)
    (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s)
        (i32.load (i32.add (global.get $base) (i32.shl (local.get $i) (i32.const 2))))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 10))))
    (i32.add (i32.mul (global.get $last) (i32.const 1000)) (local.get $s)))
  ;; far + 16 wraps to 8 (in bounds); its check says nothing about far
  (func (export "g_wrap") (result i32)
    (local $q i32)
    (local.set $q (global.get $far))
    (i32.add (i32.load (i32.add (local.get $q) (i32.const 16))) (i32.load (local.get $q))))
  ;; p checked to p+8 before a call; p+12 after it needs its own check
  (func $nothing)
  (func (export "h_dom_trap") (result i32)
    (local $p i32) (local $s i32)
    (local.set $p (global.get $p))
    (local.set $s (i32.load offset=4 (local.get $p)))
    (call $nothing)
    (local.set $s (i32.add (local.get $s) (i32.load (local.get $p))))
    (i32.add (local.get $s) (i32.load offset=8 (local.get $p))))
  ;; i < 16129: the range analysis bounds 1024 + i*4 by 65536, so the
  ;; check stays and the last iteration traps (one step short of the bound
  ;; the access would be proved in bounds)
  (func (export "j_range_trap")
    (local $i i32)
    (loop $l
      (global.set $last (local.get $i))
      (i32.store (i32.add (i32.const 1024) (i32.shl (local.get $i) (i32.const 2))) (local.get $i))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 16129)))))
  (func (export "k_after_range") (result i32)
    (i32.add (i32.mul (global.get $last) (i32.const 100000)) (i32.load (i32.const 65532))))
  ;; unrolled loads of q, q+4, q+8, q+12 made by i32.add: one check of
  ;; [q, q+16). At far (2^32 - 8), q+8 and q+12 wrap to 0 and 4, in
  ;; bounds, but q's own load traps first; at p, q+8 is out; at 65000 all
  ;; four are in.
  (func $unroll (param $q i32) (result i32)
    (i32.add (i32.add (i32.load (local.get $q)) (i32.load (i32.add (local.get $q) (i32.const 4))))
             (i32.add (i32.load (i32.add (local.get $q) (i32.const 8)))
                      (i32.load (i32.add (local.get $q) (i32.const 12))))))
  (func (export "l_unroll_far") (result i32) (call $unroll (global.get $far)))
  (func (export "l_unroll_p") (result i32) (call $unroll (global.get $p)))
  (func (export "l_unroll_in") (result i32)
    (i32.store (i32.const 65012) (i32.const 5))
    (call $unroll (i32.add (global.get $p) (i32.const -528))))
  ;; e_loop_trap with the bound read before the loop: the loop is
  ;; versioned (bce_loop.c); base + 99*4 + 4 is out, so the guard fails and
  ;; the checked loop runs, trapping at i = 10 after ten stores
  (func (export "m_ver_trap")
    (local $i i32) (local $b i32) (local $n i32)
    (local.set $b (global.get $base))
    (local.set $n (global.get $n))
    (loop $l
      (global.set $last (local.get $i))
      (i32.store (i32.add (local.get $b) (i32.shl (local.get $i) (i32.const 2)))
                 (i32.mul (i32.add (local.get $i) (i32.const 1)) (i32.const 2)))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n)))))
  ;; 10 * 1000 + 2 * (1 + ... + 10)
  (func (export "n_after_ver") (result i32) (call $after))
  ;; n = 10: the guard holds and the unchecked copy runs
  (func (export "o_ver_ok") (result i32)
    (local $i i32) (local $b i32) (local $n i32) (local $s i32)
    (local.set $b (i32.sub (global.get $base) (i32.const 4000)))
    (local.set $n (global.get $ten))
    (loop $l
      (global.set $last (local.get $i))
      (i32.store (i32.add (local.get $b) (i32.shl (local.get $i) (i32.const 2)))
                 (i32.mul (local.get $i) (i32.const 7)))
      (local.set $s (i32.add (local.get $s)
        (i32.load offset=4000 (i32.add (local.get $b) (i32.shl (local.get $i) (i32.const 2))))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (i32.add (i32.mul (global.get $last) (i32.const 100000)) (local.get $s)))
  (func $after (result i32)
    (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s)
        (i32.load (i32.add (global.get $base) (i32.shl (local.get $i) (i32.const 2))))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 10))))
    (i32.add (i32.mul (global.get $last) (i32.const 1000)) (local.get $s)))
  ;; after memory.grow the accesses past the first page are in bounds
  (func (export "i_grow") (result i32)
    (local $i i32) (local $s i32)
    (drop (memory.grow (i32.const 1)))
    (loop $l
      (i32.store (i32.add (i32.const 65536) (i32.shl (local.get $i) (i32.const 2))) (local.get $i))
      (local.set $s (i32.add (local.get $s)
        (i32.load offset=65536 (i32.shl (local.get $i) (i32.const 2)))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 8))))
    (i32.add (local.get $s) (call $p8)))
  (func $p8 (result i32) (i32.load offset=8 (global.get $p))))
