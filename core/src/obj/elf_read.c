/* elf_read.c - the bounds-checked ELF32 little-endian reader (see elf.h).
 *
 * elf_image_open checks everything the accessors will later touch, once:
 * the ELF header (52 bytes: e_ident, then e_type u16 @16, e_machine u16 @18,
 * e_entry @24, e_phoff @28, e_shoff @32, e_flags @36, e_ehsize u16 @40,
 * e_phentsize @42, e_phnum @44, e_shentsize @46, e_shnum @48, e_shstrndx
 * @50); the section header table (40-byte entries: sh_name, sh_type,
 * sh_flags, sh_addr, sh_offset, sh_size, sh_link, sh_info, sh_addralign,
 * sh_entsize); the contents of every section that has file bytes; the
 * string tables (each must end in NUL, so any in-range offset names a
 * terminated string); every symbol (16 bytes: st_name, st_value, st_size,
 * st_info, st_other, st_shndx u16) and every relocation (REL 8 bytes:
 * r_offset, r_info = sym << 8 | type; RELA adds r_addend); and the program
 * headers (32 bytes: p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz,
 * p_flags, p_align). Offsets are added in 64 bits so nothing wraps. Extended
 * section numbering (more than 0xff00 sections) is rejected, not decoded.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "elf.h"

static uint32_t rd16(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }
static uint32_t rd32(const uint8_t *p) { return rd16(p) | rd16(p + 2) << 16; }

static ElfErr bad(ElfImage *img, const char *fmt, ...) SY_PRINTF(2, 3);

static ElfErr bad(ElfImage *img, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(img->msg, sizeof img->msg, fmt, ap);
	va_end(ap);
	img->err = ELF_ERR_MALFORMED;
	return img->err;
}

/* True when [off, off + len) lies inside the image. */
static bool in_file(const ElfImage *img, uint64_t off, uint64_t len)
{
	return off <= img->size && len <= img->size - off;
}

static const uint8_t *shdr(const ElfImage *img, uint32_t i)
{
	return img->data + img->shoff + (size_t)i * img->shentsize;
}

/* Reads section header i without names (validated or not). */
static void raw_section(const ElfImage *img, uint32_t i, ElfSection *s)
{
	const uint8_t *h = shdr(img, i);
	s->name = "";
	s->type = rd32(h + 4);
	s->flags = rd32(h + 8);
	s->addr = rd32(h + 12);
	s->offset = rd32(h + 16);
	s->size = rd32(h + 20);
	s->link = rd32(h + 24);
	s->info = rd32(h + 28);
	s->align = rd32(h + 32);
	s->entsize = rd32(h + 36);
	s->data = NULL;
}

/* Checks a string table: contents in the file, last byte NUL. */
static ElfErr check_strtab(ElfImage *img, uint32_t i, const char *what)
{
	ElfSection s;
	raw_section(img, i, &s);
	if (s.type != SHT_STRTAB)
		return bad(img, "%s (section %u) is not SHT_STRTAB", what, i);
	if (s.size && img->data[s.offset + s.size - 1] != 0)
		return bad(img, "%s (section %u) does not end with a NUL", what, i);
	return ELF_OK;
}

static ElfErr check_symbols(ElfImage *img, uint32_t sec)
{
	ElfSection s;
	raw_section(img, sec, &s);
	if (s.entsize != 16 || s.size % 16)
		return bad(img, "symbol table (section %u): entry size %u, size %u", sec, s.entsize, s.size);
	if (s.link == 0 || s.link >= img->shnum)
		return bad(img, "symbol table (section %u): bad string table index %u", sec, s.link);
	if (check_strtab(img, s.link, "symbol string table"))
		return img->err;
	ElfSection str;
	raw_section(img, s.link, &str);
	img->symtab = sec;
	img->nsyms = s.size / 16;
	img->symoff = s.offset;
	img->stroff = str.offset;
	img->strsize = str.size;
	if (s.info > img->nsyms)
		return bad(img, "symbol table: first non-local index %u beyond %u symbols", s.info, img->nsyms);
	for (uint32_t k = 0; k < img->nsyms; k++) {
		const uint8_t *e = img->data + s.offset + (size_t)k * 16;
		uint32_t name = rd32(e), shndx = rd16(e + 14);
		if (name && name >= str.size)
			return bad(img, "symbol %u: name offset 0x%x out of the string table", k, name);
		if (shndx >= img->shnum && shndx != SHN_ABS && shndx != SHN_COMMON)
			return bad(img, "symbol %u: bad section index 0x%x", k, shndx);
	}
	return ELF_OK;
}

static ElfErr check_relocs(ElfImage *img, uint32_t sec)
{
	ElfSection s;
	raw_section(img, sec, &s);
	uint32_t es = s.type == SHT_REL ? 8 : 12;
	if (s.entsize != es || s.size % es)
		return bad(img, "relocation section %u: entry size %u, size %u", sec, s.entsize, s.size);
	if (s.link >= img->shnum || s.info >= img->shnum)
		return bad(img, "relocation section %u: bad link %u or target %u", sec, s.link, s.info);
	/* Dynamic relocations index .dynsym, which this reader does not read. */
	if (s.link != img->symtab || !img->symtab)
		return ELF_OK;
	for (uint32_t k = 0; k < s.size / es; k++) {
		uint32_t sym = rd32(img->data + s.offset + (size_t)k * es + 4) >> 8;
		if (sym >= img->nsyms)
			return bad(img, "relocation section %u entry %u: symbol %u out of range", sec, k, sym);
	}
	return ELF_OK;
}

ElfErr elf_image_open(ElfImage *img, const uint8_t *data, size_t size)
{
	memset(img, 0, sizeof *img);
	img->data = data;
	img->size = size;
	if (size < 4 || memcmp(data, "\x7f" "ELF", 4) != 0)
		return bad(img, "not an ELF file");
	if (size < 52)
		return bad(img, "truncated ELF header");
	if (data[4] != 1 || data[5] != 1)
		return bad(img, "not a little-endian ELF32 file (class %u, data %u)", data[4], data[5]);
	if (data[6] != 1 || rd32(data + 20) != 1)
		return bad(img, "unknown ELF version");
	img->type = (uint16_t)rd16(data + 16);
	img->machine = (uint16_t)rd16(data + 18);
	img->entry = rd32(data + 24);
	img->phoff = rd32(data + 28);
	img->shoff = rd32(data + 32);
	img->flags = rd32(data + 36);
	img->phentsize = rd16(data + 42);
	img->phnum = rd16(data + 44);
	img->shentsize = rd16(data + 46);
	img->shnum = rd16(data + 48);
	img->shstrndx = rd16(data + 50);
	if (rd16(data + 40) < 52)
		return bad(img, "ELF header size %u", rd16(data + 40));

	/* Program headers. */
	if (img->phnum == 0xffff)
		return bad(img, "extended program header numbering not supported");
	if (img->phnum) {
		if (img->phentsize < 32)
			return bad(img, "program header entry size %u", img->phentsize);
		if (!in_file(img, img->phoff, (uint64_t)img->phnum * img->phentsize))
			return bad(img, "program header table out of the file");
		for (uint32_t i = 0; i < img->phnum; i++) {
			ElfSegment g;
			elf_image_segment(img, i, &g);
			if (g.filesz && !in_file(img, g.offset, g.filesz))
				return bad(img, "segment %u: contents out of the file", i);
			if (g.type == PT_LOAD && g.filesz > g.memsz)
				return bad(img, "segment %u: file size 0x%x above memory size 0x%x",
				           i, g.filesz, g.memsz);
		}
	}

	/* Section headers. */
	if (img->shoff == 0) {
		img->shnum = 0;
		img->shstrndx = 0;
		return ELF_OK;
	}
	if (img->shnum == 0)
		return bad(img, "extended section numbering not supported");
	if (img->shnum > SHN_LORESERVE || img->shstrndx == SHN_XINDEX)
		return bad(img, "extended section numbering not supported");
	if (img->shentsize < 40)
		return bad(img, "section header entry size %u", img->shentsize);
	if (!in_file(img, img->shoff, (uint64_t)img->shnum * img->shentsize))
		return bad(img, "section header table out of the file");
	for (uint32_t i = 0; i < img->shnum; i++) {
		ElfSection s;
		raw_section(img, i, &s);
		if (s.type != SHT_NOBITS && s.type != SHT_NULL && !in_file(img, s.offset, s.size))
			return bad(img, "section %u: contents out of the file", i);
		if (s.type == SHT_NULL && s.size)
			return bad(img, "section %u: SHT_NULL with a size", i);
	}
	if (img->shstrndx) {
		if (img->shstrndx >= img->shnum)
			return bad(img, "section name table index %u out of range", img->shstrndx);
		if (check_strtab(img, img->shstrndx, "section name table"))
			return img->err;
		ElfSection ss;
		raw_section(img, img->shstrndx, &ss);
		img->shstroff = ss.offset;
		img->shstrsize = ss.size;
		for (uint32_t i = 0; i < img->shnum; i++) {
			uint32_t name = rd32(shdr(img, i));
			if (name && name >= ss.size)
				return bad(img, "section %u: name offset 0x%x out of the name table", i, name);
		}
	}
	for (uint32_t i = 1; i < img->shnum; i++) {
		if (rd32(shdr(img, i) + 4) != SHT_SYMTAB)
			continue;
		if (img->symtab)
			return bad(img, "more than one symbol table");
		if (check_symbols(img, i))
			return img->err;
	}
	for (uint32_t i = 1; i < img->shnum; i++) {
		uint32_t type = rd32(shdr(img, i) + 4);
		if ((type == SHT_REL || type == SHT_RELA) && check_relocs(img, i))
			return img->err;
	}
	return ELF_OK;
}

bool elf_image_section(const ElfImage *img, uint32_t i, ElfSection *out)
{
	if (i >= img->shnum)
		return false;
	raw_section(img, i, out);
	uint32_t name = rd32(shdr(img, i));
	if (img->shstrndx && name)
		out->name = (const char *)img->data + img->shstroff + name;
	if (out->type != SHT_NOBITS && out->type != SHT_NULL && out->size)
		out->data = img->data + out->offset;
	return true;
}

const uint8_t *elf_image_bytes_at(const ElfImage *img, uint32_t i, uint32_t addr, uint32_t size)
{
	ElfSection s;
	if (i == 0 || !elf_image_section(img, i, &s) || !s.data)
		return NULL;
	/* The contents were checked to lie in the file at open; only the
	 * window inside them is left to check, in 64 bits. */
	if (addr < s.addr || (uint64_t)(addr - s.addr) + size > s.size)
		return NULL;
	return s.data + (addr - s.addr);
}

uint32_t elf_image_find_section(const ElfImage *img, const char *name)
{
	ElfSection s;
	for (uint32_t i = 1; elf_image_section(img, i, &s); i++)
		if (strcmp(s.name, name) == 0)
			return i;
	return 0;
}

bool elf_image_symbol(const ElfImage *img, uint32_t i, ElfSym *out)
{
	if (i >= img->nsyms)
		return false;
	const uint8_t *e = img->data + img->symoff + (size_t)i * 16;
	uint32_t name = rd32(e);
	out->name = name ? (const char *)img->data + img->stroff + name : "";
	out->value = rd32(e + 4);
	out->size = rd32(e + 8);
	out->bind = e[12] >> 4;
	out->type = e[12] & 0xf;
	out->other = e[13];
	out->shndx = (uint16_t)rd16(e + 14);
	return true;
}

uint32_t elf_image_find_symbol(const ElfImage *img, const char *name)
{
	ElfSym s;
	uint32_t local = 0;
	for (uint32_t i = 1; elf_image_symbol(img, i, &s); i++) {
		if (strcmp(s.name, name) != 0)
			continue;
		if (s.bind != STB_LOCAL)
			return i;
		if (!local)
			local = i;
	}
	return local;
}

uint32_t elf_image_nrelocs(const ElfImage *img, uint32_t sec)
{
	ElfSection s;
	if (!elf_image_section(img, sec, &s))
		return 0;
	if (s.type == SHT_REL)
		return s.size / 8;
	if (s.type == SHT_RELA)
		return s.size / 12;
	return 0;
}

bool elf_image_reloc(const ElfImage *img, uint32_t sec, uint32_t i, ElfRel *out)
{
	ElfSection s;
	if (i >= elf_image_nrelocs(img, sec) || !elf_image_section(img, sec, &s))
		return false;
	uint32_t es = s.type == SHT_REL ? 8 : 12;
	const uint8_t *e = img->data + s.offset + (size_t)i * es;
	out->offset = rd32(e);
	out->type = rd32(e + 4) & 0xff;
	out->sym = rd32(e + 4) >> 8;
	out->addend = es == 12 ? (int32_t)rd32(e + 8) : 0;
	return true;
}

bool elf_image_segment(const ElfImage *img, uint32_t i, ElfSegment *out)
{
	if (i >= img->phnum)
		return false;
	const uint8_t *h = img->data + img->phoff + (size_t)i * img->phentsize;
	out->type = rd32(h);
	out->offset = rd32(h + 4);
	out->vaddr = rd32(h + 8);
	out->paddr = rd32(h + 12);
	out->filesz = rd32(h + 16);
	out->memsz = rd32(h + 20);
	out->flags = rd32(h + 24);
	out->align = rd32(h + 28);
	return true;
}
