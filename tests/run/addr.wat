;; Execution checks of reassociated addresses (core/src/arm/isel_mem.c,
;; mem_addr: an index x + c is addressed [base + x, #c + offset], base + x
;; shared by the accesses of a block) under QEMU, in trap mode: the check
;; stays on the wasm index (x + c with 32-bit wrap), so an index that wraps
;; past 2^32 to a small address is in bounds, one that wraps below 0 traps,
;; and the trap comes at exactly the first byte out, after the stores
;; before it. Inputs come from mutable globals (opaque to the optimizer).
;; The exports run in order in one instance (--run-all-exports), so a later
;; one reads what an earlier, trapping one stored. addr.expected has what
;; wasm-interp (wabt) gives (`wasm-interp addr.wasm --run-all-exports`), in
;; synth run's words.
(module
  (memory 2)                                    ;; 131072 bytes
  (global $neg16 (mut i32) (i32.const 0xfffffff0))
  (global $x16 (mut i32) (i32.const 16))
  (global $x64 (mut i32) (i32.const 64))
  (global $end8 (mut i32) (i32.const 130064))   ;; + 1000 = 131072 - 8
  (global $endbig (mut i32) (i32.const 55512))  ;; + 992 + 0x12340 = 131072 - 8
  (global $i (mut i32) (i32.const 3))
  ;; x + 0x20 wraps past 2^32 to 16: in bounds, the same bytes as address 16
  (func $a_wrap_up (export "a_wrap_up") (result i32)
    (local $x i32)
    (local.set $x (global.get $neg16))
    (i32.store (i32.const 16) (i32.const 0x11223344))
    (i32.store (i32.add (local.get $x) (i32.const 0x24)) (i32.const 0x55667788))
    (i32.add (i32.load (i32.add (local.get $x) (i32.const 0x20)))
             (i32.load (i32.const 20))))
  ;; a negative constant: x - 32 with x = 64 is 32
;; negative constants: x - 32 with x = 64 is 32 (i64 accesses, so the
  ;; checked ones in trap mode are addressed from base + x too)
  (func $b_neg_ok (export "b_neg_ok") (result i32)
    (local $x i32)
    (local.set $x (global.get $x64))
    (i64.store (i32.sub (local.get $x) (i32.const 32)) (i64.const 0x000010e1000004d2))
    (i64.store (i32.sub (local.get $x) (i32.const 24)) (i64.const 7))
    (i32.sub (i32.add (i32.load (i32.const 32)) (i32.load (i32.const 40)))
             (i32.wrap_i64 (i64.load (i32.sub (local.get $x) (i32.const 28))))))
  ;; x - 32 with x = 16 wraps below 0 (0xfffffff0): out of bounds, after the
  ;; store at x - 8 = 8 (read by c_after)
  (func (export "c_neg_trap") (result i64)
    (local $x i32)
    (local.set $x (global.get $x16))
    (i64.store (i32.sub (local.get $x) (i32.const 8)) (i64.const 77))
    (i64.load (i32.sub (local.get $x) (i32.const 32))))
  (func (export "c_after") (result i32) (i32.load (i32.const 8)))
  ;; the last 8 bytes are in, one byte further is out: the i64 store at
  ;; x + 1000 is done, the one at x + 1001 traps
  (func (export "d_edge_trap")
    (local $x i32)
    (local.set $x (global.get $end8))
    (i64.store (i32.add (local.get $x) (i32.const 1000)) (i64.const 0x0102030405060708))
    (i64.store (i32.add (local.get $x) (i32.const 1001)) (i64.const -1)))
  (func (export "d_after") (result i64) (i64.load (i32.const 131064)))
  ;; an i32 at the last word is in, one byte further is out
  (func (export "e_edge32_trap") (result i32)
    (local $x i32)
    (local.set $x (global.get $end8))
    (i32.store (i32.add (local.get $x) (i32.const 1004)) (i32.const 99))
    (i32.load (i32.add (local.get $x) (i32.const 1005))))
  (func (export "e_after") (result i32) (i32.load (i32.const 131068)))
  ;; offsets above 4095 (memarg and constant together): the first store is
  ;; at 131064, the load at 131069 reaches one byte out and traps
  (func (export "f_bigoff_trap") (result i32)
    (local $x i32)
    (local.set $x (global.get $endbig))
    (i32.store offset=0x12340 (i32.add (local.get $x) (i32.const 992)) (i32.const 5))
    (i32.store offset=0x12344 (i32.add (local.get $x) (i32.const 992)) (i32.const 6))
    (i32.load offset=0x12340 (i32.add (local.get $x) (i32.const 997))))
  (func (export "f_after") (result i32)
    (i32.add (i32.mul (i32.load (i32.const 131064)) (i32.const 10)) (i32.load (i32.const 131068))))
  ;; constant indices: below and above 4095, and the first one out
  (func $g_const (export "g_const") (result i32)
    (i32.store (i32.const 1064) (i32.const 3))
    (i32.store (i32.const 70000) (i32.const 4))
    (i32.store16 (i32.const 131070) (i32.const 5))
    (i32.add (i32.add (i32.load (i32.const 1064)) (i32.load (i32.const 70000)))
             (i32.load16_u (i32.const 131070))))
  (func (export "g_const_trap") (result i32) (i32.load (i32.const 131069)))
  ;; struct fields b[i].f at i*56 + 1072 + 8f, f64 and i64 pairs at the
  ;; top of the immediate range (x + 4092: its second word is at + 4096)
  (func $h_fields (export "h_fields") (result i64)
    (local $p i32)
    (local.set $p (i32.mul (global.get $i) (i32.const 56)))
    (f64.store (i32.add (local.get $p) (i32.const 1072)) (f64.const 1.5))
    (f64.store (i32.add (local.get $p) (i32.const 1080)) (f64.const 2.25))
    (i64.store (i32.add (local.get $p) (i32.const 4092)) (i64.const 0x0a0b0c0d01020304))
    (i64.store offset=4088 (i32.add (local.get $p) (i32.const 4)) (i64.const 0x1111111122222222))
    (i64.add
      (i64.trunc_f64_s (f64.mul (f64.const 100)
        (f64.add (f64.load (i32.add (local.get $p) (i32.const 1072)))
                 (f64.load (i32.add (local.get $p) (i32.const 1080))))))
      (i64.add (i64.load (i32.add (local.get $p) (i32.const 4092)))
               (i64.load8_u (i32.add (local.get $p) (i32.const 4099))))))
;; a counted loop (in mask mode its accesses are proven in bounds, so
  ;; unmasked and reassociated): i64 at i*8 + 3000, read back as words
  (func $j_loop (export "j_loop") (result i32)
    (local $i i32) (local $s i32)
    (loop $l
      (i64.store (i32.add (i32.shl (local.get $i) (i32.const 3)) (i32.const 3000))
                 (i64.or (i64.extend_i32_u (i32.mul (local.get $i) (i32.const 3)))
                         (i64.shl (i64.extend_i32_u (local.get $i)) (i64.const 32))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 64))))
    (local.set $i (i32.const 0))
    (loop $l
      (local.set $s (i32.add (local.get $s)
        (i32.mul (i32.load (i32.add (i32.shl (local.get $i) (i32.const 3)) (i32.const 3000)))
                 (i32.load (i32.sub (i32.shl (local.get $i) (i32.const 3)) (i32.const -3004))))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 64))))
    (local.get $s))
  ;; scaled indices [base, i, lsl #2] and, in a loop, a defined memory's
  ;; base + constant as a register ([M__mem0 - 8, i, lsl #2]: a negative
  ;; relocation addend), and a constant beyond a relocation's addend (70000)
  (func $k_loop (export "k_loop") (result i32)
    (local $i i32) (local $s i32)
    (local.set $i (i32.const 2))
    (loop $l
      (i32.store (i32.add (i32.shl (local.get $i) (i32.const 2)) (i32.const 70000)) (local.get $i))
      (i32.store (i32.sub (i32.shl (local.get $i) (i32.const 2)) (i32.const 8))
                 (i32.mul (local.get $i) (i32.const 7)))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 40))))
    (local.set $i (i32.const 0))
    (loop $l
      (local.set $s (i32.add (local.get $s)
        (i32.xor (i32.load (i32.shl (local.get $i) (i32.const 2)))
                 (i32.load offset=70008 (i32.shl (local.get $i) (i32.const 2))))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 38))))
    (local.get $s))
  ;; the exports that stay in bounds, for --bounds=none and mask (where an
  ;; access out of bounds is not defined): their results summed
  (func (export "i_inbounds") (result i64)
    (i64.add
      (i64.add (i64.extend_i32_u (call $a_wrap_up)) (i64.extend_i32_u (call $b_neg_ok)))
      (i64.add (i64.add (i64.extend_i32_u (call $g_const)) (call $h_fields))
               (i64.add (i64.extend_i32_u (call $j_loop)) (i64.extend_i32_u (call $k_loop))))))
)
