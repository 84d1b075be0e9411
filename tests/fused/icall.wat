;; icall.wat - three components fused into one core module in the shape of
;; meld's multi-memory lowering contract (memory k is component k's,
;; "memory" / "memory$k", "cabi_realloc" / "cabi_realloc$k"), for the gates
;; that calls between components take when the callee is known only at run
;; time (issue 10 item 7; run-icall.sh, icall.c):
;; - call_indirect from c0 into a table holding functions of c0, c1 and c2;
;;   table.set putting c2's function into a slot before calling it;
;; - shared functions (touching no memory, calling into two components)
;;   that run in their caller's domain: $apply (call_indirect through the
;;   read-only table 1) and $both
;;   (direct calls into c0 and c1);
;; - a result-copy adapter c1->c2 that calls back into c1's allocator;
;; - a shared export calling c2's $secret2, run by no domain: the gate
;;   into $secret2 is open to none;
;; - hostile code in c1: once armed ("arm$1"), $scale1 and c1's allocator
;;   store 0xbad at an address of memory 1 the test chooses (compiled with
;;   --bounds=none, so it may lie in another component's memory).
;; Function indices (icall.c uses them): 0-2 allocators, 3 own0, 4 scale1,
;; 5 enc2, 6 id1, 7 run_ind, 8 set_call, 9 arm, 10 apply, 11 both,
;; 12 via_apply, 13 via_both, 14 via_apply1, 15 encode, 16 adapt_encode,
;; 17 filter, 18 secret2, 19 peek.
(module
  (type $ii (func (param i32) (result i32)))
  (memory $m0 1 1)
  (memory $m1 1 1)
  (memory $m2 1 1)
  (export "memory" (memory $m0))
  (export "memory$1" (memory $m1))
  (export "memory$2" (memory $m2))
  (global $bump0 (mut i32) (i32.const 1024))
  (global $bump1 (mut i32) (i32.const 1024))
  (global $bump2 (mut i32) (i32.const 1024))
  (global $evil1 (mut i32) (i32.const 0))
  ;; table 0 is c0's (set_call writes it: it lies in c0's state section);
  ;; table 1, the same functions, is written by no one after start, so the
  ;; shared $apply may dispatch through it from any domain (it lies in the
  ;; module's read-only state section, core/ABI.md "State of a fused module")
  (table 5 funcref)
  (table 5 funcref)
  (elem (table 0) (i32.const 0) func $own0 $scale1 $enc2)
  (elem (table 0) (i32.const 4) func $id1)
  (elem (table 1) (i32.const 0) func $own0 $scale1 $enc2)
  (elem (table 1) (i32.const 4) func $id1)

  (func $cabi_realloc (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $bump0))
    (global.set $bump0 (i32.add (local.get $p) (local.get 3)))
    (local.get $p))
  ;; c1's allocator: hostile once armed
  (func $cabi_realloc1 (export "cabi_realloc$1") (param i32 i32 i32 i32) (result i32)
    (local $p i32)
    (if (global.get $evil1) (then (i32.store $m1 (global.get $evil1) (i32.const 0xbad))))
    (local.set $p (global.get $bump1))
    (global.set $bump1 (i32.add (local.get $p) (local.get 3)))
    (local.get $p))
  (func $cabi_realloc2 (export "cabi_realloc$2") (param i32 i32 i32 i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $bump2))
    (global.set $bump2 (i32.add (local.get $p) (local.get 3)))
    (local.get $p))

  ;; the table's functions: c0's, c1's (hostile once armed), c2's, and c1's
  ;; twin of c0's (the same body in another component: the gate's cost)
  (func $own0 (type $ii) (i32.store $m0 (i32.const 8) (local.get 0)) (i32.add (local.get 0) (i32.const 1)))
  (func $scale1 (export "scale$1") (type $ii)
    (if (global.get $evil1) (then (i32.store $m1 (global.get $evil1) (i32.const 0xbad))))
    (i32.store $m1 (i32.const 32) (local.get 0))
    (i32.mul (i32.load $m1 (i32.const 32)) (i32.const 3)))
  (func $enc2 (export "enc$2") (type $ii)
    (i32.store $m2 (i32.const 16) (local.get 0))
    (i32.mul (local.get 0) (i32.const 5)))
  (func $id1 (type $ii) (i32.store $m1 (i32.const 8) (local.get 0)) (i32.add (local.get 0) (i32.const 1)))

  ;; c0: call_indirect through a slot, plus what c0 keeps in its memory
  (func $run_ind (export "run_ind") (param $slot i32) (param $x i32) (result i32)
    (i32.store $m0 (i32.const 0) (i32.const 1000))
    (i32.add (call_indirect (type $ii) (local.get $x) (local.get $slot)) (i32.load $m0 (i32.const 0))))
  ;; c0: puts c2's function into slot 3, then calls it
  (func $set_call (export "set_call") (param $x i32) (result i32)
    (table.set 0 (i32.const 3) (ref.func $enc2))
    (i32.store $m0 (i32.const 0) (i32.const 1000))
    (i32.add (call_indirect (type $ii) (local.get $x) (i32.const 3)) (i32.load $m0 (i32.const 0))))
  ;; c1 (by its export name): where its hostile code writes, 0 for nowhere
  (func $arm (export "arm$1") (param i32) (global.set $evil1 (local.get 0)))

  ;; shared: touch no memory, reach c0, c1 and c2
  (func $apply (param $slot i32) (param $x i32) (result i32)
    (call_indirect 1 (type $ii) (local.get $x) (local.get $slot)))
  (func $both (param $x i32) (result i32)
    (i32.add (call $own0 (local.get $x)) (call $scale1 (local.get $x))))

  ;; their callers: c0 twice, c1 once
  (func $via_apply (export "via_apply") (param $slot i32) (param $x i32) (result i32)
    (i32.store $m0 (i32.const 0) (i32.const 1000))
    (i32.add (call $apply (local.get $slot) (local.get $x)) (i32.load $m0 (i32.const 0))))
  (func $via_both (export "via_both") (param $x i32) (result i32)
    (i32.store $m0 (i32.const 0) (i32.const 1000))
    (i32.add (call $both (local.get $x)) (i32.load $m0 (i32.const 0))))
  (func $via_apply1 (export "via_apply$1") (param $slot i32) (param $x i32) (result i32)
    (i32.store $m1 (i32.const 0) (i32.const 2000))
    (i32.add (call $apply (local.get $slot) (local.get $x)) (i32.load $m1 (i32.const 0))))

  ;; c2's encoder, the adapter c1->c2 (result copied into memory$1, which
  ;; c1's allocator provides) and c1's caller, as in fused3.wat
  (func $encode (export "encode$2") (param $x i32) (result i32)
    (local $p i32)
    (local.set $p (call $cabi_realloc2 (i32.const 0) (i32.const 0) (i32.const 4) (i32.const 8)))
    (i32.store $m2 (local.get $p) (local.get $x))
    (i32.store $m2 offset=4 (local.get $p) (i32.mul (local.get $x) (i32.const 2)))
    (local.get $p))
  (func $adapt_encode (param $x i32) (result i32)
    (local $src i32) (local $dst i32)
    (local.set $src (call $encode (local.get $x)))
    (local.set $dst (call $cabi_realloc1 (i32.const 0) (i32.const 0) (i32.const 4) (i32.const 8)))
    (memory.copy $m1 $m2 (local.get $dst) (local.get $src) (i32.const 8))
    (local.get $dst))
  (func $filter (export "filter$1") (param $x i32) (result i32)
    (local $p i32)
    (local.set $p (call $adapt_encode (local.get $x)))
    (i32.add (i32.load $m1 (local.get $p)) (i32.load $m1 offset=4 (local.get $p))))

  ;; c2's secret, reached only through a shared function that no domain
  ;; runs (an export for the host): its gate is open to no domain
  (func $secret2 (result i32) (i32.load $m2 (i32.const 48)))
  (func $peek (export "peek") (result i32) (i32.add (call $secret2) (call $own0 (i32.const 0))))
)
