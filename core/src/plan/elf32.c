/* elf32.c - just enough of ELF32 (little-endian) to find symbols and the
 * bytes behind them in a linked image. Every offset and size read from the
 * file is checked against the file size before use. */
#include <stdio.h>
#include <string.h>

#include "plan_internal.h"

static uint32_t rd32(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }
static uint16_t rd16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }

/* True when [off, off+len) lies inside the image. */
static bool in_file(const PlElf *e, uint64_t off, uint64_t len)
{
	return off <= e->size && len <= e->size - off;
}

#define SHT_SYMTAB 2
#define SHT_NOBITS 8

bool pl_elf_open(PlElf *e, const uint8_t *data, size_t size, char why[160])
{
	memset(e, 0, sizeof *e);
	e->data = data;
	e->size = size;
	if (size < 52 || memcmp(data, "\x7f" "ELF", 4) != 0) {
		snprintf(why, 160, "not an ELF file");
		return false;
	}
	if (data[4] != 1 || data[5] != 1) {
		snprintf(why, 160, "not a little-endian ELF32 image (class %u, data %u)", data[4], data[5]);
		return false;
	}
	e->shoff = rd32(data + 32);
	e->shentsize = rd16(data + 46);
	e->shnum = rd16(data + 48);
	if (e->shentsize < 40 || !in_file(e, e->shoff, (uint64_t)e->shnum * e->shentsize)) {
		snprintf(why, 160, "section header table out of the file");
		return false;
	}
	for (uint16_t i = 0; i < e->shnum; i++) {
		const uint8_t *sh = data + e->shoff + (size_t)i * e->shentsize;
		if (rd32(sh + 4) != SHT_SYMTAB)
			continue;
		uint32_t link = rd32(sh + 24);
		e->symoff = rd32(sh + 16);
		e->symsize = rd32(sh + 20);
		e->symentsize = rd32(sh + 36);
		if (e->symentsize < 16 || !in_file(e, e->symoff, e->symsize) || link >= e->shnum) {
			snprintf(why, 160, "symbol table out of the file");
			return false;
		}
		const uint8_t *st = data + e->shoff + (size_t)link * e->shentsize;
		e->stroff = rd32(st + 16);
		e->strsize = rd32(st + 20);
		if (!in_file(e, e->stroff, e->strsize)) {
			snprintf(why, 160, "string table out of the file");
			return false;
		}
		return true;
	}
	snprintf(why, 160, "no symbol table (was the image stripped?)");
	return false;
}

bool pl_elf_symbol(const PlElf *e, const char *name, PlElfSym *out)
{
	size_t nl = strlen(name);
	for (uint32_t off = 0; off + e->symentsize <= e->symsize; off += e->symentsize) {
		const uint8_t *s = e->data + e->symoff + off;
		uint32_t nm = rd32(s);
		if (nm >= e->strsize || e->strsize - nm < nl + 1)
			continue;
		const char *str = (const char *)e->data + e->stroff + nm;
		if (memcmp(str, name, nl) != 0 || str[nl] != 0)
			continue;
		out->value = rd32(s + 4);
		out->size = rd32(s + 8);
		out->shndx = rd16(s + 14);
		return true;
	}
	return false;
}

const uint8_t *pl_elf_bytes(const PlElf *e, uint16_t shndx, uint32_t addr, uint32_t size)
{
	if (shndx == 0 || shndx >= e->shnum)
		return NULL;
	const uint8_t *sh = e->data + e->shoff + (size_t)shndx * e->shentsize;
	if (rd32(sh + 4) == SHT_NOBITS)
		return NULL;
	uint32_t saddr = rd32(sh + 12), soff = rd32(sh + 16), ssize = rd32(sh + 20);
	if (addr < saddr || (uint64_t)addr - saddr + size > ssize)
		return NULL;
	uint64_t off = (uint64_t)soff + (addr - saddr);
	if (!in_file(e, off, size))
		return NULL;
	return e->data + off;
}
