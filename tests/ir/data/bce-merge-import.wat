;; after: bce
;; bce-merge.wat's unroll with an imported memory: its size can reach 4 GiB
;; for all the compiler knows, so q + 12 may wrap while q's own load is in
;; bounds: the checks stay apart.
(module
  (import "env" "mem" (memory 1))
  (func (export "unroll") (param $p i32) (param $i i32) (result i32)
    (local $q i32)
    (local.set $q (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 5))))
    (i32.add (i32.add (i32.load (local.get $q)) (i32.load (i32.add (local.get $q) (i32.const 4))))
             (i32.add (i32.load (i32.add (local.get $q) (i32.const 8)))
                      (i32.load (i32.add (local.get $q) (i32.const 12)))))))
