;; An imported memory's base is not known to be aligned (the embedder
;; defines it), so its f32/f64 accesses keep ldr/str through core
;; registers even at addresses float-vldst.wat gets vldr/vstr for (issue 13).
;; See asm-check.sh for the `;;` lines.
;; synth: --target cortex-m7dp
;; expect func0 0 (vldr|vstr)
;; expect func0 2 ldr[[:space:]]+r[0-9]+, \[r[0-9]+, #(16|20)\]
;; expect func1 0 (vldr|vstr)
(module
  (import "env" "mem" (memory 1))
  (func (export "f64struct") (param i32) (result f64)
    (f64.load offset=16 (i32.add (i32.mul (local.get 0) (i32.const 56)) (i32.const 1072))))
  (func (export "f32shl") (param i32)
    (local $a i32)
    (local.set $a (i32.shl (local.get 0) (i32.const 2)))
    (f32.store offset=12 (local.get $a) (f32.mul (f32.load offset=8 (local.get $a)) (f32.const 3)))))
