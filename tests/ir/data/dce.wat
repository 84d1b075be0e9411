;; after: dce
;; Dead code elimination: the counter $j is only ever incremented, so its
;; phi and its add feed only each other and both go; an unused division
;; may trap and stays; the unused load may trap and stays; the unused
;; float add goes.
(module
  (memory 1)
  (func (export "f") (param $n i32) (param $d i32) (result i32)
    (local $i i32) (local $j i32)
    (loop $l
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (drop (i32.div_u (local.get $n) (local.get $d)))
      (drop (i32.load (local.get $i)))
      (drop (f32.add (f32.const 1) (f32.convert_i32_u (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $i)))
