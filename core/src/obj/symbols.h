/* symbols.h - the names of the symbols a compiled module's object defines
 * and references (core/ABI.md, "Names"), written once for the back end
 * (arm/isel*.c) and the driver (driver/compile.c), which both name them.
 *
 * Module M's own symbols are M__<kind><index> (M__func3, M__mem0, ...) or
 * M__<kind> (M__frefs, M__init, ...); an import binds to
 * M__import_<module>_<name>; a function type to the weak
 * __synth_sig_<params>_<results>. Names from the module are escaped: bytes
 * outside [A-Za-z0-9_] become _xHH. Every writer takes the buffer and its
 * size and truncates (the callers' buffers hold any index and the longest
 * escaped name they accept). */
#ifndef SYNTH_SYMBOLS_H
#define SYNTH_SYMBOLS_H

#include <stddef.h>
#include <stdint.h>

#include "internal.h"

/* Kinds of M__<kind><index> symbols, X(id, text): what each names. */
#define SYM_INDEXED(X) \
	X(FUNC, "func")           /* defined function i's code */ \
	X(ENTRY, "entry")         /* function i's entry through its domain's gate */ \
	X(XCALL, "xcall")         /* the gate that calls function i from another domain */ \
	X(FREF, "fref")           /* function i's {sig, code} record (funcref values) */ \
	X(MEM, "mem")             /* memory i's base (a link-time constant) */ \
	X(MEMCTL, "memctl")       /* memory i's control block */ \
	X(GLOBAL, "global")       /* global i's cell */ \
	X(TABLE, "table")         /* table i's entries */ \
	X(TABLECTL, "tablectl")   /* table i's control block */ \
	X(DATASEG, "dataseg")     /* data segment i's {bytes, count} descriptor */ \
	X(ELEMSEG, "elemseg")     /* element segment i's {items, count} descriptor */ \
	X(DATA, "data")           /* data segment i's bytes */ \
	X(ELEMITEMS, "elemitems") /* element segment i's items */

/* Kinds of M__<kind> symbols. */
#define SYM_MODULE(X) \
	X(INIT, "init")                             /* the instance set-up */ \
	X(FREFS, "frefs")                           /* all functions' {sig, code} records */ \
	X(XGATES, "xgates")                         /* the gates, by fref index */ \
	X(FUNC_DOMAINS, "func_domains")             /* each fref's domain */ \
	X(FUNC_DOMAINS_COUNT, "func_domains_count") /* their number */ \
	X(NCOMPONENTS, "ncomponents")               /* components of a fused module */

typedef enum SymKind {
#define X(id, text) SYM_##id,
	SYM_INDEXED(X) SYM_MODULE(X)
#undef X
} SymKind;

/* Writes M__<kind><i> (kinds of SYM_INDEXED) or M__<kind> (SYM_MODULE,
 * i ignored) to buf. */
void sym_name(char *buf, size_t n, const char *M, SymKind kind, uint32_t i);

/* Appends name to buf (a NUL-terminated string) with bytes outside
 * [A-Za-z0-9_] as _xHH (NUL bytes included: names are length-counted). */
void sym_escape(char *buf, size_t n, const SynthName *name);

/* Writes the symbol import im of module M binds to: M__import_<module>_<name>. */
void sym_import(char *buf, size_t n, const char *M, const SynthImport *im);

/* The import that brings in entity idx of this kind, or NULL (defined). */
const SynthImport *sym_import_of(const SynthModuleDesc *d, SynthExternKind kind, uint32_t idx);

/* Writes function f's symbol: an import's binding, else M__func<f>. */
void sym_func(char *buf, size_t n, const char *M, const SynthModuleDesc *d, uint32_t f);

/* Writes the weak symbol whose address identifies function type t across
 * every object linked together (call_indirect compares these addresses). */
void sym_sig(char *buf, size_t n, const SynthFuncType *t);

#endif
