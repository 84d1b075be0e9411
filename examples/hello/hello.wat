;; hello.wat - a two-memory component: a private scratch memory and a
;; mailbox memory shared with its peer, with a function that copies a
;; message between them. The first thing to try with Synth:
;;   synth validate hello.wasm && synth inspect hello.wasm
(module $hello
  (memory $private (export "private") 1 1)
  (memory $mailbox (export "mailbox") 1 1)
  (data (memory $private) (i32.const 0) "hello, isolated world\n")
  ;; Copies len bytes from private[src] to mailbox[dst]; returns the end.
  (func (export "post") (param $dst i32) (param $src i32) (param $len i32) (result i32)
    (memory.copy $mailbox $private (local.get $dst) (local.get $src) (local.get $len))
    (i32.add (local.get $dst) (local.get $len)))
  ;; Sums the bytes of the mailbox in [0, len).
  (func (export "checksum") (param $len i32) (result i32)
    (local $i i32) (local $sum i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (local.set $sum (i32.add (local.get $sum)
                                 (i32.load8_u $mailbox (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $sum))
  ;; Posts the greeting to the mailbox and returns its checksum (2055).
  (func (export "demo") (result i32)
    (drop (call 0 (i32.const 0) (i32.const 0) (i32.const 22)))
    (call 1 (i32.const 22))))
