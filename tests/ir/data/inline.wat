;; after: inline
;; Inlining of small functions, before any other pass: $f's calls to $sq
;; (one return: its value replaces the call's), $clamp (three returns:
;; the results meet in a phi of the block after the call) and $pair (two
;; results: the CALLRES goes too) are replaced by copies of the callees'
;; optimized IR, whose parameters are the calls' arguments. Not inlined:
;; the import $ext, $fact (it calls itself), $big (more than 20
;; instructions), $never (never returns) and $f's call to itself. $mid
;; (13 to 20 instructions) is inlined only where it is called in a loop
;; ($g's second call), not outside one ($g's first).
(module
  (import "env" "ext" (func $ext (param i32) (result i32)))
  (memory 1)
  (func $sq (param $x i32) (result i32) (i32.mul (local.get $x) (local.get $x)))
  (func $clamp (param $x i32) (param $hi i32) (result i32)
    (if (i32.gt_s (local.get $x) (local.get $hi)) (then (return (local.get $hi))))
    (if (i32.lt_s (local.get $x) (i32.const 0)) (then (return (i32.const 0))))
    (local.get $x))
  (func $pair (param $a i32) (result i32 i32)
    (i32.add (local.get $a) (i32.const 1)) (i32.load (local.get $a)))
  (func $fact (param $n i32) (result i32)
    (if (result i32) (i32.le_s (local.get $n) (i32.const 1)) (then (i32.const 1))
      (else (i32.mul (local.get $n) (call $fact (i32.sub (local.get $n) (i32.const 1)))))))
  (func $big (param $x i32) (result i32)
    (i32.xor (i32.add (i32.mul (i32.sub (i32.and (i32.or (i32.shl (i32.shr_u (i32.rotl (i32.clz
      (i32.popcnt (i32.ctz (i32.mul (i32.add (local.get $x) (i32.const 3)) (local.get $x))))) (i32.const 5))
      (i32.const 1)) (i32.const 2)) (i32.const 7)) (i32.const 9)) (local.get $x)) (i32.const 11)) (local.get $x)) (local.get $x)))
  (func $never (param $x i32) (result i32) (if (local.get $x) (then (unreachable))) (unreachable))
  (func $f (export "f") (param $p i32) (param $n i32) (result i32)
    (local $r i32)
    (local.set $r (call $sq (local.get $n)))
    (local.set $r (i32.add (local.get $r) (call $clamp (local.get $p) (i32.const 100))))
    (call $pair (local.get $p))
    (i32.add)
    (local.set $r (i32.add (local.get $r)))
    (local.set $r (i32.add (local.get $r) (call $ext (local.get $r))))
    (local.set $r (i32.add (local.get $r) (call $fact (local.get $r))))
    (local.set $r (i32.add (local.get $r) (call $big (local.get $r))))
    (if (i32.eqz (local.get $r)) (then (local.set $r (call $never (local.get $r)))))
    (if (i32.eq (local.get $r) (i32.const 3)) (then (local.set $r (call $f (local.get $r) (local.get $r)))))
    (local.get $r))
  (func $mid (param $x i32) (result i32)
    local.get $x
    local.get $x i32.mul  local.get $x i32.add  local.get $x i32.xor  i32.const 6 i32.sub
    local.get $x i32.mul  local.get $x i32.add  local.get $x i32.xor  i32.const 10 i32.sub
    local.get $x i32.mul  local.get $x i32.add  local.get $x i32.xor  i32.const 14 i32.sub
    local.get $x i32.mul  local.get $x i32.add  local.get $x i32.xor  i32.const 18 i32.sub)
  (func $g (export "g") (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    (local.set $s (call $mid (local.get $n)))
    (loop $l
      (local.set $s (i32.add (local.get $s) (call $mid (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $s)))
