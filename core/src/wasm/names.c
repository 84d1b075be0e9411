/* names.c - names of value types and external kinds, and the UTF-8 check
 * the binary format requires of every name (Unicode scalar values only:
 * no overlong forms, no surrogates, nothing above U+10FFFF). */
#include "internal.h"

const char *synth_valtype_name(uint8_t type)
{
	switch (type) {
	case SYNTH_I32: return "i32";
	case SYNTH_I64: return "i64";
	case SYNTH_F32: return "f32";
	case SYNTH_F64: return "f64";
	case SYNTH_V128: return "v128";
	case SYNTH_FUNCREF: return "funcref";
	case SYNTH_EXTERNREF: return "externref";
	}
	return "?";
}

const char *synth_extern_kind_name(SynthExternKind kind)
{
	switch (kind) {
	case SYNTH_EXTERN_FUNC: return "func";
	case SYNTH_EXTERN_TABLE: return "table";
	case SYNTH_EXTERN_MEMORY: return "memory";
	case SYNTH_EXTERN_GLOBAL: return "global";
	}
	return "?";
}

bool sy_utf8_valid(const uint8_t *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		uint8_t b = s[i];
		if (b < 0x80) {
			i++;
			continue;
		}
		size_t len;
		uint32_t cp, min;
		if ((b & 0xe0) == 0xc0) {
			len = 2, cp = b & 0x1f, min = 0x80;
		} else if ((b & 0xf0) == 0xe0) {
			len = 3, cp = b & 0x0f, min = 0x800;
		} else if ((b & 0xf8) == 0xf0) {
			len = 4, cp = b & 0x07, min = 0x10000;
		} else {
			return false;
		}
		if (n - i < len)
			return false;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += len;
	}
	return true;
}
