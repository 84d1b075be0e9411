;; after: bce
;; Checks covered by a dominating check (trap mode): an access whose
;; address value was checked to at least its end on every path to it is
;; `covered`. Memories never shrink, so neither a call nor memory.grow
;; forgets a check that passed.
;;   dom      p checked to 8 in the entry; p+0 and p+4 in both arms and
;;            after the join are covered, p+8 in one arm is not (a larger
;;            end) and checks [p, p+12) itself;
;;   grow     p checked, then memory.grow and a call: p is still covered;
;;   base     a check of p to 16 covers q = p + 8 (to 4: p + 8 cannot have
;;            wrapped when p + 16 was in bounds), whatever p is;
;;   sibling  p checked in one arm only: the access after the join is not
;;            dominated by it and stays;
;;   rev      a check of q = p + 8 with p unknown says nothing about p
;;            (q may have wrapped): p stays checked.
(module
  (import "env" "g" (func $g)) ;; an import: a call inlining cannot remove
  (memory 1)
  (func (export "dom") (param $p i32) (param $c i32) (result i32)
    (local $s i32)
    (local.set $s (i32.load offset=4 (local.get $p)))
    (if (local.get $c)
      (then (local.set $s (i32.add (local.get $s) (i32.load (local.get $p)))))
      (else (local.set $s (i32.add (local.get $s) (i32.load offset=8 (local.get $p))))))
    (i32.add (local.get $s) (i32.load16_u offset=2 (local.get $p))))
  (func (export "grow") (param $p i32) (result i32)
    (local $s i32)
    (local.set $s (i32.load (local.get $p)))
    (drop (memory.grow (i32.const 1)))
    (call $g)
    (i32.add (local.get $s) (i32.load (local.get $p))))
  (func (export "base") (param $p i32) (result i32)
    (local $s i32)
    (local.set $s (i32.load offset=12 (local.get $p)))
    (call $g)
    (i32.add (local.get $s) (i32.load (i32.add (local.get $p) (i32.const 8)))))
  (func (export "sibling") (param $p i32) (param $c i32) (result i32)
    (local $s i32)
    (if (local.get $c) (then (local.set $s (i32.load (local.get $p)))))
    (i32.add (local.get $s) (i32.load (local.get $p))))
  (func (export "rev") (param $p i32) (result i32)
    (local $s i32)
    (local.set $s (i32.load (i32.add (local.get $p) (i32.const 8))))
    (call $g)
    (i32.add (local.get $s) (i32.load (local.get $p)))))
