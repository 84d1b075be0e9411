/* elf.c - the ELF32 relocatable-object writer (see elf.h).
 *
 * The file written is, in order: the 52-byte ELF header; the contents of
 * every section in section-index order, each at a file offset aligned to
 * min(sh_addralign, 16) (a relocatable file needs no more: the linker copies
 * the bytes); the section header table, 4-aligned, last. Section indices:
 *
 *   0            the null section
 *   1..n         user sections, in creation order
 *   then         .rel<name> for each user section with relocations, in order
 *   then         .ARM.attributes if set, .symtab, .strtab, .shstrtab
 *
 * The symbol table is the null symbol, the local symbols (first the $t that
 * elf_write adds to code sections lacking one at offset 0, then the others
 * in creation order), then the global and weak ones in creation order;
 * sh_info is the index of the first non-local one, as ELF requires. String
 * tables hold each distinct string once. Nothing depends on time, addresses
 * or hash iteration order, so equal calls give equal bytes.
 *
 * .ARM.attributes (AAELF "Build attributes"): a version byte 'A', then one
 * vendor subsection: u32 length (counting itself), "aeabi\0", then one
 * Tag_File (1) sub-subsection: tag byte, u32 length (counting tag and
 * length), then (ULEB128 tag, value) pairs in ascending tag order, where the
 * value is NUL-terminated text for Tag_CPU_name and a ULEB128 otherwise.
 * e_flags is EF_ARM_EABI_VER5 alone: gas and clang leave the float-ABI bits
 * of relocatable objects clear (ld sets them in executables from
 * Tag_ABI_VFP_args, and refuses to mix VFP-argument objects with others).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "elf.h"

/* A growable byte array. */
typedef struct ElfBuf {
	uint8_t *p;         /* bytes */
	size_t len, cap;    /* used, allocated */
} ElfBuf;

/* A string table: bytes plus an open-addressing index of its strings. */
typedef struct ElfStrtab {
	ElfBuf buf;         /* "\0" then each distinct string with its NUL */
	uint32_t *slot;     /* offset + 1 of a string in buf, 0 = empty slot */
	int32_t *owner;     /* per slot: handle of the non-local symbol of that name */
	size_t nslot;       /* a power of two (0 before the first insertion) */
	size_t used;        /* occupied slots */
} ElfStrtab;

/* A relocation as recorded. */
typedef struct ElfRelRec {
	uint32_t offset;    /* r_offset in the section */
	uint32_t type;      /* R_ARM_* */
	int32_t sym;        /* symbol handle */
} ElfRelRec;

/* A user section as recorded. */
typedef struct ElfSec {
	uint32_t name;      /* offset in .shstrtab */
	uint32_t type, flags, align; /* sh_type, sh_flags, sh_addralign */
	ElfBuf data;        /* PROGBITS contents; for NOBITS only len counts */
	ElfRelRec *rel;     /* its relocations */
	size_t nrel, caprel;/* used, allocated */
	int32_t secsym;     /* handle of its STT_SECTION symbol, 0 if none yet */
	bool map0;          /* a mapping symbol sits at offset 0 */
} ElfSec;

/* A symbol as recorded. */
typedef struct ElfSymRec {
	uint32_t name;      /* offset in .strtab (0 for section symbols) */
	uint32_t value, size; /* offset in its section (or absolute value), st_size */
	int32_t sec;        /* user section index, ELF_UNDEF or ELF_ABS */
	uint8_t bind;       /* STB_* */
	uint8_t type;       /* STT_* */
	bool thumb;         /* STT_FUNC in Thumb code: bit 0 set on output */
} ElfSymRec;

struct ElfObj {
	const SyAlloc *a;   /* every allocation */
	ElfSec *sec;        /* user sections; sec[i - 1] has ELF index i */
	size_t nsec, capsec;/* used, allocated */
	ElfSymRec *sym;     /* symbols; handle h is sym[h - 1] */
	size_t nsym, capsym;/* used, allocated */
	ElfStrtab strtab;   /* symbol names */
	ElfStrtab shstrtab; /* section names */
	ElfBuf attrs;       /* contents of .ARM.attributes (empty = no section) */
	ElfBuf out;         /* the last image written */
	ElfErr err;         /* first error */
	char msg[160];      /* its message */
};

enum { ELF_MAX_SECTIONS = SHN_LORESERVE - 8 };

static ElfErr fail(ElfObj *o, ElfErr e, const char *fmt, ...) SY_PRINTF(3, 4);

static ElfErr fail(ElfObj *o, ElfErr e, const char *fmt, ...)
{
	if (o->err)
		return o->err;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(o->msg, sizeof o->msg, fmt, ap);
	va_end(ap);
	o->err = e;
	return e;
}

static ElfErr nomem(ElfObj *o) { return fail(o, ELF_ERR_NOMEM, "out of memory"); }

/* Makes room for n more elements of size elt in *arr (capacity *cap, n used). */
static bool grow(ElfObj *o, void **arr, size_t *cap, size_t used, size_t more, size_t elt)
{
	if (more <= *cap - used)
		return true;
	size_t ncap = *cap ? *cap : 16;
	while (ncap - used < more) {
		if (ncap > SIZE_MAX / 2 / elt) {
			nomem(o);
			return false;
		}
		ncap *= 2;
	}
	void *p = sy_realloc(o->a, *arr, *cap * elt, ncap * elt);
	if (!p) {
		nomem(o);
		return false;
	}
	*arr = p;
	*cap = ncap;
	return true;
}

static bool buf_put(ElfObj *o, ElfBuf *b, const void *data, size_t n)
{
	if (!grow(o, (void **)&b->p, &b->cap, b->len, n, 1))
		return false;
	if (n) {
		if (data)
			memcpy(b->p + b->len, data, n);
		else
			memset(b->p + b->len, 0, n);
	}
	b->len += n;
	return true;
}

static void wr16(uint8_t *p, uint32_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static void wr32(uint8_t *p, uint32_t v) { wr16(p, v); wr16(p + 2, v >> 16); }
static uint32_t rd16(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }

static bool buf_u8(ElfObj *o, ElfBuf *b, uint32_t v)
{
	uint8_t c = (uint8_t)v;
	return buf_put(o, b, &c, 1);
}

static bool buf_u32(ElfObj *o, ElfBuf *b, uint32_t v)
{
	uint8_t c[4];
	wr32(c, v);
	return buf_put(o, b, c, 4);
}

static bool buf_uleb(ElfObj *o, ElfBuf *b, uint32_t v)
{
	do {
		uint8_t c = v & 0x7f;
		v >>= 7;
		if (v)
			c |= 0x80;
		if (!buf_put(o, b, &c, 1))
			return false;
	} while (v);
	return true;
}

/* ---- string tables ---- */

static uint32_t hash_str(const char *s, size_t n)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (size_t i = 0; i < n; i++)
		h = (h ^ (uint8_t)s[i]) * 16777619u;
	return h;
}

/* The slot holding s, or the empty slot where it would go. */
static size_t str_slot(const ElfStrtab *t, const char *s, size_t n)
{
	size_t mask = t->nslot - 1, i = hash_str(s, n) & mask;
	while (t->slot[i]) {
		const char *have = (const char *)t->buf.p + t->slot[i] - 1;
		if (strncmp(have, s, n) == 0 && have[n] == '\0')
			return i;
		i = (i + 1) & mask;
	}
	return i;
}

/* Interns s; returns its slot (for the owner field) and stores its offset
 * in *off. SIZE_MAX on failure. */
static size_t str_intern(ElfObj *o, ElfStrtab *t, const char *s, uint32_t *off)
{
	size_t n = strlen(s);
	if (t->buf.len == 0 && !buf_put(o, &t->buf, "", 1))
		return SIZE_MAX;
	if ((t->used + 1) * 2 > t->nslot) {
		size_t nn = t->nslot ? t->nslot * 2 : 64;
		uint32_t *ns = sy_malloc(o->a, nn * sizeof *ns);
		int32_t *no = sy_malloc(o->a, nn * sizeof *no);
		if (!ns || !no) {
			sy_free(o->a, ns, nn * sizeof *ns);
			sy_free(o->a, no, nn * sizeof *no);
			nomem(o);
			return SIZE_MAX;
		}
		memset(ns, 0, nn * sizeof *ns);
		memset(no, 0, nn * sizeof *no);
		ElfStrtab nt = {.buf = t->buf, .slot = ns, .owner = no, .nslot = nn, .used = t->used};
		for (size_t i = 0; i < t->nslot; i++) {
			if (!t->slot[i])
				continue;
			const char *k = (const char *)t->buf.p + t->slot[i] - 1;
			size_t j = str_slot(&nt, k, strlen(k));
			ns[j] = t->slot[i];
			no[j] = t->owner[i];
		}
		sy_free(o->a, t->slot, t->nslot * sizeof *t->slot);
		sy_free(o->a, t->owner, t->nslot * sizeof *t->owner);
		*t = nt;
	}
	size_t i = str_slot(t, s, n);
	if (!t->slot[i]) {
		if (t->buf.len + n + 1 > UINT32_MAX - 1) {
			fail(o, ELF_ERR_RANGE, "string table too large");
			return SIZE_MAX;
		}
		uint32_t at = (uint32_t)t->buf.len;
		if (!buf_put(o, &t->buf, s, n + 1))
			return SIZE_MAX;
		t->slot[i] = at + 1;
		t->used++;
	}
	*off = t->slot[i] - 1;
	return i;
}

static void str_free(const SyAlloc *a, ElfStrtab *t)
{
	sy_free(a, t->buf.p, t->buf.cap);
	sy_free(a, t->slot, t->nslot * sizeof *t->slot);
	sy_free(a, t->owner, t->nslot * sizeof *t->owner);
}

/* ---- object, sections ---- */

ElfObj *elf_new(const SyAlloc *a)
{
	ElfObj *o = sy_malloc(a, sizeof *o);
	if (!o)
		return NULL;
	memset(o, 0, sizeof *o);
	o->a = a;
	return o;
}

void elf_free(ElfObj *o)
{
	if (!o)
		return;
	const SyAlloc *a = o->a;
	for (size_t i = 0; i < o->nsec; i++) {
		sy_free(a, o->sec[i].data.p, o->sec[i].data.cap);
		sy_free(a, o->sec[i].rel, o->sec[i].caprel * sizeof *o->sec[i].rel);
	}
	sy_free(a, o->sec, o->capsec * sizeof *o->sec);
	sy_free(a, o->sym, o->capsym * sizeof *o->sym);
	str_free(a, &o->strtab);
	str_free(a, &o->shstrtab);
	sy_free(a, o->attrs.p, o->attrs.cap);
	sy_free(a, o->out.p, o->out.cap);
	sy_free(a, o, sizeof *o);
}

ElfErr elf_status(const ElfObj *o) { return o->err; }

const char *elf_message(const ElfObj *o) { return o->msg; }

/* The section with ELF index sec, or NULL after recording an error. */
static ElfSec *get_sec(ElfObj *o, int sec)
{
	if (sec < 1 || (size_t)sec > o->nsec) {
		fail(o, ELF_ERR_ARGUMENT, "no section with index %d", sec);
		return NULL;
	}
	return &o->sec[sec - 1];
}

static bool reserved_name(const char *name)
{
	return strncmp(name, ".rel", 4) == 0 || strcmp(name, ".symtab") == 0 ||
	       strcmp(name, ".strtab") == 0 || strcmp(name, ".shstrtab") == 0 ||
	       strcmp(name, ".ARM.attributes") == 0;
}

int elf_section(ElfObj *o, const char *name, uint32_t type, uint32_t flags, uint32_t align)
{
	if (o->err)
		return 0;
	if (!name || !*name || reserved_name(name))
		return fail(o, ELF_ERR_ARGUMENT, "section name \"%s\" is empty or reserved",
		            name ? name : ""), 0;
	if (type != SHT_PROGBITS && type != SHT_NOBITS)
		return fail(o, ELF_ERR_ARGUMENT, "section %s: type %u is not PROGBITS or NOBITS",
		            name, type), 0;
	if (flags & ~(uint32_t)(SHF_WRITE | SHF_ALLOC | SHF_EXECINSTR))
		return fail(o, ELF_ERR_ARGUMENT, "section %s: flags 0x%x not supported", name, flags), 0;
	if (align == 0)
		align = 1;
	if (align & (align - 1))
		return fail(o, ELF_ERR_ARGUMENT, "section %s: alignment %u is not a power of two",
		            name, align), 0;
	if (o->nsec >= ELF_MAX_SECTIONS)
		return fail(o, ELF_ERR_RANGE, "too many sections"), 0;
	uint32_t off;
	size_t before = o->shstrtab.used;
	if (str_intern(o, &o->shstrtab, name, &off) == SIZE_MAX)
		return 0;
	if (o->shstrtab.used == before)
		return fail(o, ELF_ERR_ARGUMENT, "section %s defined twice", name), 0;
	if (!grow(o, (void **)&o->sec, &o->capsec, o->nsec, 1, sizeof *o->sec))
		return 0;
	ElfSec *s = &o->sec[o->nsec++];
	memset(s, 0, sizeof *s);
	s->name = off;
	s->type = type;
	s->flags = flags;
	s->align = align;
	return (int)o->nsec;
}

/* Checks that sec can grow by n bytes; the section or NULL. */
static ElfSec *growable(ElfObj *o, int sec, size_t n)
{
	if (o->err)
		return NULL;
	ElfSec *s = get_sec(o, sec);
	if (s && n > UINT32_MAX - s->data.len) {
		fail(o, ELF_ERR_RANGE, "section %s would exceed 4 GiB",
		     (const char *)o->shstrtab.buf.p + s->name);
		return NULL;
	}
	return s;
}

uint32_t elf_append(ElfObj *o, int sec, const void *data, size_t n)
{
	ElfSec *s = growable(o, sec, n);
	if (!s)
		return 0;
	if (s->type == SHT_NOBITS)
		return fail(o, ELF_ERR_ARGUMENT, "section %s is NOBITS: use elf_reserve",
		            (const char *)o->shstrtab.buf.p + s->name), 0;
	uint32_t at = (uint32_t)s->data.len;
	if (!buf_put(o, &s->data, data, n))
		return 0;
	return at;
}

uint32_t elf_reserve(ElfObj *o, int sec, size_t n)
{
	ElfSec *s = growable(o, sec, n);
	if (!s)
		return 0;
	uint32_t at = (uint32_t)s->data.len;
	if (s->type == SHT_NOBITS)
		s->data.len += n;
	else if (!buf_put(o, &s->data, NULL, n))
		return 0;
	return at;
}

uint32_t elf_align(ElfObj *o, int sec, uint32_t align)
{
	ElfSec *s = growable(o, sec, 0);
	if (!s)
		return 0;
	if (align == 0 || (align & (align - 1)) || align > s->align)
		return fail(o, ELF_ERR_ARGUMENT, "alignment %u is not a power of two up to the section's %u",
		            align, s->align), 0;
	size_t pad = (align - (s->data.len & (align - 1))) & (align - 1);
	elf_reserve(o, sec, pad);
	return o->err ? 0 : (uint32_t)s->data.len;
}

uint32_t elf_size(const ElfObj *o, int sec)
{
	if (sec < 1 || (size_t)sec > o->nsec)
		return 0;
	return (uint32_t)o->sec[sec - 1].data.len;
}

uint8_t *elf_bytes(ElfObj *o, int sec)
{
	if (sec < 1 || (size_t)sec > o->nsec || o->sec[sec - 1].type == SHT_NOBITS)
		return NULL;
	return o->sec[sec - 1].data.len ? o->sec[sec - 1].data.p : NULL;
}

/* ---- symbols ---- */

/* Appends a symbol record; its handle or 0. */
static int add_sym(ElfObj *o, ElfSymRec r)
{
	if (o->nsym >= INT32_MAX - 1)
		return fail(o, ELF_ERR_RANGE, "too many symbols"), 0;
	if (!grow(o, (void **)&o->sym, &o->capsym, o->nsym, 1, sizeof *o->sym))
		return 0;
	o->sym[o->nsym++] = r;
	return (int)o->nsym;
}

static bool valid_target(ElfObj *o, int sec)
{
	return sec == ELF_UNDEF || sec == ELF_ABS || get_sec(o, sec);
}

int elf_symbol(ElfObj *o, const char *name, int sec, uint32_t value, uint32_t size,
               int bind, ElfSymKind kind)
{
	if (o->err)
		return 0;
	if (!name || !*name)
		return fail(o, ELF_ERR_ARGUMENT, "symbol without a name"), 0;
	if (bind != STB_LOCAL && bind != STB_GLOBAL && bind != STB_WEAK)
		return fail(o, ELF_ERR_ARGUMENT, "symbol %s: bad binding %d", name, bind), 0;
	if (kind != ELF_NOTYPE && kind != ELF_OBJECT && kind != ELF_THUMB_FUNC)
		return fail(o, ELF_ERR_ARGUMENT, "symbol %s: bad kind %d", name, (int)kind), 0;
	if (!valid_target(o, sec))
		return 0;
	uint32_t off;
	size_t slot = str_intern(o, &o->strtab, name, &off);
	if (slot == SIZE_MAX)
		return 0;
	if (bind != STB_LOCAL && o->strtab.owner[slot])
		return fail(o, ELF_ERR_ARGUMENT, "symbol %s defined twice", name), 0;
	ElfSymRec r = {
		.name = off, .value = sec == ELF_UNDEF ? 0 : value, .size = sec == ELF_UNDEF ? 0 : size,
		.sec = sec, .bind = (uint8_t)bind,
		.type = kind == ELF_OBJECT ? STT_OBJECT : kind == ELF_THUMB_FUNC ? STT_FUNC : STT_NOTYPE,
		.thumb = kind == ELF_THUMB_FUNC,
	};
	int h = add_sym(o, r);
	if (h && bind != STB_LOCAL)
		o->strtab.owner[slot] = h;
	return h;
}

/* The record of handle sym, or NULL after recording an error. */
static ElfSymRec *get_sym(ElfObj *o, int sym)
{
	if (sym < 1 || (size_t)sym > o->nsym) {
		fail(o, ELF_ERR_ARGUMENT, "no symbol with handle %d", sym);
		return NULL;
	}
	return &o->sym[sym - 1];
}

ElfErr elf_define(ElfObj *o, int sym, int sec, uint32_t value, uint32_t size)
{
	if (o->err)
		return o->err;
	ElfSymRec *r = get_sym(o, sym);
	if (!r || !valid_target(o, sec))
		return o->err;
	const char *name = (const char *)o->strtab.buf.p + r->name;
	if (r->sec != ELF_UNDEF || r->type == STT_SECTION)
		return fail(o, ELF_ERR_ARGUMENT, "symbol %s is already defined", name);
	if (sec == ELF_UNDEF)
		return fail(o, ELF_ERR_ARGUMENT, "symbol %s: elf_define needs a section", name);
	r->sec = sec;
	r->value = value;
	r->size = size;
	return ELF_OK;
}

int elf_section_symbol(ElfObj *o, int sec)
{
	if (o->err)
		return 0;
	ElfSec *s = get_sec(o, sec);
	if (!s)
		return 0;
	if (!s->secsym) {
		ElfSymRec r = {.sec = sec, .bind = STB_LOCAL, .type = STT_SECTION};
		s->secsym = add_sym(o, r);
	}
	return s->secsym;
}

ElfErr elf_mapping_symbol(ElfObj *o, int sec, uint32_t off, bool is_code)
{
	if (o->err)
		return o->err;
	ElfSec *s = get_sec(o, sec);
	if (!s)
		return o->err;
	uint32_t name;
	if (str_intern(o, &o->strtab, is_code ? "$t" : "$d", &name) == SIZE_MAX)
		return o->err;
	ElfSymRec r = {.name = name, .value = off, .sec = sec, .bind = STB_LOCAL, .type = STT_NOTYPE};
	if (add_sym(o, r) && off == 0)
		s->map0 = true;
	return o->err;
}

/* ---- relocations ---- */

static const char *reloc_name(uint32_t type)
{
	switch (type) {
	case R_ARM_NONE: return "R_ARM_NONE";
	case R_ARM_ABS32: return "R_ARM_ABS32";
	case R_ARM_REL32: return "R_ARM_REL32";
	case R_ARM_THM_CALL: return "R_ARM_THM_CALL";
	case R_ARM_THM_JUMP24: return "R_ARM_THM_JUMP24";
	case R_ARM_TARGET1: return "R_ARM_TARGET1";
	case R_ARM_THM_MOVW_ABS_NC: return "R_ARM_THM_MOVW_ABS_NC";
	case R_ARM_THM_MOVT_ABS: return "R_ARM_THM_MOVT_ABS";
	case R_ARM_THM_JUMP19: return "R_ARM_THM_JUMP19";
	default: return NULL;
	}
}

/* Writes addend a into the field of type at p (the instruction or word is
 * already there; n bytes are available). The encodings are the ARMv7-M
 * ARM's: BL T1 and B T4 share S:imm10 / J1:J2:imm11 with I1 = NOT(J1 XOR S);
 * B<c> T3 has S:cond:imm6 / J1:J2:imm11 with the offset S:J2:J1:imm6:imm11;
 * MOVW T3 and MOVT T1 hold imm16 as imm4 / i / imm3 / imm8. */
/* "SECTION+0xOFF", formatted only for a message (relocations are many). */
#define WHERE (where[0] ? where : (snprintf(where, sizeof where, "%s+0x%x", sname, off), where))

static ElfErr put_addend(ElfObj *o, const char *sname, uint32_t off, uint8_t *p, uint32_t type, int32_t a)
{
	char where[96];
	where[0] = 0;
	const char *rn = reloc_name(type);
	uint32_t hw1 = rd16(p), hw2 = rd16(p + 2), u = (uint32_t)a;
	switch (type) {
	case R_ARM_NONE:
		return ELF_OK;
	case R_ARM_ABS32:
	case R_ARM_REL32:
	case R_ARM_TARGET1:
		wr32(p, u);
		return ELF_OK;
	case R_ARM_THM_CALL:
	case R_ARM_THM_JUMP24: {
		uint32_t want = type == R_ARM_THM_CALL ? 0xd000 : 0x9000;
		if ((hw1 & 0xf800) != 0xf000 || (hw2 & 0xd000) != want)
			return fail(o, ELF_ERR_ARGUMENT, "%s: %s needs a %s instruction, found %04x %04x",
			            WHERE, rn, type == R_ARM_THM_CALL ? "BL" : "B.W", hw1, hw2);
		if ((a & 1) || a < -(1 << 24) || a > (1 << 24) - 2)
			return fail(o, ELF_ERR_RANGE, "%s: %s addend %d is odd or out of range",
			            WHERE, rn, a);
		uint32_t s = u >> 24 & 1, i1 = u >> 23 & 1, i2 = u >> 22 & 1;
		uint32_t j1 = (i1 ^ 1) ^ s, j2 = (i2 ^ 1) ^ s;
		wr16(p, (hw1 & 0xf800) | s << 10 | (u >> 12 & 0x3ff));
		wr16(p + 2, (hw2 & 0xd000) | j1 << 13 | j2 << 11 | (u >> 1 & 0x7ff));
		return ELF_OK;
	}
	case R_ARM_THM_JUMP19: {
		if ((hw1 & 0xf800) != 0xf000 || (hw2 & 0xd000) != 0x8000 || (hw1 >> 6 & 0xe) == 0xe)
			return fail(o, ELF_ERR_ARGUMENT, "%s: %s needs a B<cond>.W instruction, found %04x %04x",
			            WHERE, rn, hw1, hw2);
		if ((a & 1) || a < -(1 << 20) || a > (1 << 20) - 2)
			return fail(o, ELF_ERR_RANGE, "%s: %s addend %d is odd or out of range",
			            WHERE, rn, a);
		uint32_t s = u >> 20 & 1, j2 = u >> 19 & 1, j1 = u >> 18 & 1;
		wr16(p, (hw1 & 0xfbc0) | s << 10 | (u >> 12 & 0x3f));
		wr16(p + 2, (hw2 & 0xd000) | j1 << 13 | j2 << 11 | (u >> 1 & 0x7ff));
		return ELF_OK;
	}
	case R_ARM_THM_MOVW_ABS_NC:
	case R_ARM_THM_MOVT_ABS: {
		uint32_t want = type == R_ARM_THM_MOVW_ABS_NC ? 0xf240 : 0xf2c0;
		if ((hw1 & 0xfbf0) != want || (hw2 & 0x8000))
			return fail(o, ELF_ERR_ARGUMENT, "%s: %s needs a %s instruction, found %04x %04x",
			            WHERE, rn, type == R_ARM_THM_MOVT_ABS ? "MOVT" : "MOVW", hw1, hw2);
		/* REL: both halves carry the same signed 16-bit addend (AAELF). */
		if (a < -32768 || a > 32767)
			return fail(o, ELF_ERR_RANGE, "%s: %s addend %d does not fit 16 bits",
			            WHERE, rn, a);
		uint32_t imm = u & 0xffff;
		wr16(p, (hw1 & 0xfbf0) | (imm >> 11 & 1) << 10 | imm >> 12);
		wr16(p + 2, (hw2 & 0x8f00) | (imm >> 8 & 7) << 12 | (imm & 0xff));
		return ELF_OK;
	}
	}
	return fail(o, ELF_ERR_ARGUMENT, "%s: relocation type %u not supported", WHERE, type);
}

ElfErr elf_reloc(ElfObj *o, int sec, uint32_t off, uint32_t type, int sym, int32_t addend)
{
	if (o->err)
		return o->err;
	ElfSec *s = get_sec(o, sec);
	if (!s || !get_sym(o, sym))
		return o->err;
	const char *sname = (const char *)o->shstrtab.buf.p + s->name;
	char where[96];
	where[0] = 0;
	const char *rn = reloc_name(type);
	if (!rn)
		return fail(o, ELF_ERR_ARGUMENT, "%s: relocation type %u not supported", WHERE, type);
	if (s->type == SHT_NOBITS)
		return fail(o, ELF_ERR_ARGUMENT, "%s: relocation in a NOBITS section", WHERE);
	bool thumb = type == R_ARM_THM_CALL || type == R_ARM_THM_JUMP24 || type == R_ARM_THM_JUMP19 ||
	             type == R_ARM_THM_MOVW_ABS_NC || type == R_ARM_THM_MOVT_ABS;
	size_t width = type == R_ARM_NONE ? 0 : 4;
	if (off > s->data.len || width > s->data.len - off || (thumb && (off & 1)))
		return fail(o, ELF_ERR_RANGE, "%s: %s outside the section's bytes or misaligned",
		            WHERE, rn);
	if (width && put_addend(o, sname, off, s->data.p + off, type, addend))
		return o->err;
	if (!width && addend)
		return fail(o, ELF_ERR_ARGUMENT, "%s: R_ARM_NONE takes no addend", WHERE);
	if (s->nrel >= UINT32_MAX / 8)
		return fail(o, ELF_ERR_RANGE, "%s: too many relocations", WHERE);
	if (!grow(o, (void **)&s->rel, &s->caprel, s->nrel, 1, sizeof *s->rel))
		return o->err;
	s->rel[s->nrel++] = (ElfRelRec){.offset = off, .type = type, .sym = sym};
	return ELF_OK;
}

/* ---- .ARM.attributes ---- */

/* AAELF tag numbers. */
enum {
	Tag_File = 1, Tag_CPU_name = 5, Tag_CPU_arch = 6, Tag_CPU_arch_profile = 7,
	Tag_THUMB_ISA_use = 9, Tag_FP_arch = 10, Tag_ABI_PCS_wchar_t = 18,
	Tag_ABI_FP_denormal = 20, Tag_ABI_FP_exceptions = 21, Tag_ABI_FP_number_model = 23,
	Tag_ABI_align_needed = 24, Tag_ABI_align_preserved = 25, Tag_ABI_enum_size = 26,
	Tag_ABI_HardFP_use = 27, Tag_ABI_VFP_args = 28, Tag_ABI_optimization_goals = 30,
	Tag_CPU_unaligned_access = 34, Tag_DSP_extension = 46,
};

ElfErr elf_attributes(ElfObj *o, const ElfAttrs *at)
{
	if (o->err)
		return o->err;
	const char *cpu;
	switch (at->arch) {
	case ELF_ARCH_V7M: cpu = "7-M"; break;
	case ELF_ARCH_V7EM: cpu = "7E-M"; break;
	case ELF_ARCH_V8M_MAIN: cpu = "8-M.MAIN"; break;
	default: return fail(o, ELF_ERR_ARGUMENT, "unknown Tag_CPU_arch %d", (int)at->arch);
	}
	uint32_t fp_arch; /* Tag_FP_arch: 6 = VFPv4-D16, 8 = FPv5-D16 (ARMv8) */
	switch (at->fpu) {
	case ELF_FPU_NONE: fp_arch = 0; break;
	case ELF_FPU_FPV4_SP_D16: fp_arch = 6; break;
	case ELF_FPU_FPV5_SP_D16: case ELF_FPU_FPV5_D16: fp_arch = 8; break;
	default: return fail(o, ELF_ERR_ARGUMENT, "unknown FPU %d", (int)at->fpu);
	}
	if (at->hard && !fp_arch)
		return fail(o, ELF_ERR_ARGUMENT, "hard-float ABI without an FPU");
	if (at->dsp && at->arch != ELF_ARCH_V8M_MAIN)
		return fail(o, ELF_ERR_ARGUMENT, "Tag_DSP_extension applies to ARMv8-M only");

	/* (tag, value) pairs after Tag_CPU_name, in ascending tag order. */
	uint32_t tv[40];
	size_t n = 0;
#define TAG(t, v) (tv[n++] = (t), tv[n++] = (v))
	TAG(Tag_CPU_arch, at->arch);
	TAG(Tag_CPU_arch_profile, 'M');
	TAG(Tag_THUMB_ISA_use, at->arch == ELF_ARCH_V8M_MAIN ? 3 : 2); /* 3: "as the arch says" */
	if (fp_arch)
		TAG(Tag_FP_arch, fp_arch);
	TAG(Tag_ABI_PCS_wchar_t, 4);
	TAG(Tag_ABI_FP_denormal, 1);
	TAG(Tag_ABI_FP_exceptions, 1);
	TAG(Tag_ABI_FP_number_model, 3);
	TAG(Tag_ABI_align_needed, 1);
	TAG(Tag_ABI_align_preserved, 1);
	TAG(Tag_ABI_enum_size, 1); /* arm-none-eabi's short enums */
	if (at->fpu == ELF_FPU_FPV4_SP_D16 || at->fpu == ELF_FPU_FPV5_SP_D16)
		TAG(Tag_ABI_HardFP_use, 1); /* single precision only */
	if (at->hard)
		TAG(Tag_ABI_VFP_args, 1);
	TAG(Tag_ABI_optimization_goals, 2); /* what gcc -O2 records */
	TAG(Tag_CPU_unaligned_access, 1);
	if (at->dsp)
		TAG(Tag_DSP_extension, 1);
#undef TAG

	ElfBuf b = {0};
	size_t sub_len_at, file_len_at;
	bool ok = buf_u8(o, &b, 'A');
	sub_len_at = b.len;
	ok = ok && buf_u32(o, &b, 0) && buf_put(o, &b, "aeabi", 6);
	file_len_at = b.len;
	ok = ok && buf_u8(o, &b, Tag_File) && buf_u32(o, &b, 0);
	ok = ok && buf_uleb(o, &b, Tag_CPU_name) && buf_put(o, &b, cpu, strlen(cpu) + 1);
	for (size_t i = 0; ok && i < n; i += 2)
		ok = buf_uleb(o, &b, tv[i]) && buf_uleb(o, &b, tv[i + 1]);
	if (!ok) {
		sy_free(o->a, b.p, b.cap);
		return o->err;
	}
	wr32(b.p + sub_len_at, (uint32_t)(b.len - sub_len_at));
	wr32(b.p + file_len_at + 1, (uint32_t)(b.len - file_len_at));
	sy_free(o->a, o->attrs.p, o->attrs.cap);
	o->attrs = b;
	return ELF_OK;
}

/* ---- output ---- */

/* Section header fields of one output section. */
typedef struct ElfShdr {
	uint32_t name, type, flags, offset, size, link, info, align, entsize;
	const uint8_t *data;  /* contents to copy (NULL: zeroes or none) */
} ElfShdr;

/* Interns ".rel" + the name of s in .shstrtab; false on failure. */
static bool intern_rel_name(ElfObj *o, const ElfSec *s, uint32_t *off)
{
	const char *name = (const char *)o->shstrtab.buf.p + s->name;
	size_t n = strlen(name) + 5;
	char *nm = sy_malloc(o->a, n);
	if (!nm) {
		nomem(o);
		return false;
	}
	memcpy(nm, ".rel", 4);
	memcpy(nm + 4, name, n - 4);
	size_t slot = str_intern(o, &o->shstrtab, nm, off);
	sy_free(o->a, nm, n);
	return slot != SIZE_MAX;
}

/* ELF symbol binding of a record for ordering (section symbols are local). */
static bool is_local(const ElfSymRec *r) { return r->bind == STB_LOCAL; }

ElfErr elf_write(ElfObj *o, const uint8_t **out, size_t *len)
{
	*out = NULL;
	*len = 0;
	if (o->err)
		return o->err;
	const SyAlloc *a = o->a;
	ElfShdr *sh = NULL;
	uint32_t *final = NULL;   /* final symtab index of each handle */
	ElfBuf symtab = {0}, rel = {0};
	size_t nsh = 0, cap_sh = 0;
	uint32_t nmap = 0;        /* implicit $t symbols */
	uint32_t tname = 0;

	/* Section names of the synthesized sections go in first, so the
	 * .shstrtab contents are final before anything is laid out. */
	uint32_t n_rel = 0, n_attr = 0, n_symtab, n_strtab, n_shstrtab;
	for (size_t i = 0; i < o->nsec; i++) {
		ElfSec *s = &o->sec[i];
		if (s->nrel && !intern_rel_name(o, s, &n_rel))
			goto done;
		if ((s->flags & SHF_EXECINSTR) && s->data.len && !s->map0)
			nmap++;
	}
	if ((o->attrs.len && str_intern(o, &o->shstrtab, ".ARM.attributes", &n_attr) == SIZE_MAX) ||
	    str_intern(o, &o->shstrtab, ".symtab", &n_symtab) == SIZE_MAX ||
	    str_intern(o, &o->shstrtab, ".strtab", &n_strtab) == SIZE_MAX ||
	    str_intern(o, &o->shstrtab, ".shstrtab", &n_shstrtab) == SIZE_MAX)
		goto done;
	if (nmap && str_intern(o, &o->strtab, "$t", &tname) == SIZE_MAX)
		goto done;
	if (o->strtab.buf.len == 0 && !buf_put(o, &o->strtab.buf, "", 1))
		goto done;

	/* Symbol values must lie inside their sections; locals created as
	 * forward references must have been defined. */
	for (size_t i = 0; i < o->nsym; i++) {
		const ElfSymRec *r = &o->sym[i];
		if (r->sec == ELF_UNDEF && r->bind == STB_LOCAL) {
			fail(o, ELF_ERR_ARGUMENT, "local symbol %s was never defined",
			     (const char *)o->strtab.buf.p + r->name);
			goto done;
		}
		if (r->sec > 0 && r->value > o->sec[r->sec - 1].data.len) {
			fail(o, ELF_ERR_RANGE, "symbol %s: value 0x%x beyond the end of its section",
			     (const char *)o->strtab.buf.p + r->name, r->value);
			goto done;
		}
	}

	/* The symbol table: null, implicit $t, locals, non-locals. */
	size_t nsymtab = 1 + (size_t)nmap + o->nsym;
	if (nsymtab > UINT32_MAX / 16) {
		fail(o, ELF_ERR_RANGE, "too many symbols");
		goto done;
	}
	if (!(final = sy_malloc(a, (o->nsym + 1) * sizeof *final))) {
		nomem(o);
		goto done;
	}
	if (!buf_put(o, &symtab, NULL, 16))
		goto done;
	uint32_t idx = 1;
	for (size_t i = 0; i < o->nsec; i++) {
		const ElfSec *s = &o->sec[i];
		if (!((s->flags & SHF_EXECINSTR) && s->data.len && !s->map0))
			continue;
		uint8_t e[16] = {0};
		wr32(e, tname);
		e[12] = STB_LOCAL << 4 | STT_NOTYPE;
		wr16(e + 14, (uint32_t)i + 1);
		if (!buf_put(o, &symtab, e, 16))
			goto done;
		idx++;
	}
	uint32_t first_global = 0;
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1)
			first_global = idx;
		for (size_t i = 0; i < o->nsym; i++) {
			const ElfSymRec *r = &o->sym[i];
			if (is_local(r) != (pass == 0))
				continue;
			uint8_t e[16] = {0};
			uint32_t value = r->value;
			if (r->thumb && r->sec != ELF_UNDEF)
				value |= 1;
			wr32(e, r->name);
			wr32(e + 4, value);
			wr32(e + 8, r->size);
			e[12] = (uint8_t)(r->bind << 4 | r->type);
			wr16(e + 14, r->sec == ELF_ABS ? SHN_ABS : (uint32_t)r->sec);
			if (!buf_put(o, &symtab, e, 16))
				goto done;
			final[i + 1] = idx++;
		}
	}

	/* Section headers: null, user, rel, attributes, symtab, strtab, shstrtab. */
	size_t nrelsec = 0;
	for (size_t i = 0; i < o->nsec; i++)
		nrelsec += o->sec[i].nrel != 0;
	cap_sh = 1 + o->nsec + nrelsec + 4;
	if (!(sh = sy_malloc(a, cap_sh * sizeof *sh))) {
		nomem(o);
		goto done;
	}
	memset(sh, 0, cap_sh * sizeof *sh);
	nsh = 1;
	for (size_t i = 0; i < o->nsec; i++) {
		const ElfSec *s = &o->sec[i];
		sh[nsh++] = (ElfShdr){.name = s->name, .type = s->type, .flags = s->flags,
		                      .size = (uint32_t)s->data.len, .align = s->align,
		                      .data = s->type == SHT_NOBITS ? NULL : s->data.p};
	}
	uint32_t symtab_index = (uint32_t)(1 + o->nsec + nrelsec + (o->attrs.len ? 1 : 0));
	for (size_t i = 0; i < o->nsec; i++) {
		const ElfSec *s = &o->sec[i];
		if (!s->nrel)
			continue;
		if (!intern_rel_name(o, s, &n_rel)) /* present already: a lookup */
			goto done;
		size_t at = rel.len;
		for (size_t k = 0; k < s->nrel; k++) {
			if (!buf_u32(o, &rel, s->rel[k].offset) ||
			    !buf_u32(o, &rel, final[s->rel[k].sym] << 8 | s->rel[k].type))
				goto done;
		}
		sh[nsh++] = (ElfShdr){.name = n_rel, .type = SHT_REL, .flags = SHF_INFO_LINK,
		                      .size = (uint32_t)(rel.len - at), .link = symtab_index,
		                      .info = (uint32_t)i + 1, .align = 4, .entsize = 8,
		                      .offset = (uint32_t)at /* fixed below */};
	}
	if (o->attrs.len)
		sh[nsh++] = (ElfShdr){.name = n_attr, .type = SHT_ARM_ATTRIBUTES,
		                      .size = (uint32_t)o->attrs.len, .align = 1, .data = o->attrs.p};
	sh[nsh++] = (ElfShdr){.name = n_symtab, .type = SHT_SYMTAB, .size = (uint32_t)symtab.len,
	                      .link = symtab_index + 1, .info = first_global, .align = 4,
	                      .entsize = 16, .data = symtab.p};
	sh[nsh++] = (ElfShdr){.name = n_strtab, .type = SHT_STRTAB,
	                      .size = (uint32_t)o->strtab.buf.len, .align = 1, .data = o->strtab.buf.p};
	sh[nsh++] = (ElfShdr){.name = n_shstrtab, .type = SHT_STRTAB,
	                      .size = (uint32_t)o->shstrtab.buf.len, .align = 1,
	                      .data = o->shstrtab.buf.p};
	for (size_t i = 1; i < nsh; i++)
		if (sh[i].type == SHT_REL)
			sh[i].data = rel.p + sh[i].offset;

	/* Layout. */
	uint64_t pos = 52;
	for (size_t i = 1; i < nsh; i++) {
		uint32_t al = sh[i].align < 16 ? sh[i].align : 16;
		if (sh[i].type == SHT_NOBITS) {
			sh[i].offset = (uint32_t)pos; /* where it would start, as gas does */
			continue;
		}
		pos = (pos + al - 1) & ~(uint64_t)(al - 1);
		sh[i].offset = (uint32_t)pos;
		pos += sh[i].size;
		if (pos > UINT32_MAX)
			break;
	}
	pos = (pos + 3) & ~(uint64_t)3;
	uint64_t shoff = pos;
	pos += (uint64_t)nsh * 40;
	if (pos > UINT32_MAX) {
		fail(o, ELF_ERR_RANGE, "object file would exceed 4 GiB");
		goto done;
	}

	o->out.len = 0;
	if (!buf_put(o, &o->out, NULL, (size_t)pos))
		goto done;
	uint8_t *f = o->out.p;
	memcpy(f, "\x7f" "ELF\x01\x01\x01", 7); /* ELFCLASS32, ELFDATA2LSB, EV_CURRENT */
	wr16(f + 16, ET_REL);
	wr16(f + 18, EM_ARM);
	wr32(f + 20, 1);                 /* e_version */
	wr32(f + 32, (uint32_t)shoff);
	wr32(f + 36, EF_ARM_EABI_VER5);
	wr16(f + 40, 52);                /* e_ehsize */
	wr16(f + 46, 40);                /* e_shentsize */
	wr16(f + 48, (uint32_t)nsh);
	wr16(f + 50, (uint32_t)nsh - 1); /* e_shstrndx: .shstrtab is last */
	for (size_t i = 1; i < nsh; i++) {
		if (sh[i].data && sh[i].size)
			memcpy(f + sh[i].offset, sh[i].data, sh[i].size);
		uint8_t *h = f + shoff + i * 40;
		wr32(h, sh[i].name);
		wr32(h + 4, sh[i].type);
		wr32(h + 8, sh[i].flags);
		wr32(h + 16, sh[i].offset);
		wr32(h + 20, sh[i].size);
		wr32(h + 24, sh[i].link);
		wr32(h + 28, sh[i].info);
		wr32(h + 32, sh[i].align);
		wr32(h + 36, sh[i].entsize);
	}
	*out = f;
	*len = (size_t)pos;

done:
	sy_free(a, sh, cap_sh * sizeof *sh);
	sy_free(a, final, (o->nsym + 1) * sizeof *final);
	sy_free(a, symtab.p, symtab.cap);
	sy_free(a, rel.p, rel.cap);
	return o->err;
}
