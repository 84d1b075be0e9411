;; Memory base and cached size across calls (issue 13, item 3): the size of
;; memory 0 is loaded from its control block once per function and reloaded
;; only after a call that may grow it (arm/grows.c), when a check reads
;; it (memsize-dead-reload.wat has the dead ones); the base of a defined
;; memory is the link-time constant m__mem0, never loaded.
;; Checked by asm-check.sh: `;; synth: ARGS` compiles with ARGS, and each
;; following `;; expect FUNC N ERE` wants exactly N lines of FUNC's listing
;; matching ERE.
;; synth: --bounds=trap
;;   one load of the size (ldr [ctl, #4]) per function, a second after a
;;   call that may grow; the base is m__mem0, the size's control block m__memctl0
;; expect func5 1 \[r[0-9]+, #4\]
;; expect func5 1 \.word[[:space:]]m__mem0$
;; expect func5 1 \.word[[:space:]]m__memctl0$
;;   (func6: $chain is inlined, so a reload after each of its two calls)
;; expect func6 3 \[r[0-9]+, #4\]
;; expect func7 2 \[r[0-9]+, #4\]
;;   (func8 loads the table's size at #4 too: its reload shows as the second check)
;; expect func9 2 \[r[0-9]+, #4\]
;;   a check stays valid across a call that cannot grow: func5 checks its
;;   three loads of one address once; func6-func9 load 8 bytes further after
;;   their call at offset 8 (a check the first does not cover, core/IR.md "bce"), so it is
;;   made against the size reloaded after the call
;; expect func5 1 bhi
;; expect func6 2 bhi
;; expect func7 2 bhi
;; expect func8 2 bhi
;; expect func9 2 bhi
;; synth: --bounds=mask
;;   neither the size nor the control block: only the base
;; expect func5 0 memctl0
;; expect func5 1 \.word[[:space:]]m__mem0$
;; synth: --bounds=none
;; expect func5 0 memctl0
;; expect func6 0 memctl0
;;   no load of the base: the only loads are the stack limit's and the
;;   three of the function (the last two from one base + index register),
;;   not counting the literal-pool loads of addresses ([pc, #])
;; expect func5 4 ldr[^[]*\[[^p]
(module
  (import "env" "ext" (func $ext (param i32) (result i32)))
  (type $t (func (param i32) (result i32)))
  (table 1 funcref)
  (memory 1)
  ;; func1: no memory, no calls: cannot grow
  (func $leaf (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
  ;; func2: grows
  (func $grower (param i32) (result i32) (memory.grow (local.get 0)))
  ;; func3: grows through func2; func4 recurses into func3 (a cycle)
  (func $chain (param i32) (result i32)
    (if (result i32) (local.get 0)
      (then (call $cycle (i32.sub (local.get 0) (i32.const 1))))
      (else (call $grower (local.get 0)))))
  (func $cycle (param i32) (result i32) (call $chain (local.get 0)))
  ;; func5: calls only func1 and a runtime helper (i64 division): no reload
  (func (export "a") (param i32) (result i32)
    (local i32)
    (local.set 1 (call $leaf (i32.load (local.get 0))))
    (local.set 1 (i32.add (local.get 1)
      (i32.wrap_i64 (i64.div_u (i64.extend_i32_u (local.get 1)) (i64.extend_i32_u (i32.load (local.get 0)))))))
    (i32.add (local.get 1) (i32.load (local.get 0))))
  ;; func6: calls func3, which may grow: reload after it
  (func (export "b") (param i32) (result i32)
    (local i32)
    (local.set 1 (call $chain (i32.load (local.get 0))))
    (i32.add (local.get 1) (i32.load offset=8 (local.get 0))))
  ;; func7: an import may grow (it may call back in)
  (func (export "c") (param i32) (result i32)
    (local i32)
    (local.set 1 (call $ext (i32.load (local.get 0))))
    (i32.add (local.get 1) (i32.load offset=8 (local.get 0))))
  ;; func8: call_indirect may reach anything
  (func (export "d") (param i32) (result i32)
    (local i32)
    (local.set 1 (call_indirect (type $t) (i32.load (local.get 0)) (i32.const 0)))
    (i32.add (local.get 1) (i32.load offset=8 (local.get 0))))
  ;; func9: memory.grow itself
  (func (export "e") (param i32) (result i32)
    (local i32)
    (local.set 1 (memory.grow (i32.load (local.get 0))))
    (i32.add (local.get 1) (i32.load offset=8 (local.get 0)))))
