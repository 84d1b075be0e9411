;; counter.wat - the second module of the CMake consumer test: one private
;; memory of one page, a counter in it. cmake-test.sh rewrites STEP (code
;; changes, memory does not) and the page count (the layout no longer fits).
(module $counter
  (memory (export "mem") 1 1)
  (func (export "bump") (result i32)
    (i32.store (i32.const 16) (i32.add (i32.load (i32.const 16)) (i32.const 1 ;; STEP
    )))
    (i32.load (i32.const 16))))
