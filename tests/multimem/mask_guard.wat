;; mask_guard.wat - --bounds=mask wraps an address inside the memory's
;; power-of-two reservation, but an access wider than one byte at the last
;; offsets reaches past it (an 8-byte store at 0xffff touches 7 bytes
;; beyond). mask_guard.c shows that without an MPU those bytes of the next
;; memory change, and that with the MPU region boundary at the end of the
;; reservation (what mask mode is meant to run under) the store faults and
;; the neighbour is unchanged.
(module
  (memory (export "a") 1 1)
  (memory (export "b") 1 1)
  (func (export "store64") (param i32 i64) (i64.store (local.get 0) (local.get 1))))
