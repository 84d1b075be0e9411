;; deep.wat - recursion 100,000 calls deep: more than the default 256 KiB
;; main stack holds, within 2 MiB (synth run --stack, tests/run).
(module
  (func $down (export "down") (param i32) (result i32)
    (local i64 i64 i64 i64)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1))))))))
