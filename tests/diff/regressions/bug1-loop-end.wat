;; Bug 1: the fall-through at the `end` of a `loop` branched back to the
;; loop header instead of leaving the loop (lower.c end_frame), so every
;; loop ending in `br_if 0` ran forever. Found by the first C programs.
(module
  (func $count (param i32) (result i32)
    loop
      local.get 0
      i32.const 1
      i32.sub
      local.tee 0
      br_if 0
    end
    local.get 0)
  (func (export "count5") (result i32)
    i32.const 5
    call $count)
  (func (export "sum10") (result i32) (local i32 i32)
    loop
      local.get 1
      local.get 0
      i32.add
      local.set 1
      local.get 0
      i32.const 1
      i32.add
      local.tee 0
      i32.const 10
      i32.lt_u
      br_if 0
    end
    local.get 1)
  ;; a loop with a result that falls through its end
  (func (export "loop_result") (result i64) (local i64)
    loop (result i64)
      local.get 0
      i64.const 3
      i64.add
      local.tee 0
      local.get 0
      i64.const 30
      i64.lt_u
      br_if 0
    end))
