# traps-gen.py - writes traps.wat beside it (python3 traps-gen.py); the
# expected output, traps.expected, is wasm-interp --run-all-exports's in
# synth run's wording (core/runtime/README.md, "Traps").
import os
pad = 36
def padding(base):
    out=[]
    for i in range(pad):
        bit = 1 << (i % 31)
        off1 = 4 * (base + i); off2 = 4 * (base + i + 64)
        out.append(f"    (if (i32.and (local.get $a) (i32.const {bit}))\n"
                   f"      (then (local.set $s (i32.add (local.get $s) (i32.load offset={off1} (local.get $p)))))\n"
                   f"      (else (local.set $s (i32.xor (local.get $s) (i32.load offset={off2} (local.get $p))))))")
    return "\n".join(out)
def site(pos):
    return f"""    (if (i32.eq (local.get $pos) (i32.const {pos}))
      (then
        (if (i32.eq (local.get $k) (i32.const 1)) (then (local.set $s (i32.add (local.get $s) (i32.load (local.get $q))))))
        (if (i32.eq (local.get $k) (i32.const 2)) (then unreachable))
        (if (i32.eq (local.get $k) (i32.const 3)) (then (local.set $s (i32.add (local.get $s) (i32.div_u (local.get $a) (local.get $z))))))
        (if (i32.eq (local.get $k) (i32.const 4)) (then (local.set $s (i32.add (local.get $s) (i32.div_s (local.get $q) (local.get $m1))))))
        (if (i32.eq (local.get $k) (i32.const 5)) (then (local.set $s (i32.add (local.get $s) (call_indirect (type $t1) (local.get $a) (local.get $z))))))
        (if (i32.eq (local.get $k) (i32.const 6)) (then (local.set $s (i32.add (local.get $s) (call $big (local.get $k) (local.get $pos) (local.get $a) (local.get $p) (local.get $q) (local.get $z) (local.get $m1))))))
        (if (i32.eq (local.get $k) (i32.const 7)) (then (local.set $s (i32.add (local.get $s) (i32.trunc_f32_s (f32.reinterpret_i32 (local.get $q)))))))))"""
kinds=[(1,"oob",0x7ffffff0),(2,"unreachable",0),(3,"divzero",0),(4,"overflow",-0x80000000),(5,"indirect",0),(6,"stack",0),(7,"conversion",0x7fc00000)]
exports=[]
for k,name,q in kinds:
    for pos,pn in ((0,"near"),(1,"mid"),(2,"far")):
        exports.append(f'  (func (export "{name}_{pn}") (result i32)\n'
                       f'    (call $big (i32.const {k}) (i32.const {pos}) (i32.const 0x5a5a5a5a) (i32.const 16) (i32.const {q}) (i32.const 0) (i32.const -1)))')
N=40
ll=[]
for i in range(N):
    ll.append(f"    (global.set $g (i32.const {i}))\n"
              f"    (local.set $s (i32.add (local.get $s) (i32.load (i32.add (local.get $p) (select (i32.const 0x7fff0000) (i32.const {4*i}) (i32.eq (local.get $bad) (i32.const {i})))))))")
line_func = "  (func $line (param $p i32) (param $bad i32) (result i32)\n    (local $s i32)\n" + "\n".join(ll) + "\n    (local.get $s))"
for bad in (0, 1, 20, 39):
    exports.append(f'  (func (export "line_trap_{bad}") (result i32) (call $line (i32.const 0) (i32.const {bad})))')
    exports.append(f'  (func (export "line_where_{bad}") (result i32) (global.get $g))')
exports.append('  (func (export "line_ok") (result i32) (call $line (i32.const 0) (i32.const -1)))')
src=f""";; traps.wat - every trap kind raised from near and far code of one
;; function larger than a 16-bit conditional branch reaches (about 1.7 KiB
;; of bounds-checked loads): its trap branches go to `udf #code` islands
;; between its blocks or to the end stubs (core/src/arm/emit.c,
;; plan_islands), and each must still be reported as the trap of its kind
;; by the access that raises it. Written by traps-gen.py (36 if/else
;; blocks of two loads between the three trap sites); the expected output
;; is wasm-interp's (--run-all-exports) in synth run's wording. $big(k, pos, ...) raises trap k at
;; site pos (0 near the entry, 1 in the middle, 2 near the end) and
;; otherwise sums loads; "sum" runs it without a trap. $line(p, bad) is 40
;; bounds-checked loads in straight-line code (no barrier for an island),
;; each after a global.set of its index; the load number bad traps (its
;; address is out of bounds): its B<c> chains to an earlier one with the
;; same condition (plan_islands), and $g tells that the trap came at that
;; access, after the global.set before it and before the next one.
(module
  (type $t1 (func (param i32) (result i32)))
  (type $t0 (func (result i32)))
  (memory 1 1)
  (global $g (mut i32) (i32.const -1))
  (table 1 funcref)
  (elem (i32.const 0) $seven)
  (func $seven (result i32) (i32.const 7))
  (func $big (param $k i32) (param $pos i32) (param $a i32) (param $p i32) (param $q i32) (param $z i32) (param $m1 i32) (result i32)
    (local $s i32)
{site(0)}
{padding(0)}
{site(1)}
{padding(pad)}
{site(2)}
    (local.get $s))
  (data (i32.const 0) "\\01\\02\\03\\04\\05\\06\\07\\08\\09\\0a\\0b\\0c\\0d\\0e\\0f\\10")
{line_func}
  (func (export "sum") (result i32)
    (call $big (i32.const 0) (i32.const 9) (i32.const 0x5a5a5a5a) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const -1)))
  (func (export "sum_odd") (result i32)
    (call $big (i32.const 0) (i32.const 9) (i32.const 0x35353535) (i32.const 1) (i32.const 0) (i32.const 0) (i32.const -1)))
{chr(10).join(exports)}
)
"""
open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'traps.wat'), 'w').write(src)
