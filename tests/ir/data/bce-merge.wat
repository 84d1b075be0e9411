;; after: bce
;; Merged checks (trap mode): a load checks the largest end of the
;; accesses of the same address that follow it in its block (`check-end`),
;; and those become `covered`; a check only moves up over loads and
;; instructions that cannot trap or be observed.
;;   four     loads at p+0, p+4, p+8, p+12: one check of [p, p+16);
;;   base     loads of q = p + 8 and of p, where the range of p (a 16-bit
;;            load shifted by 8: at most 0xffff00) proves p + 8 does not
;;            wrap: one check of [q, q+8) covers p + 12;
;;   unroll   q = p + i*32 (p unknown), loads of q, q + 4, q + 8, q + 12
;;            made by i32.add: q + 12 may wrap, but only when q is so large
;;            that q's own load is past the memory's reservation (1 MiB
;;            here; memory.grow fails beyond it) and traps: one check;
;;   tostore  a load then a store of p+4: the load checks [p, p+8) (the
;;            store is the last access covered; its check came before it);
;; and where they must stay:
;;   store    a store at p+0 before the loads: the store's effect is
;;            visible if a later load traps, so it keeps its own check;
;;   other    a store to another address between the loads stops the scan;
;;   div      a division between them could trap differently: it stops it;
;;   wrap     loads of p + 8 and p with p unknown: p + 8 may wrap, so
;;            neither check covers the other (the second is not after a
;;            check of p itself).
(module
  (memory 1)
  (func (export "four") (param $p i32) (result i32)
    (i32.add (i32.add (i32.load (local.get $p)) (i32.load offset=4 (local.get $p)))
             (i32.add (i32.load offset=8 (local.get $p)) (i32.load offset=12 (local.get $p)))))
  (func (export "base") (param $x i32) (result i32)
    (local $p i32)
    (local.set $p (i32.shl (i32.load16_u (local.get $x)) (i32.const 8)))
    (i32.add (i32.load (i32.add (local.get $p) (i32.const 8))) (i32.load offset=12 (local.get $p))))
  (func (export "unroll") (param $p i32) (param $i i32) (result i32)
    (local $q i32)
    (local.set $q (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 5))))
    (i32.add (i32.add (i32.load (local.get $q)) (i32.load (i32.add (local.get $q) (i32.const 4))))
             (i32.add (i32.load (i32.add (local.get $q) (i32.const 8)))
                      (i32.load (i32.add (local.get $q) (i32.const 12))))))
  (func (export "tostore") (param $p i32)
    (i32.store offset=4 (local.get $p) (i32.add (i32.load (local.get $p)) (i32.const 1))))
  (func (export "store") (param $p i32) (result i32)
    (i32.store (local.get $p) (i32.const 7))
    (i32.add (i32.load offset=4 (local.get $p)) (i32.load offset=8 (local.get $p))))
  (func (export "other") (param $p i32) (param $q i32) (result i32)
    (local $a i32)
    (local.set $a (i32.load (local.get $p)))
    (i32.store (local.get $q) (i32.const 7))
    (i32.add (local.get $a) (i32.load offset=8 (local.get $p))))
  (func (export "div") (param $p i32) (param $d i32) (result i32)
    (local $a i32)
    (local.set $a (i32.div_u (i32.load (local.get $p)) (local.get $d)))
    (i32.add (local.get $a) (i32.load offset=8 (local.get $p))))
  (func (export "wrap") (param $p i32) (result i32)
    (i32.add (i32.load (i32.add (local.get $p) (i32.const 8))) (i32.load (local.get $p)))))
