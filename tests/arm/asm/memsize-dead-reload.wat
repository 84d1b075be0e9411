;; Dead reloads of the cached memory size (issue 13): after a call that may
;; grow memory 0 the size is reloaded from the control block (ldr [ctl, #4])
;; only when a later bounds check reads it; a reload (or a size - w derived
;; from it) that no check after the call reads goes (arm/isel_mem.c
;; drop_dead_sizes). A check after the call still compares with the size
;; loaded after it, also through joins and loop back edges.
;; synth: --bounds=trap
;;   func1: the load after the call is covered by the check before it (bce):
;;   only the prologue's load of the size, no reload, no size - 4 after the call
;; expect func1 1 \[r[0-9]+, #4\]
;; expect func1 1 subs.*#4$
;; expect func1 1 bhi
;;   func2: nothing after the call touches memory: no reload
;; expect func2 1 \[r[0-9]+, #4\]
;;   func3: a check after the call reaching further: its reload stays
;; expect func3 2 \[r[0-9]+, #4\]
;; expect func3 2 bhi
;;   func4: a check at the loop's head: the reload after the call in the
;;   body stays (read around the back edge)
;; expect func4 2 \[r[0-9]+, #4\]
;; expect func4 2 subs.*#4$
;;   func5: the call in one arm of an if, a check after the join: its reload stays
;; expect func5 2 \[r[0-9]+, #4\]
;;   func6: the arm with the call returns: its reload goes, the check after
;;   the join uses the prologue's load
;; expect func6 1 \[(r[0-9]+|ip), #4\]
;; expect func6 2 bhi
(module
  (memory 1)
  ;; func0: grows
  (func $grow (param i32) (result i32) (memory.grow (local.get 0)))
  ;; func1
  (func (export "covered") (param i32) (result i32)
    (local i32)
    (local.set 1 (call $grow (i32.load (local.get 0))))
    (i32.add (local.get 1) (i32.load (local.get 0))))
  ;; func2
  (func (export "nothing") (param i32) (result i32)
    (call $grow (i32.load (local.get 0))))
  ;; func3
  (func (export "further") (param i32) (result i32)
    (local i32)
    (local.set 1 (call $grow (i32.load (local.get 0))))
    (i32.add (local.get 1) (i32.load offset=8 (local.get 0))))
  ;; func4
  (func (export "loop") (param i32) (result i32)
    (local i32)
    (loop $l
      (local.set 1 (i32.add (local.get 1) (i32.load (local.get 0))))
      (drop (call $grow (i32.const 0)))
      (local.set 0 (i32.add (local.get 0) (i32.const 4)))
      (br_if $l (i32.lt_u (local.get 1) (i32.const 100))))
    (local.get 1))
  ;; func5
  (func (export "join") (param i32 i32) (result i32)
    (local i32)
    (local.set 2 (i32.load (local.get 0)))
    (if (local.get 1) (then (drop (call $grow (i32.const 1)))))
    (i32.add (local.get 2) (i32.load offset=8 (local.get 0))))
  ;; func6
  (func (export "returns") (param i32 i32) (result i32)
    (local i32)
    (local.set 2 (i32.load (local.get 0)))
    (if (local.get 1) (then (return (call $grow (local.get 2)))))
    (i32.add (local.get 2) (i32.load offset=8 (local.get 0)))))
