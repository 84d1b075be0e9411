;; fused3.wat - three components fused into one core module in the shape of
;; meld's multi-memory lowering contract (issue 10 item 7): memory k is
;; component k's, exported as "memory" / "memory$k", with its allocator
;; "cabi_realloc" / "cabi_realloc$k". c0 is the application, c1 a filter,
;; c2 an encoder; c1 calls c2's encoder through a result-copy adapter that
;; copies the 8-byte result from memory$2 into memory$1.
(module
  (type $h (func (param i32)))
  (memory $m0 1 1)
  (memory $m1 1 1)
  (memory $m2 1 1)
  (export "memory" (memory $m0))
  (export "memory$1" (memory $m1))
  (export "memory$2" (memory $m2))
  (global $bump0 (mut i32) (i32.const 1024))
  (global $bump1 (mut i32) (i32.const 1024))
  (global $bump2 (mut i32) (i32.const 1024))
  (table 3 funcref)
  (elem (i32.const 0) $h0a $h0b $h2)

  ;; the allocators touch no memory: their export names say whose they are
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

  ;; c2: writes {x, 2x} into its memory and returns the address
  (func $encode (export "encode$2") (param $x i32) (result i32)
    (local $p i32)
    (local.set $p (call $cabi_realloc2 (i32.const 0) (i32.const 0) (i32.const 4) (i32.const 8)))
    (i32.store $m2 (local.get $p) (local.get $x))
    (i32.store $m2 offset=4 (local.get $p) (i32.mul (local.get $x) (i32.const 2)))
    (local.get $p))

  ;; the adapter c1 -> c2: calls encode, copies its result from memory$2
  ;; into memory$1 (allocated with c1's allocator)
  (func $adapt_encode (param $x i32) (result i32)
    (local $src i32) (local $dst i32)
    (local.set $src (call $encode (local.get $x)))
    (local.set $dst (call $cabi_realloc1 (i32.const 0) (i32.const 0) (i32.const 4) (i32.const 8)))
    (memory.copy $m1 $m2 (local.get $dst) (local.get $src) (i32.const 8))
    (local.get $dst))

  ;; c1: calls c2 through the adapter and reads the copy from its memory
  (func $filter (export "filter$1") (param $x i32) (result i32)
    (local $p i32)
    (local.set $p (call $adapt_encode (local.get $x)))
    (i32.add (i32.load $m1 (local.get $p)) (i32.load $m1 offset=4 (local.get $p))))

  ;; c1, transitively: outer -> mid -> leaf, and only leaf touches memory$1
  (func $leaf (param i32) (i32.store8 $m1 (i32.const 16) (local.get 0)))
  (func $mid (param i32) (call $leaf (local.get 0)))
  (func $outer (param i32) (call $mid (local.get 0)))

  ;; c0: the application; calls into c1 (a call between components)
  (func $run (export "run") (param i32) (result i32)
    (i32.store $m0 (i32.const 0) (local.get 0))
    (call $outer (local.get 0))
    (call $filter (i32.load $m0 (i32.const 0))))

  ;; c0 through call_indirect: of the table's functions only c0's handlers
  ;; have type $h (c2's $h2 has another type, so dispatch cannot reach it)
  (func $h0a (type $h) (i32.store $m0 (i32.const 4) (local.get 0)))
  (func $h0b (type $h) (i32.store $m0 (i32.const 8) (local.get 0)))
  (func $dispatch (export "dispatch") (param i32 i32)
    (call_indirect (type $h) (local.get 1) (local.get 0)))

  (func $h2 (param i32 i32) (i32.store $m2 (local.get 0) (local.get 1)))

  ;; shared: touches no memory, calls nothing that does
  (func $square (export "square") (param i32) (result i32)
    (i32.mul (local.get 0) (local.get 0)))
)
