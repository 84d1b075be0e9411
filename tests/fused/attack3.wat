;; attack3.wat - three components fused into one core module in the shape of
;; meld's multi-memory lowering contract (memory k is component k's, exported
;; as "memory" / "memory$k", its allocator "cabi_realloc" / "cabi_realloc$k",
;; result-copy adapters between two components' memories), with a hostile
;; c1: the attacks of tests/fused/attacks.c are made from inside this one
;; module (issue 10 item 7). Compiled with --bounds=none, so c1's poke$1 is a
;; wild store: memory 1's base plus any 32-bit address.
;;   c0 the application: run (calls c1), count (its own global; reads $cfg,
;;      which c1 reads too and nobody writes: the read-only section),
;;      dispatch (its own table), bench loops calling into c1
;;   c1 the hostile filter: filter$1 (through the adapter into c2), ping$1,
;;      poke$1 (the wild store), forge$1 (passes a forged pointer to c2)
;;   c2 the encoder: encode$2, fill64$2, store$2 (writes where it is told)
(module
  (type $h (func (param i32) (result i32)))
  (memory $m0 1 1)
  (memory $m1 1 1)
  (memory $m2 1 1)
  (export "memory" (memory $m0))
  (export "memory$1" (memory $m1))
  (export "memory$2" (memory $m2))
  (global $bump0 (mut i32) (i32.const 1024))
  (global $bump1 (mut i32) (i32.const 1024))
  (global $bump2 (mut i32) (i32.const 1024))
  (global $count0 (mut i32) (i32.const 0))
  ;; read by c0 and c1, written by none: the module's read-only section
  (global $cfg (mut i32) (i32.const 100))
  (table 2 funcref)
  (elem (i32.const 0) $h0a $h0b)

  (func $cabi_realloc (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $bump0))
    (global.set $bump0 (i32.add (local.get $p) (local.get 3)))
    (local.get $p))
  (func $cabi_realloc1 (export "cabi_realloc$1") (param i32 i32 i32 i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $bump1))
    (global.set $bump1 (i32.add (local.get $p) (local.get 3)))
    (local.get $p))
  (func $cabi_realloc2 (export "cabi_realloc$2") (param i32 i32 i32 i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $bump2))
    (global.set $bump2 (i32.add (local.get $p) (local.get 3)))
    (local.get $p))

  ;; c2: {x, 2x} in its memory (a fixed slot, so loops do not run it out)
  (func $encode (export "encode$2") (param $x i32) (result i32)
    (i32.store $m2 (i32.const 64) (local.get $x))
    (i32.store $m2 (i32.const 68) (i32.mul (local.get $x) (i32.const 2)))
    (i32.const 64))
  ;; c2: 64 bytes of x at 128
  (func $fill64 (export "fill64$2") (param $x i32) (result i32)
    (memory.fill $m2 (i32.const 128) (local.get $x) (i32.const 64))
    (i32.const 128))
  ;; c2: writes v at the address it is given (a pointer into its memory)
  (func $store2 (export "store$2") (param $p i32) (param $v i32)
    (i32.store $m2 (local.get $p) (local.get $v)))

  ;; adapters c1 -> c2: call into c2, copy its result into memory$1
  (func $adapt_encode (param $x i32) (result i32)
    (local $src i32)
    (local.set $src (call $encode (local.get $x)))
    (memory.copy $m1 $m2 (i32.const 64) (local.get $src) (i32.const 8))
    (i32.const 64))
  (func $adapt_fill64 (param $x i32) (result i32)
    (local $src i32)
    (local.set $src (call $fill64 (local.get $x)))
    (memory.copy $m1 $m2 (i32.const 128) (local.get $src) (i32.const 64))
    (i32.const 128))

  ;; c1
  (func $filter (export "filter$1") (param $x i32) (result i32)
    (local $p i32)
    (local.set $p (call $adapt_encode (local.get $x)))
    (i32.add (i32.load $m1 (local.get $p)) (i32.load $m1 offset=4 (local.get $p))))
  (func $ping (export "ping$1") (param $x i32) (result i32)
    (i32.store $m1 (i32.const 8) (global.get $cfg))
    (i32.store $m1 (i32.const 0) (local.get $x))
    (i32.add (i32.load $m1 (i32.const 0)) (i32.const 1)))
  (func $poke (export "poke$1") (param $a i32) (param $v i32)
    (i32.store $m1 (local.get $a) (local.get $v)))
  ;; c1: a runaway recursion (no memory touched: only the stack runs out)
  (func $recurse (export "recurse$1") (param $n i32) (result i32)
    (i32.add (call $recurse (i32.add (local.get $n) (i32.const 1))) (i32.const 1)))
  (func $forge (export "forge$1") (param $p i32) (param $v i32)
    (i32.store $m1 (i32.const 4) (local.get $v))
    (call $store2 (local.get $p) (i32.load $m1 (i32.const 4))))
  ;; c1: n calls through the adapter copying 64 bytes; the last byte
  (func $copy_loop (export "copy_loop$1") (param $n i32) (result i32)
    (local $i i32) (local $p i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $p (call $adapt_fill64 (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (i32.load8_u $m1 offset=63 (local.get $p)))

  ;; c0
  (func $run (export "run") (param $x i32) (result i32)
    (i32.store $m0 (i32.const 0) (local.get $x))
    (global.set $count0 (i32.add (global.get $count0) (i32.const 1)))
    (call $filter (i32.load $m0 (i32.const 0))))
  (func $count (export "count") (result i32)
    (i32.store $m0 (i32.const 12) (global.get $cfg))
    (i32.store $m0 (i32.const 8) (global.get $count0))
    (i32.load $m0 (i32.const 8)))
  (func $h0a (type $h) (i32.store $m0 (i32.const 16) (local.get 0)) (i32.add (local.get 0) (i32.const 100)))
  (func $h0b (type $h) (i32.store $m0 (i32.const 16) (local.get 0)) (i32.add (local.get 0) (i32.const 200)))
  (func $dispatch (export "dispatch") (param $i i32) (param $x i32) (result i32)
    (i32.store $m0 (i32.const 20) (local.get $i))
    (call_indirect (type $h) (local.get $x) (local.get $i)))
  ;; c0: n calls into c1 (each through a gate when gated); the sum
  (func $call_loop (export "call_loop") (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    (i32.store $m0 (i32.const 24) (i32.const 0))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $s (i32.add (local.get $s) (call $ping (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (local.get $s))
)
