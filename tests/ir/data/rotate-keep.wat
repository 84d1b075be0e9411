;; after: rotate
;; Loops loop rotation leaves alone. $call: the header calls an import
;; (only pure instructions and reads of memory and globals are copied).
;; $bottom: already tested at the bottom (its header ends in a BRIF back to
;; itself). $join: the header's i * 3 is read
;; after a block that both the exit and a break out of the body reach, with
;; the same value on both paths (no phi), so neither the body nor the exit
;; dominates that use. $after: the character the header loads is read
;; after the loop (it would need a phi at the exit).
(module
  (import "env" "get" (func $get (param i32) (result i32)))
  (memory 1)
  (func $call (export "call") (param $p i32) (result i32)
    (local $s i32)
    (block $exit
      (loop $top
        (br_if $exit (i32.eqz (call $get (local.get $p))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $top)))
    (local.get $s))
  (func $bottom (export "bottom") (param $n i32) (result i32)
    (local $i i32)
    (loop $top
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $top (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $i))
  (func $join (export "join") (param $p i32) (param $n i32) (result i32)
    (local $i i32) (local $x i32)
    (block $j
      (block $exit
        (loop $top
          (local.set $x (i32.mul (local.get $i) (i32.const 3)))
          (br_if $exit (i32.ge_s (local.get $i) (local.get $n)))
          (br_if $j (i32.load (local.get $p)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $top))))
    (local.get $x))
  (func $after (export "after") (param $p i32) (result i32)
    (local $c i32)
    (block $exit
      (loop $top
        (br_if $exit (i32.ne (local.tee $c (i32.load8_u (local.get $p))) (i32.const 32)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $top)))
    (i32.add (local.get $c) (local.get $p))))
