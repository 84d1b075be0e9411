/* symbols.c - the names of an object's symbols (symbols.h). */
#include <stdio.h>
#include <string.h>

#include "symbols.h"

static const char *const sym_text[] = {
#define X(id, text) text,
	SYM_INDEXED(X) SYM_MODULE(X)
#undef X
};

void sym_name(char *buf, size_t n, const char *M, SymKind kind, uint32_t i)
{
	if (kind >= SYM_INIT) {
		snprintf(buf, n, "%s__%s", M, sym_text[kind]);
		return;
	}
	/* as snprintf "%s__%s%u" would, without it (every call site names
	 * its callee: a module of thousands of functions formats many) */
	char num[12];
	size_t k = sizeof num, lm = strlen(M), lt = strlen(sym_text[kind]);
	uint32_t x = i;
	do
		num[--k] = (char)('0' + x % 10);
	while (x /= 10);
	size_t nd = sizeof num - k;
	if (lm + 2 + lt + nd < n) {
		memcpy(buf, M, lm);
		memcpy(buf + lm, "__", 2);
		memcpy(buf + lm + 2, sym_text[kind], lt);
		memcpy(buf + lm + 2 + lt, num + k, nd);
		buf[lm + 2 + lt + nd] = 0;
	} else {
		snprintf(buf, n, "%s__%s%u", M, sym_text[kind], i);
	}
}

void sym_escape(char *buf, size_t n, const SynthName *name)
{
	size_t k = strlen(buf);
	for (uint32_t i = 0; i < name->len && k + 5 < n; i++) {
		unsigned char c = (unsigned char)name->str[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')
			buf[k++] = (char)c;
		else
			k += (size_t)snprintf(buf + k, n - k, "_x%02x", c);
	}
	buf[k] = 0;
}

bool synth_export_symbol(const char *prefix, const SynthName *name, char *buf, size_t n)
{
	size_t k = (size_t)snprintf(buf, n, "%s", prefix);
	if (k >= n || 5 * (size_t)name->len + k >= n)
		return false;
	sym_escape(buf, n, name);
	return true;
}

void sym_import(char *buf, size_t n, const char *M, const SynthImport *im)
{
	snprintf(buf, n, "%s__import_", M);
	sym_escape(buf, n, &im->module);
	size_t k = strlen(buf);
	if (k + 1 < n) {
		buf[k] = '_';
		buf[k + 1] = 0;
	}
	sym_escape(buf, n, &im->name);
}

const SynthImport *sym_import_of(const SynthModuleDesc *d, SynthExternKind kind, uint32_t idx)
{
	for (uint32_t i = 0; i < d->nimports; i++)
		if (d->imports[i].kind == kind && d->imports[i].index == idx)
			return &d->imports[i];
	return NULL;
}

void sym_func(char *buf, size_t n, const char *M, const SynthModuleDesc *d, uint32_t f)
{
	const SynthImport *imp = d->funcs[f].imported ? sym_import_of(d, SYNTH_EXTERN_FUNC, f) : NULL;
	if (imp)
		sym_import(buf, n, M, imp);
	else
		sym_name(buf, n, M, SYM_FUNC, f);
}

void sym_sig(char *buf, size_t n, const SynthFuncType *t)
{
	size_t k = (size_t)snprintf(buf, n, "__synth_sig_");
	for (int part = 0; part < 2; part++) {
		const uint8_t *v = part ? t->results : t->params;
		uint32_t c = part ? t->nresults : t->nparams;
		for (uint32_t i = 0; i < c && k + 2 < n; i++) {
			char ch = 'x';
			switch (v[i]) {
			case SYNTH_I32: ch = 'i'; break;
			case SYNTH_I64: ch = 'I'; break;
			case SYNTH_F32: ch = 'f'; break;
			case SYNTH_F64: ch = 'F'; break;
			case SYNTH_V128: ch = 'v'; break;
			case SYNTH_FUNCREF: ch = 'r'; break;
			case SYNTH_EXTERNREF: ch = 'e'; break;
			}
			buf[k++] = ch;
		}
		if (!part && k + 2 < n)
			buf[k++] = '_';
	}
	buf[k] = 0;
}
