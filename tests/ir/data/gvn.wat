;; after: gvn
;; Global value numbering over the dominator tree.
(module
  (memory 1)
  ;; b * c is computed in the entry, so the multiply in the then-arm and
  ;; in the join are the same value (c * b too: multiplication commutes);
  ;; x - y and y - x are different. The two arms compute a + 1 each, but
  ;; neither arm dominates the other, so both stay.
  (func (export "dom") (param $a i32) (param $b i32) (param $c i32) (result i32)
    (local $r i32)
    (local.set $r (i32.mul (local.get $b) (local.get $c)))
    (if (local.get $a)
      (then (local.set $r (i32.add (i32.mul (local.get $c) (local.get $b)) (i32.add (local.get $a) (i32.const 1)))))
      (else (local.set $r (i32.sub (i32.add (local.get $a) (i32.const 1)) (local.get $r)))))
    (i32.add (i32.add (local.get $r) (i32.mul (local.get $b) (local.get $c)))
             (i32.add (i32.sub (local.get $b) (local.get $c)) (i32.sub (local.get $c) (local.get $b)))))
  ;; loads are not pure (a store may come between): both stay; the three
  ;; address computations p + d are one. A division traps the same way
  ;; twice: the second one goes.
  (func (export "mem") (param $p i32) (param $d i32) (result i32)
    (i32.store (i32.add (local.get $p) (local.get $d)) (i32.const 1))
    (i32.add (i32.add (i32.load (i32.add (local.get $p) (local.get $d)))
                      (i32.load (i32.add (local.get $d) (local.get $p))))
             (i32.add (i32.div_u (local.get $p) (local.get $d)) (i32.div_u (local.get $p) (local.get $d)))))
  ;; same operation, different types or immediates: i32.extend8_s and
  ;; i32.extend16_s differ, an i64 add is not an i32 add
  (func (export "types") (param $x i32) (param $y i64) (result i64)
    (i64.add (i64.extend_i32_u (i32.add (i32.extend8_s (local.get $x)) (i32.extend16_s (local.get $x))))
             (i64.add (local.get $y) (i64.extend_i32_u (local.get $x)))))
  ;; what is kept for the allocator's sake: a + 48 is not reused, not in
  ;; the then-arm nor in its own block (one instruction is cheaper than a
  ;; register held across code, maybe across a call); the second a <u b
  ;; stays (isel fuses a compare into its one user) but is numbered as the
  ;; first, so (a <u b) * b is computed once.
  (func (export "kept") (param $a i32) (param $b i32) (result i32)
    (local $t i32)
    (local.set $t (i32.add (local.get $a) (i32.const 48)))
    (if (i32.lt_u (local.get $a) (local.get $b))
      (then (local.set $t (i32.mul (local.get $t) (i32.add (local.get $a) (i32.const 48))))))
    (i32.add (i32.add (local.get $t) (i32.add (local.get $a) (i32.const 48)))
             (i32.add (i32.mul (i32.lt_u (local.get $a) (local.get $b)) (local.get $b))
                      (i32.mul (i32.lt_u (local.get $a) (local.get $b)) (local.get $b)))))
)
