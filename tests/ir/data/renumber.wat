;; after: renumber
;; The phis lowering and the phi pass removed, the constants folding made
;; and the instructions GVN and DCE took out leave holes in the value
;; numbers; after renumbering the values are v1..vN in block order.
(module
  (memory 1)
  (func (export "sum") (param $p i32) (param $n i32) (result i32)
    (local $i i32) (local $s i32) (local $k i32)
    (local.set $k (i32.const 7))
    (block $out
      (loop $top
        (br_if $out (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $s (i32.add (local.get $s)
           (i32.load (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))))))
        (local.set $s (i32.add (local.get $s)
           (i32.load offset=4 (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))))))
        (local.set $s (i32.add (local.get $s) (i32.mul (local.get $k) (i32.const 3))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $top)))
    (local.get $s)))
