/* opcodes.h - the WebAssembly instruction set as X-macro tables, written
 * once and expanded wherever opcodes are named, decoded or checked.
 *
 * SY_OPS(X): single-byte opcodes. X(code, name, kind, a, b, r) where kind
 * says how the instruction is decoded and checked; for kind NUM (plain
 * numeric instructions) a and b are the operand types (0 = none) and r the
 * result type; for MEM (loads/stores) a is the natural alignment (log2), b
 * the value type and r is 1 for stores.
 * SY_OPS_FC(X): the 0xFC-prefixed instructions, same columns.
 * SY_OPS_FD(X): fixed-width SIMD (0xFD prefix), X(code, name, kind, a, b):
 * a is a scalar type or maximum alignment, b a lane count. */
#ifndef SYNTH_OPCODES_H
#define SYNTH_OPCODES_H

#include <stdint.h>

#define T_I32 0x7f
#define T_I64 0x7e
#define T_F32 0x7d
#define T_F64 0x7c
#define T_V128 0x7b
#define T_FUNCREF 0x70
#define T_EXTERNREF 0x6f

#define SY_OPS(X) \
	X(0x00, "unreachable", UNREACHABLE, 0, 0, 0) \
	X(0x01, "nop", NOP, 0, 0, 0) \
	X(0x02, "block", BLOCK, 0, 0, 0) \
	X(0x03, "loop", LOOP, 0, 0, 0) \
	X(0x04, "if", IF, 0, 0, 0) \
	X(0x05, "else", ELSE, 0, 0, 0) \
	X(0x0b, "end", END, 0, 0, 0) \
	X(0x0c, "br", BR, 0, 0, 0) \
	X(0x0d, "br_if", BR_IF, 0, 0, 0) \
	X(0x0e, "br_table", BR_TABLE, 0, 0, 0) \
	X(0x0f, "return", RETURN, 0, 0, 0) \
	X(0x10, "call", CALL, 0, 0, 0) \
	X(0x11, "call_indirect", CALL_INDIRECT, 0, 0, 0) \
	X(0x1a, "drop", DROP, 0, 0, 0) \
	X(0x1b, "select", SELECT, 0, 0, 0) \
	X(0x1c, "select", SELECT_T, 0, 0, 0) \
	X(0x20, "local.get", LOCAL_GET, 0, 0, 0) \
	X(0x21, "local.set", LOCAL_SET, 0, 0, 0) \
	X(0x22, "local.tee", LOCAL_TEE, 0, 0, 0) \
	X(0x23, "global.get", GLOBAL_GET, 0, 0, 0) \
	X(0x24, "global.set", GLOBAL_SET, 0, 0, 0) \
	X(0x25, "table.get", TABLE_GET, 0, 0, 0) \
	X(0x26, "table.set", TABLE_SET, 0, 0, 0) \
	X(0x28, "i32.load", MEM, 2, T_I32, 0) \
	X(0x29, "i64.load", MEM, 3, T_I64, 0) \
	X(0x2a, "f32.load", MEM, 2, T_F32, 0) \
	X(0x2b, "f64.load", MEM, 3, T_F64, 0) \
	X(0x2c, "i32.load8_s", MEM, 0, T_I32, 0) \
	X(0x2d, "i32.load8_u", MEM, 0, T_I32, 0) \
	X(0x2e, "i32.load16_s", MEM, 1, T_I32, 0) \
	X(0x2f, "i32.load16_u", MEM, 1, T_I32, 0) \
	X(0x30, "i64.load8_s", MEM, 0, T_I64, 0) \
	X(0x31, "i64.load8_u", MEM, 0, T_I64, 0) \
	X(0x32, "i64.load16_s", MEM, 1, T_I64, 0) \
	X(0x33, "i64.load16_u", MEM, 1, T_I64, 0) \
	X(0x34, "i64.load32_s", MEM, 2, T_I64, 0) \
	X(0x35, "i64.load32_u", MEM, 2, T_I64, 0) \
	X(0x36, "i32.store", MEM, 2, T_I32, 1) \
	X(0x37, "i64.store", MEM, 3, T_I64, 1) \
	X(0x38, "f32.store", MEM, 2, T_F32, 1) \
	X(0x39, "f64.store", MEM, 3, T_F64, 1) \
	X(0x3a, "i32.store8", MEM, 0, T_I32, 1) \
	X(0x3b, "i32.store16", MEM, 1, T_I32, 1) \
	X(0x3c, "i64.store8", MEM, 0, T_I64, 1) \
	X(0x3d, "i64.store16", MEM, 1, T_I64, 1) \
	X(0x3e, "i64.store32", MEM, 2, T_I64, 1) \
	X(0x3f, "memory.size", MEMORY_SIZE, 0, 0, 0) \
	X(0x40, "memory.grow", MEMORY_GROW, 0, 0, 0) \
	X(0x41, "i32.const", I32_CONST, 0, 0, 0) \
	X(0x42, "i64.const", I64_CONST, 0, 0, 0) \
	X(0x43, "f32.const", F32_CONST, 0, 0, 0) \
	X(0x44, "f64.const", F64_CONST, 0, 0, 0) \
	X(0x45, "i32.eqz", NUM, T_I32, 0, T_I32) \
	X(0x46, "i32.eq", NUM, T_I32, T_I32, T_I32) \
	X(0x47, "i32.ne", NUM, T_I32, T_I32, T_I32) \
	X(0x48, "i32.lt_s", NUM, T_I32, T_I32, T_I32) \
	X(0x49, "i32.lt_u", NUM, T_I32, T_I32, T_I32) \
	X(0x4a, "i32.gt_s", NUM, T_I32, T_I32, T_I32) \
	X(0x4b, "i32.gt_u", NUM, T_I32, T_I32, T_I32) \
	X(0x4c, "i32.le_s", NUM, T_I32, T_I32, T_I32) \
	X(0x4d, "i32.le_u", NUM, T_I32, T_I32, T_I32) \
	X(0x4e, "i32.ge_s", NUM, T_I32, T_I32, T_I32) \
	X(0x4f, "i32.ge_u", NUM, T_I32, T_I32, T_I32) \
	X(0x50, "i64.eqz", NUM, T_I64, 0, T_I32) \
	X(0x51, "i64.eq", NUM, T_I64, T_I64, T_I32) \
	X(0x52, "i64.ne", NUM, T_I64, T_I64, T_I32) \
	X(0x53, "i64.lt_s", NUM, T_I64, T_I64, T_I32) \
	X(0x54, "i64.lt_u", NUM, T_I64, T_I64, T_I32) \
	X(0x55, "i64.gt_s", NUM, T_I64, T_I64, T_I32) \
	X(0x56, "i64.gt_u", NUM, T_I64, T_I64, T_I32) \
	X(0x57, "i64.le_s", NUM, T_I64, T_I64, T_I32) \
	X(0x58, "i64.le_u", NUM, T_I64, T_I64, T_I32) \
	X(0x59, "i64.ge_s", NUM, T_I64, T_I64, T_I32) \
	X(0x5a, "i64.ge_u", NUM, T_I64, T_I64, T_I32) \
	X(0x5b, "f32.eq", NUM, T_F32, T_F32, T_I32) \
	X(0x5c, "f32.ne", NUM, T_F32, T_F32, T_I32) \
	X(0x5d, "f32.lt", NUM, T_F32, T_F32, T_I32) \
	X(0x5e, "f32.gt", NUM, T_F32, T_F32, T_I32) \
	X(0x5f, "f32.le", NUM, T_F32, T_F32, T_I32) \
	X(0x60, "f32.ge", NUM, T_F32, T_F32, T_I32) \
	X(0x61, "f64.eq", NUM, T_F64, T_F64, T_I32) \
	X(0x62, "f64.ne", NUM, T_F64, T_F64, T_I32) \
	X(0x63, "f64.lt", NUM, T_F64, T_F64, T_I32) \
	X(0x64, "f64.gt", NUM, T_F64, T_F64, T_I32) \
	X(0x65, "f64.le", NUM, T_F64, T_F64, T_I32) \
	X(0x66, "f64.ge", NUM, T_F64, T_F64, T_I32) \
	X(0x67, "i32.clz", NUM, T_I32, 0, T_I32) \
	X(0x68, "i32.ctz", NUM, T_I32, 0, T_I32) \
	X(0x69, "i32.popcnt", NUM, T_I32, 0, T_I32) \
	X(0x6a, "i32.add", NUM, T_I32, T_I32, T_I32) \
	X(0x6b, "i32.sub", NUM, T_I32, T_I32, T_I32) \
	X(0x6c, "i32.mul", NUM, T_I32, T_I32, T_I32) \
	X(0x6d, "i32.div_s", NUM, T_I32, T_I32, T_I32) \
	X(0x6e, "i32.div_u", NUM, T_I32, T_I32, T_I32) \
	X(0x6f, "i32.rem_s", NUM, T_I32, T_I32, T_I32) \
	X(0x70, "i32.rem_u", NUM, T_I32, T_I32, T_I32) \
	X(0x71, "i32.and", NUM, T_I32, T_I32, T_I32) \
	X(0x72, "i32.or", NUM, T_I32, T_I32, T_I32) \
	X(0x73, "i32.xor", NUM, T_I32, T_I32, T_I32) \
	X(0x74, "i32.shl", NUM, T_I32, T_I32, T_I32) \
	X(0x75, "i32.shr_s", NUM, T_I32, T_I32, T_I32) \
	X(0x76, "i32.shr_u", NUM, T_I32, T_I32, T_I32) \
	X(0x77, "i32.rotl", NUM, T_I32, T_I32, T_I32) \
	X(0x78, "i32.rotr", NUM, T_I32, T_I32, T_I32) \
	X(0x79, "i64.clz", NUM, T_I64, 0, T_I64) \
	X(0x7a, "i64.ctz", NUM, T_I64, 0, T_I64) \
	X(0x7b, "i64.popcnt", NUM, T_I64, 0, T_I64) \
	X(0x7c, "i64.add", NUM, T_I64, T_I64, T_I64) \
	X(0x7d, "i64.sub", NUM, T_I64, T_I64, T_I64) \
	X(0x7e, "i64.mul", NUM, T_I64, T_I64, T_I64) \
	X(0x7f, "i64.div_s", NUM, T_I64, T_I64, T_I64) \
	X(0x80, "i64.div_u", NUM, T_I64, T_I64, T_I64) \
	X(0x81, "i64.rem_s", NUM, T_I64, T_I64, T_I64) \
	X(0x82, "i64.rem_u", NUM, T_I64, T_I64, T_I64) \
	X(0x83, "i64.and", NUM, T_I64, T_I64, T_I64) \
	X(0x84, "i64.or", NUM, T_I64, T_I64, T_I64) \
	X(0x85, "i64.xor", NUM, T_I64, T_I64, T_I64) \
	X(0x86, "i64.shl", NUM, T_I64, T_I64, T_I64) \
	X(0x87, "i64.shr_s", NUM, T_I64, T_I64, T_I64) \
	X(0x88, "i64.shr_u", NUM, T_I64, T_I64, T_I64) \
	X(0x89, "i64.rotl", NUM, T_I64, T_I64, T_I64) \
	X(0x8a, "i64.rotr", NUM, T_I64, T_I64, T_I64) \
	X(0x8b, "f32.abs", NUM, T_F32, 0, T_F32) \
	X(0x8c, "f32.neg", NUM, T_F32, 0, T_F32) \
	X(0x8d, "f32.ceil", NUM, T_F32, 0, T_F32) \
	X(0x8e, "f32.floor", NUM, T_F32, 0, T_F32) \
	X(0x8f, "f32.trunc", NUM, T_F32, 0, T_F32) \
	X(0x90, "f32.nearest", NUM, T_F32, 0, T_F32) \
	X(0x91, "f32.sqrt", NUM, T_F32, 0, T_F32) \
	X(0x92, "f32.add", NUM, T_F32, T_F32, T_F32) \
	X(0x93, "f32.sub", NUM, T_F32, T_F32, T_F32) \
	X(0x94, "f32.mul", NUM, T_F32, T_F32, T_F32) \
	X(0x95, "f32.div", NUM, T_F32, T_F32, T_F32) \
	X(0x96, "f32.min", NUM, T_F32, T_F32, T_F32) \
	X(0x97, "f32.max", NUM, T_F32, T_F32, T_F32) \
	X(0x98, "f32.copysign", NUM, T_F32, T_F32, T_F32) \
	X(0x99, "f64.abs", NUM, T_F64, 0, T_F64) \
	X(0x9a, "f64.neg", NUM, T_F64, 0, T_F64) \
	X(0x9b, "f64.ceil", NUM, T_F64, 0, T_F64) \
	X(0x9c, "f64.floor", NUM, T_F64, 0, T_F64) \
	X(0x9d, "f64.trunc", NUM, T_F64, 0, T_F64) \
	X(0x9e, "f64.nearest", NUM, T_F64, 0, T_F64) \
	X(0x9f, "f64.sqrt", NUM, T_F64, 0, T_F64) \
	X(0xa0, "f64.add", NUM, T_F64, T_F64, T_F64) \
	X(0xa1, "f64.sub", NUM, T_F64, T_F64, T_F64) \
	X(0xa2, "f64.mul", NUM, T_F64, T_F64, T_F64) \
	X(0xa3, "f64.div", NUM, T_F64, T_F64, T_F64) \
	X(0xa4, "f64.min", NUM, T_F64, T_F64, T_F64) \
	X(0xa5, "f64.max", NUM, T_F64, T_F64, T_F64) \
	X(0xa6, "f64.copysign", NUM, T_F64, T_F64, T_F64) \
	X(0xa7, "i32.wrap_i64", NUM, T_I64, 0, T_I32) \
	X(0xa8, "i32.trunc_f32_s", NUM, T_F32, 0, T_I32) \
	X(0xa9, "i32.trunc_f32_u", NUM, T_F32, 0, T_I32) \
	X(0xaa, "i32.trunc_f64_s", NUM, T_F64, 0, T_I32) \
	X(0xab, "i32.trunc_f64_u", NUM, T_F64, 0, T_I32) \
	X(0xac, "i64.extend_i32_s", NUM, T_I32, 0, T_I64) \
	X(0xad, "i64.extend_i32_u", NUM, T_I32, 0, T_I64) \
	X(0xae, "i64.trunc_f32_s", NUM, T_F32, 0, T_I64) \
	X(0xaf, "i64.trunc_f32_u", NUM, T_F32, 0, T_I64) \
	X(0xb0, "i64.trunc_f64_s", NUM, T_F64, 0, T_I64) \
	X(0xb1, "i64.trunc_f64_u", NUM, T_F64, 0, T_I64) \
	X(0xb2, "f32.convert_i32_s", NUM, T_I32, 0, T_F32) \
	X(0xb3, "f32.convert_i32_u", NUM, T_I32, 0, T_F32) \
	X(0xb4, "f32.convert_i64_s", NUM, T_I64, 0, T_F32) \
	X(0xb5, "f32.convert_i64_u", NUM, T_I64, 0, T_F32) \
	X(0xb6, "f32.demote_f64", NUM, T_F64, 0, T_F32) \
	X(0xb7, "f64.convert_i32_s", NUM, T_I32, 0, T_F64) \
	X(0xb8, "f64.convert_i32_u", NUM, T_I32, 0, T_F64) \
	X(0xb9, "f64.convert_i64_s", NUM, T_I64, 0, T_F64) \
	X(0xba, "f64.convert_i64_u", NUM, T_I64, 0, T_F64) \
	X(0xbb, "f64.promote_f32", NUM, T_F32, 0, T_F64) \
	X(0xbc, "i32.reinterpret_f32", NUM, T_F32, 0, T_I32) \
	X(0xbd, "i64.reinterpret_f64", NUM, T_F64, 0, T_I64) \
	X(0xbe, "f32.reinterpret_i32", NUM, T_I32, 0, T_F32) \
	X(0xbf, "f64.reinterpret_i64", NUM, T_I64, 0, T_F64) \
	X(0xc0, "i32.extend8_s", NUM, T_I32, 0, T_I32) \
	X(0xc1, "i32.extend16_s", NUM, T_I32, 0, T_I32) \
	X(0xc2, "i64.extend8_s", NUM, T_I64, 0, T_I64) \
	X(0xc3, "i64.extend16_s", NUM, T_I64, 0, T_I64) \
	X(0xc4, "i64.extend32_s", NUM, T_I64, 0, T_I64) \
	X(0xd0, "ref.null", REF_NULL, 0, 0, 0) \
	X(0xd1, "ref.is_null", REF_IS_NULL, 0, 0, 0) \
	X(0xd2, "ref.func", REF_FUNC, 0, 0, 0)

#define SY_OPS_FC(X) \
	X(0, "i32.trunc_sat_f32_s", NUM, T_F32, 0, T_I32) \
	X(1, "i32.trunc_sat_f32_u", NUM, T_F32, 0, T_I32) \
	X(2, "i32.trunc_sat_f64_s", NUM, T_F64, 0, T_I32) \
	X(3, "i32.trunc_sat_f64_u", NUM, T_F64, 0, T_I32) \
	X(4, "i64.trunc_sat_f32_s", NUM, T_F32, 0, T_I64) \
	X(5, "i64.trunc_sat_f32_u", NUM, T_F32, 0, T_I64) \
	X(6, "i64.trunc_sat_f64_s", NUM, T_F64, 0, T_I64) \
	X(7, "i64.trunc_sat_f64_u", NUM, T_F64, 0, T_I64) \
	X(8, "memory.init", MEMORY_INIT, 0, 0, 0) \
	X(9, "data.drop", DATA_DROP, 0, 0, 0) \
	X(10, "memory.copy", MEMORY_COPY, 0, 0, 0) \
	X(11, "memory.fill", MEMORY_FILL, 0, 0, 0) \
	X(12, "table.init", TABLE_INIT, 0, 0, 0) \
	X(13, "elem.drop", ELEM_DROP, 0, 0, 0) \
	X(14, "table.copy", TABLE_COPY, 0, 0, 0) \
	X(15, "table.grow", TABLE_GROW, 0, 0, 0) \
	X(16, "table.size", TABLE_SIZE, 0, 0, 0) \
	X(17, "table.fill", TABLE_FILL, 0, 0, 0)

/* SIMD: kinds VLOAD (a = max align), VSTORE, VCONST, VSHUFFLE, VSPLAT (a =
 * scalar type), VEXTRACT and VREPLACE (a = scalar type, b = lanes), VUN,
 * VBIN, VTER, VTEST, VSHIFT, VLOADLANE and VSTORELANE (a = max align,
 * b = lanes). */
#define SY_OPS_FD(X) \
	X(0x00, "v128.load", VLOAD, 4, 0) \
	X(0x01, "v128.load8x8_s", VLOAD, 3, 0) \
	X(0x02, "v128.load8x8_u", VLOAD, 3, 0) \
	X(0x03, "v128.load16x4_s", VLOAD, 3, 0) \
	X(0x04, "v128.load16x4_u", VLOAD, 3, 0) \
	X(0x05, "v128.load32x2_s", VLOAD, 3, 0) \
	X(0x06, "v128.load32x2_u", VLOAD, 3, 0) \
	X(0x07, "v128.load8_splat", VLOAD, 0, 0) \
	X(0x08, "v128.load16_splat", VLOAD, 1, 0) \
	X(0x09, "v128.load32_splat", VLOAD, 2, 0) \
	X(0x0a, "v128.load64_splat", VLOAD, 3, 0) \
	X(0x0b, "v128.store", VSTORE, 4, 0) \
	X(0x0c, "v128.const", VCONST, 0, 0) \
	X(0x0d, "i8x16.shuffle", VSHUFFLE, 0, 0) \
	X(0x0e, "i8x16.swizzle", VBIN, 0, 0) \
	X(0x0f, "i8x16.splat", VSPLAT, T_I32, 0) \
	X(0x10, "i16x8.splat", VSPLAT, T_I32, 0) \
	X(0x11, "i32x4.splat", VSPLAT, T_I32, 0) \
	X(0x12, "i64x2.splat", VSPLAT, T_I64, 0) \
	X(0x13, "f32x4.splat", VSPLAT, T_F32, 0) \
	X(0x14, "f64x2.splat", VSPLAT, T_F64, 0) \
	X(0x15, "i8x16.extract_lane_s", VEXTRACT, T_I32, 16) \
	X(0x16, "i8x16.extract_lane_u", VEXTRACT, T_I32, 16) \
	X(0x17, "i8x16.replace_lane", VREPLACE, T_I32, 16) \
	X(0x18, "i16x8.extract_lane_s", VEXTRACT, T_I32, 8) \
	X(0x19, "i16x8.extract_lane_u", VEXTRACT, T_I32, 8) \
	X(0x1a, "i16x8.replace_lane", VREPLACE, T_I32, 8) \
	X(0x1b, "i32x4.extract_lane", VEXTRACT, T_I32, 4) \
	X(0x1c, "i32x4.replace_lane", VREPLACE, T_I32, 4) \
	X(0x1d, "i64x2.extract_lane", VEXTRACT, T_I64, 2) \
	X(0x1e, "i64x2.replace_lane", VREPLACE, T_I64, 2) \
	X(0x1f, "f32x4.extract_lane", VEXTRACT, T_F32, 4) \
	X(0x20, "f32x4.replace_lane", VREPLACE, T_F32, 4) \
	X(0x21, "f64x2.extract_lane", VEXTRACT, T_F64, 2) \
	X(0x22, "f64x2.replace_lane", VREPLACE, T_F64, 2) \
	X(0x23, "i8x16.eq", VBIN, 0, 0) X(0x24, "i8x16.ne", VBIN, 0, 0) \
	X(0x25, "i8x16.lt_s", VBIN, 0, 0) X(0x26, "i8x16.lt_u", VBIN, 0, 0) \
	X(0x27, "i8x16.gt_s", VBIN, 0, 0) X(0x28, "i8x16.gt_u", VBIN, 0, 0) \
	X(0x29, "i8x16.le_s", VBIN, 0, 0) X(0x2a, "i8x16.le_u", VBIN, 0, 0) \
	X(0x2b, "i8x16.ge_s", VBIN, 0, 0) X(0x2c, "i8x16.ge_u", VBIN, 0, 0) \
	X(0x2d, "i16x8.eq", VBIN, 0, 0) X(0x2e, "i16x8.ne", VBIN, 0, 0) \
	X(0x2f, "i16x8.lt_s", VBIN, 0, 0) X(0x30, "i16x8.lt_u", VBIN, 0, 0) \
	X(0x31, "i16x8.gt_s", VBIN, 0, 0) X(0x32, "i16x8.gt_u", VBIN, 0, 0) \
	X(0x33, "i16x8.le_s", VBIN, 0, 0) X(0x34, "i16x8.le_u", VBIN, 0, 0) \
	X(0x35, "i16x8.ge_s", VBIN, 0, 0) X(0x36, "i16x8.ge_u", VBIN, 0, 0) \
	X(0x37, "i32x4.eq", VBIN, 0, 0) X(0x38, "i32x4.ne", VBIN, 0, 0) \
	X(0x39, "i32x4.lt_s", VBIN, 0, 0) X(0x3a, "i32x4.lt_u", VBIN, 0, 0) \
	X(0x3b, "i32x4.gt_s", VBIN, 0, 0) X(0x3c, "i32x4.gt_u", VBIN, 0, 0) \
	X(0x3d, "i32x4.le_s", VBIN, 0, 0) X(0x3e, "i32x4.le_u", VBIN, 0, 0) \
	X(0x3f, "i32x4.ge_s", VBIN, 0, 0) X(0x40, "i32x4.ge_u", VBIN, 0, 0) \
	X(0x41, "f32x4.eq", VBIN, 0, 0) X(0x42, "f32x4.ne", VBIN, 0, 0) \
	X(0x43, "f32x4.lt", VBIN, 0, 0) X(0x44, "f32x4.gt", VBIN, 0, 0) \
	X(0x45, "f32x4.le", VBIN, 0, 0) X(0x46, "f32x4.ge", VBIN, 0, 0) \
	X(0x47, "f64x2.eq", VBIN, 0, 0) X(0x48, "f64x2.ne", VBIN, 0, 0) \
	X(0x49, "f64x2.lt", VBIN, 0, 0) X(0x4a, "f64x2.gt", VBIN, 0, 0) \
	X(0x4b, "f64x2.le", VBIN, 0, 0) X(0x4c, "f64x2.ge", VBIN, 0, 0) \
	X(0x4d, "v128.not", VUN, 0, 0) \
	X(0x4e, "v128.and", VBIN, 0, 0) \
	X(0x4f, "v128.andnot", VBIN, 0, 0) \
	X(0x50, "v128.or", VBIN, 0, 0) \
	X(0x51, "v128.xor", VBIN, 0, 0) \
	X(0x52, "v128.bitselect", VTER, 0, 0) \
	X(0x53, "v128.any_true", VTEST, 0, 0) \
	X(0x54, "v128.load8_lane", VLOADLANE, 0, 16) \
	X(0x55, "v128.load16_lane", VLOADLANE, 1, 8) \
	X(0x56, "v128.load32_lane", VLOADLANE, 2, 4) \
	X(0x57, "v128.load64_lane", VLOADLANE, 3, 2) \
	X(0x58, "v128.store8_lane", VSTORELANE, 0, 16) \
	X(0x59, "v128.store16_lane", VSTORELANE, 1, 8) \
	X(0x5a, "v128.store32_lane", VSTORELANE, 2, 4) \
	X(0x5b, "v128.store64_lane", VSTORELANE, 3, 2) \
	X(0x5c, "v128.load32_zero", VLOAD, 2, 0) \
	X(0x5d, "v128.load64_zero", VLOAD, 3, 0) \
	X(0x5e, "f32x4.demote_f64x2_zero", VUN, 0, 0) \
	X(0x5f, "f64x2.promote_low_f32x4", VUN, 0, 0) \
	X(0x60, "i8x16.abs", VUN, 0, 0) X(0x61, "i8x16.neg", VUN, 0, 0) \
	X(0x62, "i8x16.popcnt", VUN, 0, 0) X(0x63, "i8x16.all_true", VTEST, 0, 0) \
	X(0x64, "i8x16.bitmask", VTEST, 0, 0) \
	X(0x65, "i8x16.narrow_i16x8_s", VBIN, 0, 0) X(0x66, "i8x16.narrow_i16x8_u", VBIN, 0, 0) \
	X(0x67, "f32x4.ceil", VUN, 0, 0) X(0x68, "f32x4.floor", VUN, 0, 0) \
	X(0x69, "f32x4.trunc", VUN, 0, 0) X(0x6a, "f32x4.nearest", VUN, 0, 0) \
	X(0x6b, "i8x16.shl", VSHIFT, 0, 0) X(0x6c, "i8x16.shr_s", VSHIFT, 0, 0) \
	X(0x6d, "i8x16.shr_u", VSHIFT, 0, 0) X(0x6e, "i8x16.add", VBIN, 0, 0) \
	X(0x6f, "i8x16.add_sat_s", VBIN, 0, 0) X(0x70, "i8x16.add_sat_u", VBIN, 0, 0) \
	X(0x71, "i8x16.sub", VBIN, 0, 0) X(0x72, "i8x16.sub_sat_s", VBIN, 0, 0) \
	X(0x73, "i8x16.sub_sat_u", VBIN, 0, 0) X(0x74, "f64x2.ceil", VUN, 0, 0) \
	X(0x75, "f64x2.floor", VUN, 0, 0) X(0x76, "i8x16.min_s", VBIN, 0, 0) \
	X(0x77, "i8x16.min_u", VBIN, 0, 0) X(0x78, "i8x16.max_s", VBIN, 0, 0) \
	X(0x79, "i8x16.max_u", VBIN, 0, 0) X(0x7a, "f64x2.trunc", VUN, 0, 0) \
	X(0x7b, "i8x16.avgr_u", VBIN, 0, 0) \
	X(0x7c, "i16x8.extadd_pairwise_i8x16_s", VUN, 0, 0) \
	X(0x7d, "i16x8.extadd_pairwise_i8x16_u", VUN, 0, 0) \
	X(0x7e, "i32x4.extadd_pairwise_i16x8_s", VUN, 0, 0) \
	X(0x7f, "i32x4.extadd_pairwise_i16x8_u", VUN, 0, 0) \
	X(0x80, "i16x8.abs", VUN, 0, 0) X(0x81, "i16x8.neg", VUN, 0, 0) \
	X(0x82, "i16x8.q15mulr_sat_s", VBIN, 0, 0) X(0x83, "i16x8.all_true", VTEST, 0, 0) \
	X(0x84, "i16x8.bitmask", VTEST, 0, 0) \
	X(0x85, "i16x8.narrow_i32x4_s", VBIN, 0, 0) X(0x86, "i16x8.narrow_i32x4_u", VBIN, 0, 0) \
	X(0x87, "i16x8.extend_low_i8x16_s", VUN, 0, 0) X(0x88, "i16x8.extend_high_i8x16_s", VUN, 0, 0) \
	X(0x89, "i16x8.extend_low_i8x16_u", VUN, 0, 0) X(0x8a, "i16x8.extend_high_i8x16_u", VUN, 0, 0) \
	X(0x8b, "i16x8.shl", VSHIFT, 0, 0) X(0x8c, "i16x8.shr_s", VSHIFT, 0, 0) \
	X(0x8d, "i16x8.shr_u", VSHIFT, 0, 0) X(0x8e, "i16x8.add", VBIN, 0, 0) \
	X(0x8f, "i16x8.add_sat_s", VBIN, 0, 0) X(0x90, "i16x8.add_sat_u", VBIN, 0, 0) \
	X(0x91, "i16x8.sub", VBIN, 0, 0) X(0x92, "i16x8.sub_sat_s", VBIN, 0, 0) \
	X(0x93, "i16x8.sub_sat_u", VBIN, 0, 0) X(0x94, "f64x2.nearest", VUN, 0, 0) \
	X(0x95, "i16x8.mul", VBIN, 0, 0) X(0x96, "i16x8.min_s", VBIN, 0, 0) \
	X(0x97, "i16x8.min_u", VBIN, 0, 0) X(0x98, "i16x8.max_s", VBIN, 0, 0) \
	X(0x99, "i16x8.max_u", VBIN, 0, 0) X(0x9b, "i16x8.avgr_u", VBIN, 0, 0) \
	X(0x9c, "i16x8.extmul_low_i8x16_s", VBIN, 0, 0) X(0x9d, "i16x8.extmul_high_i8x16_s", VBIN, 0, 0) \
	X(0x9e, "i16x8.extmul_low_i8x16_u", VBIN, 0, 0) X(0x9f, "i16x8.extmul_high_i8x16_u", VBIN, 0, 0) \
	X(0xa0, "i32x4.abs", VUN, 0, 0) X(0xa1, "i32x4.neg", VUN, 0, 0) \
	X(0xa3, "i32x4.all_true", VTEST, 0, 0) X(0xa4, "i32x4.bitmask", VTEST, 0, 0) \
	X(0xa7, "i32x4.extend_low_i16x8_s", VUN, 0, 0) X(0xa8, "i32x4.extend_high_i16x8_s", VUN, 0, 0) \
	X(0xa9, "i32x4.extend_low_i16x8_u", VUN, 0, 0) X(0xaa, "i32x4.extend_high_i16x8_u", VUN, 0, 0) \
	X(0xab, "i32x4.shl", VSHIFT, 0, 0) X(0xac, "i32x4.shr_s", VSHIFT, 0, 0) \
	X(0xad, "i32x4.shr_u", VSHIFT, 0, 0) X(0xae, "i32x4.add", VBIN, 0, 0) \
	X(0xb1, "i32x4.sub", VBIN, 0, 0) X(0xb5, "i32x4.mul", VBIN, 0, 0) \
	X(0xb6, "i32x4.min_s", VBIN, 0, 0) X(0xb7, "i32x4.min_u", VBIN, 0, 0) \
	X(0xb8, "i32x4.max_s", VBIN, 0, 0) X(0xb9, "i32x4.max_u", VBIN, 0, 0) \
	X(0xba, "i32x4.dot_i16x8_s", VBIN, 0, 0) \
	X(0xbc, "i32x4.extmul_low_i16x8_s", VBIN, 0, 0) X(0xbd, "i32x4.extmul_high_i16x8_s", VBIN, 0, 0) \
	X(0xbe, "i32x4.extmul_low_i16x8_u", VBIN, 0, 0) X(0xbf, "i32x4.extmul_high_i16x8_u", VBIN, 0, 0) \
	X(0xc0, "i64x2.abs", VUN, 0, 0) X(0xc1, "i64x2.neg", VUN, 0, 0) \
	X(0xc3, "i64x2.all_true", VTEST, 0, 0) X(0xc4, "i64x2.bitmask", VTEST, 0, 0) \
	X(0xc7, "i64x2.extend_low_i32x4_s", VUN, 0, 0) X(0xc8, "i64x2.extend_high_i32x4_s", VUN, 0, 0) \
	X(0xc9, "i64x2.extend_low_i32x4_u", VUN, 0, 0) X(0xca, "i64x2.extend_high_i32x4_u", VUN, 0, 0) \
	X(0xcb, "i64x2.shl", VSHIFT, 0, 0) X(0xcc, "i64x2.shr_s", VSHIFT, 0, 0) \
	X(0xcd, "i64x2.shr_u", VSHIFT, 0, 0) X(0xce, "i64x2.add", VBIN, 0, 0) \
	X(0xd1, "i64x2.sub", VBIN, 0, 0) X(0xd5, "i64x2.mul", VBIN, 0, 0) \
	X(0xd6, "i64x2.eq", VBIN, 0, 0) X(0xd7, "i64x2.ne", VBIN, 0, 0) \
	X(0xd8, "i64x2.lt_s", VBIN, 0, 0) X(0xd9, "i64x2.gt_s", VBIN, 0, 0) \
	X(0xda, "i64x2.le_s", VBIN, 0, 0) X(0xdb, "i64x2.ge_s", VBIN, 0, 0) \
	X(0xdc, "i64x2.extmul_low_i32x4_s", VBIN, 0, 0) X(0xdd, "i64x2.extmul_high_i32x4_s", VBIN, 0, 0) \
	X(0xde, "i64x2.extmul_low_i32x4_u", VBIN, 0, 0) X(0xdf, "i64x2.extmul_high_i32x4_u", VBIN, 0, 0) \
	X(0xe0, "f32x4.abs", VUN, 0, 0) X(0xe1, "f32x4.neg", VUN, 0, 0) \
	X(0xe3, "f32x4.sqrt", VUN, 0, 0) X(0xe4, "f32x4.add", VBIN, 0, 0) \
	X(0xe5, "f32x4.sub", VBIN, 0, 0) X(0xe6, "f32x4.mul", VBIN, 0, 0) \
	X(0xe7, "f32x4.div", VBIN, 0, 0) X(0xe8, "f32x4.min", VBIN, 0, 0) \
	X(0xe9, "f32x4.max", VBIN, 0, 0) X(0xea, "f32x4.pmin", VBIN, 0, 0) \
	X(0xeb, "f32x4.pmax", VBIN, 0, 0) \
	X(0xec, "f64x2.abs", VUN, 0, 0) X(0xed, "f64x2.neg", VUN, 0, 0) \
	X(0xef, "f64x2.sqrt", VUN, 0, 0) X(0xf0, "f64x2.add", VBIN, 0, 0) \
	X(0xf1, "f64x2.sub", VBIN, 0, 0) X(0xf2, "f64x2.mul", VBIN, 0, 0) \
	X(0xf3, "f64x2.div", VBIN, 0, 0) X(0xf4, "f64x2.min", VBIN, 0, 0) \
	X(0xf5, "f64x2.max", VBIN, 0, 0) X(0xf6, "f64x2.pmin", VBIN, 0, 0) \
	X(0xf7, "f64x2.pmax", VBIN, 0, 0) \
	X(0xf8, "i32x4.trunc_sat_f32x4_s", VUN, 0, 0) X(0xf9, "i32x4.trunc_sat_f32x4_u", VUN, 0, 0) \
	X(0xfa, "f32x4.convert_i32x4_s", VUN, 0, 0) X(0xfb, "f32x4.convert_i32x4_u", VUN, 0, 0) \
	X(0xfc, "i32x4.trunc_sat_f64x2_s_zero", VUN, 0, 0) X(0xfd, "i32x4.trunc_sat_f64x2_u_zero", VUN, 0, 0) \
	X(0xfe, "f64x2.convert_low_i32x4_s", VUN, 0, 0) X(0xff, "f64x2.convert_low_i32x4_u", VUN, 0, 0)

/* Instruction kinds (how an opcode is decoded and checked). */
enum {
	OPK_ILLEGAL = 0,
	OPK_UNREACHABLE, OPK_NOP, OPK_BLOCK, OPK_LOOP, OPK_IF, OPK_ELSE, OPK_END, OPK_BR,
	OPK_BR_IF, OPK_BR_TABLE, OPK_RETURN, OPK_CALL, OPK_CALL_INDIRECT, OPK_DROP,
	OPK_SELECT, OPK_SELECT_T, OPK_LOCAL_GET, OPK_LOCAL_SET, OPK_LOCAL_TEE,
	OPK_GLOBAL_GET, OPK_GLOBAL_SET, OPK_TABLE_GET, OPK_TABLE_SET, OPK_MEM,
	OPK_MEMORY_SIZE, OPK_MEMORY_GROW, OPK_I32_CONST, OPK_I64_CONST, OPK_F32_CONST,
	OPK_F64_CONST, OPK_NUM, OPK_REF_NULL, OPK_REF_IS_NULL, OPK_REF_FUNC,
	OPK_MEMORY_INIT, OPK_DATA_DROP, OPK_MEMORY_COPY, OPK_MEMORY_FILL, OPK_TABLE_INIT,
	OPK_ELEM_DROP, OPK_TABLE_COPY, OPK_TABLE_GROW, OPK_TABLE_SIZE, OPK_TABLE_FILL,
	OPK_VLOAD, OPK_VSTORE, OPK_VCONST, OPK_VSHUFFLE, OPK_VSPLAT, OPK_VEXTRACT,
	OPK_VREPLACE, OPK_VUN, OPK_VBIN, OPK_VTER, OPK_VTEST, OPK_VSHIFT, OPK_VLOADLANE,
	OPK_VSTORELANE,
};

/* One row of an opcode table, indexed by the (sub)opcode. */
typedef struct SyOpInfo {
	const char *name;  /* mnemonic, NULL for an unassigned opcode */
	uint8_t kind;      /* OPK_* */
	uint8_t a, b, r;   /* kind-specific columns (see above) */
} SyOpInfo;

extern const SyOpInfo sy_ops[256];     /* single-byte opcodes */
extern const SyOpInfo sy_ops_fc[18];   /* 0xFC prefix */
extern const SyOpInfo sy_ops_fd[256];  /* 0xFD prefix (SIMD) */

#endif
