/* elf.h - ELF32 little-endian for Arm: a writer of relocatable objects
 * (what `synth compile` emits) and a bounds-checked reader of relocatable
 * and executable images (for tests and `synth layout check`, which reads the
 * planner's symbols and register tables out of linked images).
 *
 * Writer. An ElfObj collects sections, symbols and relocations in insertion
 * order and lays the file out only in elf_write(). User sections get the
 * ELF section indices 1, 2, ... in the order they are created, so the index
 * elf_section() returns is the one readelf shows; the sections the writer
 * synthesizes (.rel<name>, .ARM.attributes, .symtab, .strtab, .shstrtab)
 * follow them. Relocations are REL (Arm's choice): elf_reloc() writes the
 * addend into the section bytes in the form its relocation type expects.
 * Errors are sticky like ArmAsm's: the first one wins, later calls do
 * nothing, and the caller checks elf_status() (or elf_write's result) once.
 * Functions returning a handle or an offset return 0 after an error.
 *
 * Reader. An ElfImage is a caller-owned view of a byte buffer: elf_image_open
 * validates every header, offset, size, string and index once, after which
 * the accessors cannot read outside the buffer. It never allocates.
 *
 * The constants below carry their spec names (SHT_PROGBITS, R_ARM_ABS32...),
 * so this header and the system's <elf.h> do not mix in one file.
 */
#ifndef SYNTH_ELF_H
#define SYNTH_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "internal.h"

/* ---- ELF constants used by Synth (names as in the ELF and AAELF specs) ---- */

enum {
	ET_REL = 1, ET_EXEC = 2,
	EM_ARM = 40,
	SHT_NULL = 0, SHT_PROGBITS = 1, SHT_SYMTAB = 2, SHT_STRTAB = 3, SHT_RELA = 4,
	SHT_NOBITS = 8, SHT_REL = 9, SHT_ARM_ATTRIBUTES = 0x70000003,
	SHF_WRITE = 0x1, SHF_ALLOC = 0x2, SHF_EXECINSTR = 0x4, SHF_INFO_LINK = 0x40,
	SHN_UNDEF = 0, SHN_LORESERVE = 0xff00, SHN_ABS = 0xfff1, SHN_COMMON = 0xfff2,
	SHN_XINDEX = 0xffff,
	STB_LOCAL = 0, STB_GLOBAL = 1, STB_WEAK = 2,
	STT_NOTYPE = 0, STT_OBJECT = 1, STT_FUNC = 2, STT_SECTION = 3, STT_FILE = 4,
	PT_LOAD = 1,
	EF_ARM_EABI_VER5 = 0x05000000,
	EF_ARM_ABI_FLOAT_SOFT = 0x200, EF_ARM_ABI_FLOAT_HARD = 0x400,
};

/* Relocation types the writer knows how to put an addend into. */
enum {
	R_ARM_NONE = 0,
	R_ARM_ABS32 = 2,             /* word: S + A */
	R_ARM_REL32 = 3,             /* word: S + A - P */
	R_ARM_THM_CALL = 10,         /* BL: S + A - P, A = -4 reaches S */
	R_ARM_THM_JUMP24 = 30,       /* B.W: as THM_CALL */
	R_ARM_TARGET1 = 38,          /* word: ABS32 or REL32, the linker decides */
	R_ARM_THM_MOVW_ABS_NC = 47,  /* MOVW: low half of S + A */
	R_ARM_THM_MOVT_ABS = 48,     /* MOVT: high half of S + A (A is not shifted) */
	R_ARM_THM_JUMP19 = 51,       /* B<cond>.W: S + A - P, A = -4 reaches S */
};

/* Status of the writer and the reader. */
typedef enum ElfErr {
	ELF_OK = 0,
	ELF_ERR_NOMEM,     /* the allocator hook failed */
	ELF_ERR_ARGUMENT,  /* a bad handle, name, flag or instruction under a relocation */
	ELF_ERR_RANGE,     /* an addend, offset or size does not fit its field */
	ELF_ERR_MALFORMED, /* the reader: the bytes are not a well-formed ELF32 image */
} ElfErr;

/* ---- elf.c: the writer ---- */

typedef struct ElfObj ElfObj;

/* Section arguments of elf_symbol besides user section indices. */
enum { ELF_UNDEF = 0, ELF_ABS = -1 };

/* Symbol kinds: ELF_THUMB_FUNC is STT_FUNC with bit 0 of the value set in
 * the file (AAELF: Thumb code addresses are odd); pass the even offset or
 * address. M-profile cores have no Arm state, hence no plain ARM function. */
typedef enum ElfSymKind {
	ELF_NOTYPE, ELF_OBJECT, ELF_THUMB_FUNC,
} ElfSymKind;

/* Floating-point unit, as Tag_FP_arch and Tag_ABI_HardFP_use describe it. */
typedef enum ElfFpu {
	ELF_FPU_NONE,
	ELF_FPU_FPV4_SP_D16, /* Cortex-M4F: VFPv4-D16, single precision only */
	ELF_FPU_FPV5_SP_D16, /* Cortex-M33, M7 single: FPv5, single precision only */
	ELF_FPU_FPV5_D16,    /* Cortex-M7 double: FPv5, double precision */
} ElfFpu;

/* Tag_CPU_arch values of the architectures Synth targets. */
typedef enum ElfArch {
	ELF_ARCH_V7M = 10, ELF_ARCH_V7EM = 13, ELF_ARCH_V8M_MAIN = 17,
} ElfArch;

/* What .ARM.attributes records; elf_attributes writes the same tags as
 * arm-none-eabi-gcc -O2 for the matching -mcpu/-mfpu/-mfloat-abi. */
typedef struct ElfAttrs {
	ElfArch arch;  /* Tag_CPU_arch; Tag_CPU_name is gcc's name for it */
	bool dsp;      /* ARMv8-M DSP extension (Tag_DSP_extension) */
	ElfFpu fpu;    /* Tag_FP_arch, Tag_ABI_HardFP_use */
	bool hard;     /* -mfloat-abi=hard: arguments in VFP registers (Tag_ABI_VFP_args) */
} ElfAttrs;

/* Creates an empty object whose memory comes from a (which must outlive it);
 * NULL when the hook fails. */
ElfObj *elf_new(const SyAlloc *a);
/* Frees the object, its output image included. NULL is allowed. */
void elf_free(ElfObj *o);
/* The first error (ELF_OK if none). */
ElfErr elf_status(const ElfObj *o);
/* Its message ("" if none). */
const char *elf_message(const ElfObj *o);

/* Adds a section (type SHT_PROGBITS or SHT_NOBITS, flags SHF_*, align a
 * power of two, 0 meaning 1); returns its ELF section index (>= 1). Names
 * are unique; the writer's own section names are reserved. */
int elf_section(ElfObj *o, const char *name, uint32_t type, uint32_t flags, uint32_t align);
/* Appends n bytes to a PROGBITS section; returns their offset. */
uint32_t elf_append(ElfObj *o, int sec, const void *data, size_t n);
/* Grows a section by n bytes (zeroes in PROGBITS); returns their offset. */
uint32_t elf_reserve(ElfObj *o, int sec, size_t n);
/* Pads a section with zeroes to a multiple of align (a power of two, at
 * most the section's alignment); returns the new size. */
uint32_t elf_align(ElfObj *o, int sec, uint32_t align);
/* Current size of a section (0 for a bad index). */
uint32_t elf_size(const ElfObj *o, int sec);
/* Borrows the bytes of a PROGBITS section for patching (NULL for NOBITS or
 * an empty section); valid until the section grows. */
uint8_t *elf_bytes(ElfObj *o, int sec);

/* Adds a symbol: sec is a section index, ELF_UNDEF or ELF_ABS; value is the
 * offset in the section (ignored when undefined); bind STB_LOCAL, STB_GLOBAL
 * or STB_WEAK. Returns a handle (>= 1) for elf_reloc. Non-local names are
 * unique. An undefined local is a forward reference: elf_define must give
 * it a section before elf_write. */
int elf_symbol(ElfObj *o, const char *name, int sec, uint32_t value, uint32_t size,
               int bind, ElfSymKind kind);
/* Defines a symbol created as ELF_UNDEF (a forward reference, e.g. a
 * function called before its code is emitted). */
ElfErr elf_define(ElfObj *o, int sym, int sec, uint32_t value, uint32_t size);
/* The STT_SECTION symbol of a section (created on first use), for relocations
 * against a section offset without a named symbol. */
int elf_section_symbol(ElfObj *o, int sec);
/* Adds a mapping symbol ($t for Thumb code, $d for data) at off. A code
 * section whose offset 0 has none gets $t there in elf_write. */
ElfErr elf_mapping_symbol(ElfObj *o, int sec, uint32_t off, bool is_code);

/* Records relocation type at off in sec against symbol handle sym and
 * writes addend into the bytes there, which must already hold the
 * instruction (BL, B.W, B<c>.W, MOVW, MOVT) or word the type applies to. */
ElfErr elf_reloc(ElfObj *o, int sec, uint32_t off, uint32_t type, int sym, int32_t addend);

/* Sets the .ARM.attributes section (replacing an earlier one). */
ElfErr elf_attributes(ElfObj *o, const ElfAttrs *at);

/* Lays out the file: header, section contents, section header table.
 * The image is owned by o and valid until the next elf_write or elf_free.
 * The output is a function of the calls made, byte for byte. */
ElfErr elf_write(ElfObj *o, const uint8_t **out, size_t *len);

/* ---- elf_read.c: the reader ---- */

/* A validated view of an ELF32 little-endian image in a caller's buffer. */
typedef struct ElfImage {
	const uint8_t *data;  /* the image (borrowed) */
	size_t size;          /* its size */
	uint16_t type;        /* e_type: ET_REL, ET_EXEC, ... */
	uint16_t machine;     /* e_machine: EM_ARM, ... */
	uint32_t entry;       /* e_entry */
	uint32_t flags;       /* e_flags */
	uint32_t shoff;       /* section header table offset */
	uint32_t shentsize;   /* its entry size */
	uint32_t shnum;       /* number of sections, the null one included */
	uint32_t shstrndx;    /* section holding section names (0 = none) */
	uint32_t phoff;       /* program header table offset */
	uint32_t phentsize;   /* its entry size */
	uint32_t phnum;       /* number of program headers */
	uint32_t symtab;      /* index of the SHT_SYMTAB section, 0 if none */
	uint32_t nsyms;       /* entries in it, the null one included */
	uint32_t symoff;      /* file offset of the symbol table */
	uint32_t stroff, strsize;     /* its string table */
	uint32_t shstroff, shstrsize; /* the section-name string table */
	ElfErr err;           /* why elf_image_open failed */
	char msg[160];        /* its message */
} ElfImage;

/* One section header, names and contents borrowed from the image. */
typedef struct ElfSection {
	const char *name;     /* "" when the image has no section names */
	uint32_t type, flags, addr, offset, size, link, info, align, entsize;
	const uint8_t *data;  /* contents (NULL for SHT_NOBITS and empty sections) */
} ElfSection;

/* One symbol. */
typedef struct ElfSym {
	const char *name;     /* from the linked string table */
	uint32_t value, size;
	uint16_t shndx;       /* section index, or SHN_UNDEF/SHN_ABS/SHN_COMMON */
	uint8_t bind, type;   /* STB_*, STT_* */
	uint8_t other;        /* visibility */
} ElfSym;

/* One REL or RELA entry. */
typedef struct ElfRel {
	uint32_t offset;      /* r_offset */
	uint32_t type;        /* ELF32_R_TYPE */
	uint32_t sym;         /* ELF32_R_SYM: index into the section's sh_link symbol table
	                       * (checked against nsyms when that is the symbol table) */
	int32_t addend;       /* r_addend for RELA, 0 for REL (it is in place) */
} ElfRel;

/* One program header. */
typedef struct ElfSegment {
	uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
} ElfSegment;

/* Validates data[0..size) as an ELF32 little-endian image and fills img;
 * on failure returns ELF_ERR_MALFORMED with img->msg set. */
ElfErr elf_image_open(ElfImage *img, const uint8_t *data, size_t size);
/* Section i (0 <= i < shnum); false for a bad index. */
bool elf_image_section(const ElfImage *img, uint32_t i, ElfSection *out);
/* The size bytes at address addr of section i in the file (a symbol's
 * value and size in an executable), or NULL when i is no section with file
 * contents (SHT_NOBITS, SHN_ABS, ...) or the bytes are not all inside it. */
const uint8_t *elf_image_bytes_at(const ElfImage *img, uint32_t i, uint32_t addr, uint32_t size);
/* Index of the first section named name, 0 if none. */
uint32_t elf_image_find_section(const ElfImage *img, const char *name);
/* Symbol i of the symbol table (0 <= i < nsyms); false for a bad index. */
bool elf_image_symbol(const ElfImage *img, uint32_t i, ElfSym *out);
/* Index of the first non-local symbol named name, else the first local
 * one, 0 if none. */
uint32_t elf_image_find_symbol(const ElfImage *img, const char *name);
/* Number of entries of a REL/RELA section (0 for another section). */
uint32_t elf_image_nrelocs(const ElfImage *img, uint32_t sec);
/* Entry i of REL/RELA section sec; false for a bad index. */
bool elf_image_reloc(const ElfImage *img, uint32_t sec, uint32_t i, ElfRel *out);
/* Program header i (0 <= i < phnum); false for a bad index. */
bool elf_image_segment(const ElfImage *img, uint32_t i, ElfSegment *out);

#endif
