;; harness-selftest.wast - checks the spec-exec harness itself: every command
;; marked FAIL below must fail and every one marked SKIP must be skipped, so
;; that a harness which passes everything cannot go unnoticed. The test
;; (CMakeLists.txt) expects exactly
;;   harness-selftest.wast: passed 51 failed 21 skipped 3
;; Covers: register and cross-module imports of functions, memories and
;; globals (mutable, shared), spectest imports, get, traps with and without
;; the expected message, exhaustion, instantiation traps, the watchdog,
;; memory.grow past the board (skipped only where the results differ by
;; exactly that grow) and past a reservation (failed), assert_unlinkable
;; checked at link time,
;; several results, floats and NaN classes, references, and images two and
;; three (a 16 MiB memory fills an image).

(module $A
  (memory (export "mem") 1 2)
  (global (export "g") (mut i32) (i32.const 42))
  (global (export "g64") i64 (i64.const -5))
  (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
  (func (export "store") (param i32 i32) local.get 0 local.get 1 i32.store)
  (func (export "load") (param i32) (result i32) local.get 0 i32.load)
  (func $r (export "rec") (param i32) (result i32) local.get 0 call $r)
  (func (export "spin") (loop $l br $l))
  (func (export "div") (param i64 i64) (result i64) local.get 0 local.get 1 i64.div_s)
)
(register "A" $A)
(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 4))              ;; FAIL
(assert_return (get "g") (i32.const 42))
(assert_return (get "g64") (i64.const -5))
(assert_return (get "g") (i32.const 43))                                               ;; FAIL
(assert_trap (invoke "div" (i64.const 1) (i64.const 0)) "integer divide by zero")
(assert_trap (invoke "div" (i64.const 1) (i64.const 0)) "integer overflow")           ;; FAIL
(assert_trap (invoke "div" (i64.const 4) (i64.const 2)) "integer overflow")           ;; FAIL
(assert_trap (invoke "div" (i64.const 1) (i64.const 0)) "integer divide by zero 7")   ;; detail after a blank
(assert_exhaustion (invoke "rec" (i32.const 0)) "call stack exhausted")
(invoke "store" (i32.const 8) (i32.const 77))

(module $B
  (import "A" "mem" (memory 1))
  (import "A" "add" (func $add (param i32 i32) (result i32)))
  (import "A" "g" (global $g (mut i32)))
  (import "spectest" "global_i32" (global $s i32))
  (import "spectest" "print_i32" (func $p (param i32)))
  (func (export "load8") (result i32) i32.const 8 i32.load)
  (func (export "callA") (result i32) i32.const 10 i32.const 20 call $add)
  (func (export "getg") (result i32) global.get $g)
  (func (export "sg") (result i32) global.get $s)
  (func (export "setg") (param i32) local.get 0 global.set $g)
  (func (export "pr") (param i32) local.get 0 call $p)
)
(assert_return (invoke "load8") (i32.const 77))
(assert_return (invoke "callA") (i32.const 30))
(assert_return (invoke "getg") (i32.const 42))
(assert_return (invoke "sg") (i32.const 666))
(invoke "setg" (i32.const 99))
(invoke "pr" (i32.const 99))
(assert_return (invoke $A "add" (i32.const 5) (i32.const 5)) (i32.const 10))
(assert_return (get $A "g") (i32.const 99))
(assert_trap (module (memory 1) (data (i32.const 65535) "ab")) "out of bounds memory access")
(assert_trap (module (func $s unreachable) (start $s)) "unreachable")
(assert_trap (module (memory 1) (data (i32.const 0) "ab")) "out of bounds memory access") ;; FAIL
(module (func $s unreachable) (start $s))                                               ;; FAIL
(assert_return (invoke $A "spin"))                                                      ;; FAIL (watchdog)
(assert_return (invoke $A "add" (i32.const 2) (i32.const 2)) (i32.const 4))
(assert_return (invoke $A "load" (i32.const 8)) (i32.const 77))
(assert_trap (invoke $A "load" (i32.const 65534)) "out of bounds memory access")
(assert_unlinkable (module (import "A" "nope" (func))) "unknown import")
(assert_unlinkable (module (import "A" "add" (func))) "incompatible import type")
(assert_unlinkable (module (import "A" "add" (func))) "unknown import")                 ;; FAIL (reason)
(assert_unlinkable (module (import "A" "add" (func (param i32 i32) (result i32)))) "incompatible import type") ;; FAIL (links)
;; on sizes, decided when the image runs: A's memory is 1 page (max 2)
(assert_unlinkable (module (import "A" "mem" (memory 2))) "incompatible import type")
(assert_unlinkable (module (import "A" "mem" (memory 1))) "incompatible import type")  ;; FAIL (links)

;; Skipped for the harness's own reasons.
(module (func (export "v") (param v128)))
(assert_return (invoke "v" (v128.const i32x4 0 0 0 0)))                                 ;; SKIP

;; Several results (a hidden pointer to a naturally aligned block), floats
;; (bit-exact, and NaN classes).
(module
  (func (export "pair") (param i32) (result i32 i64) (local.get 0) (i64.const -7))
  (func (export "fl") (param f32 f64) (result f64 f32) (local.get 1) (local.get 0))
  (func (export "nan") (result f32) (f32.const nan))
  (func (export "nanarith") (result f64) (f64.const nan:0xc000000000000)))
(assert_return (invoke "pair" (i32.const 3)) (i32.const 3) (i64.const -7))
(assert_return (invoke "pair" (i32.const 3)) (i32.const 3) (i64.const -8))             ;; FAIL
(assert_return (invoke "fl" (f32.const 1.5) (f64.const -2.25)) (f64.const -2.25) (f32.const 1.5))
(assert_return (invoke "fl" (f32.const -0) (f64.const 0)) (f64.const 0) (f32.const 0))   ;; FAIL (-0)
(assert_return (invoke "nan") (f32.const nan:canonical))
(assert_return (invoke "nanarith") (f64.const nan:arithmetic))
(assert_return (invoke "nanarith") (f64.const nan:canonical))                           ;; FAIL

;; The NaN classes of assert_return (spec, "Script" of the test suite):
;; nan:canonical is the canonical payload with either sign, nan:arithmetic any
;; NaN with the quiet bit set; a NaN written out is compared bit for bit.
(module
  (func (export "negnan") (result f32) (f32.const -nan))
  (func (export "qpay") (result f32) (f32.const nan:0x600000))
  (func (export "snan") (result f32) (f32.const nan:0x200000))
  (func (export "snan64") (result f64) (f64.const -nan:0x1)))
(assert_return (invoke "negnan") (f32.const nan:canonical))
(assert_return (invoke "negnan") (f32.const nan:arithmetic))
(assert_return (invoke "qpay") (f32.const nan:arithmetic))
(assert_return (invoke "qpay") (f32.const nan:canonical))                              ;; FAIL (payload)
(assert_return (invoke "snan") (f32.const nan:arithmetic))                             ;; FAIL (not quiet)
(assert_return (invoke "snan64") (f64.const nan:arithmetic))                           ;; FAIL (not quiet)
(assert_return (invoke "snan") (f32.const nan:0x200000))
(assert_return (invoke "qpay") (f32.const nan:0x200000))                               ;; FAIL (bits)

;; An import with several results: the caller's result block goes through the thunk.
(module $P (func (export "pair2") (param i64) (result i64 i32) (local.get 0) (i32.const 5)))
(register "P" $P)
(module
  (import "P" "pair2" (func $p (param i64) (result i64 i32)))
  (func (export "sum") (param i64) (result i64) (call $p (local.get 0)) (i64.extend_i32_u) (i64.add)))
(assert_return (invoke "sum" (i64.const 10)) (i64.const 15))

;; References: null is 0, ref.extern N round-trips.
(module
  (func (export "id") (param externref) (result externref) (local.get 0))
  (func (export "null") (result funcref) (ref.null func)))
(assert_return (invoke "id" (ref.extern 7)) (ref.extern 7))
(assert_return (invoke "id" (ref.null extern)) (ref.null extern))
(assert_return (invoke "id" (ref.extern 7)) (ref.extern 8))                            ;; FAIL
(assert_return (invoke "null") (ref.null func))

;; 16 MiB of linear memory: this module and the next, which share no
;; state with the ones before, go to images of their own.
(module (memory (export "m") 256 256) (func (export "size") (result i32) (memory.size)))
(assert_return (invoke "size") (i32.const 256))
(module (memory 1) (func (export "size") (result i32) (memory.size)))
(assert_return (invoke "size") (i32.const 1))

;; memory.grow past the board's whole WASM region (16 MiB) is skipped where
;; the one wrong result is that grow's -1, or later a size short by exactly
;; its pages; any other difference fails, and a grow short of the region
;; that the memory's reservation (1 MiB by default) refuses is a failure.
(module
  (memory 1)
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "grow2") (param i32) (result i32 i32) (memory.grow (local.get 0)) (i32.const 7))
  (func (export "size") (result i32) (memory.size)))
(assert_return (invoke "grow" (i32.const 300)) (i32.const 1))                          ;; SKIP (19.7 MB)
(assert_return (invoke "size") (i32.const 301))                                         ;; SKIP (follows)
(assert_return (invoke "size") (i32.const 5))                                           ;; FAIL (not the grow)
(assert_return (invoke "grow2" (i32.const 300)) (i32.const 1) (i32.const 8))           ;; FAIL (two wrong)
(assert_return (invoke "size") (i32.const 1))
(module
  (memory 1)
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
(assert_return (invoke "grow" (i32.const 10)) (i32.const 1))
(assert_return (invoke "grow" (i32.const 100)) (i32.const 11))                         ;; FAIL (7.2 MB)
