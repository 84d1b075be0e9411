/* spec_json.h - reader for the JSON command scripts that wabt's wast2json writes.
 *
 * `wast2json foo.wast -o DIR/foo.json` turns a spec test script into one JSON
 * file plus the modules it mentions (DIR/foo.N.wasm, or .wat for text-format
 * assertions). The JSON is an object {"source_filename": "...", "commands": [...]};
 * each command has a "type" and a "line" (in the .wast) and, depending on the
 * type, a module "filename", a "name" ($id of a module), "as" (register),
 * "text" (expected error message), "module_type" ("binary" or "text"), an
 * "action" {"type": "invoke"|"get", "module", "field", "args"} and "expected"
 * values. A value is {"type": T, "value": V} where V is a decimal string of
 * the bit pattern, "null", or "nan:canonical"/"nan:arithmetic"; a v128 value
 * has a "lane_type" and "value" is an array of lane strings.
 *
 * spec_script_load() reads the file once with json-c and exposes the commands
 * as plain structs. Strings are borrowed from the parsed JSON tree and live
 * until spec_script_free(). Used by spec-validate (decode and validate) and
 * meant to be reused by execution harnesses (assert_return, assert_trap).
 */
#ifndef SYNTH_SPEC_JSON_H
#define SYNTH_SPEC_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Command types: X(enum suffix, JSON "type" string). */
#define SPEC_COMMAND_KINDS(X)                              \
	X(MODULE, "module")                                \
	X(REGISTER, "register")                            \
	X(ACTION, "action")                                \
	X(ASSERT_RETURN, "assert_return")                  \
	X(ASSERT_TRAP, "assert_trap")                      \
	X(ASSERT_EXHAUSTION, "assert_exhaustion")          \
	X(ASSERT_MALFORMED, "assert_malformed")            \
	X(ASSERT_INVALID, "assert_invalid")                \
	X(ASSERT_UNLINKABLE, "assert_unlinkable")          \
	X(ASSERT_UNINSTANTIABLE, "assert_uninstantiable")

/* Kind of a command; SPEC_CMD_UNKNOWN for a type this reader does not know. */
typedef enum SpecCommandKind {
#define SPEC_X(id, str) SPEC_CMD_##id,
	SPEC_COMMAND_KINDS(SPEC_X)
#undef SPEC_X
	SPEC_CMD_UNKNOWN,
} SpecCommandKind;

/* Value types: X(enum suffix, JSON "type" string). i8 and i16 occur only
 * as the "lane_type" of a v128. */
#define SPEC_VALUE_KINDS(X)        \
	X(I8, "i8")                \
	X(I16, "i16")              \
	X(I32, "i32")              \
	X(I64, "i64")              \
	X(F32, "f32")              \
	X(F64, "f64")              \
	X(V128, "v128")            \
	X(FUNCREF, "funcref")      \
	X(EXTERNREF, "externref")

/* Kind of a value; SPEC_VAL_UNKNOWN for anything else (see SpecValue.type_name). */
typedef enum SpecValueKind {
#define SPEC_X(id, str) SPEC_VAL_##id,
	SPEC_VALUE_KINDS(SPEC_X)
#undef SPEC_X
	SPEC_VAL_UNKNOWN,
} SpecValueKind;

/* How an assertion's module is given. */
typedef enum SpecModuleType {
	SPEC_MODULE_NONE,   /* no "module_type" field (plain "module" commands) */
	SPEC_MODULE_BINARY, /* "binary": filename is a .wasm */
	SPEC_MODULE_TEXT,   /* "text": filename is a .wat that wast2json did not convert */
} SpecModuleType;

/* Most lanes a v128 value can have (i8x16). */
#define SPEC_MAX_LANES 16

/* An argument or expected result. */
typedef struct SpecValue {
	SpecValueKind kind;                /* value type */
	const char *type_name;             /* the JSON "type" string as written */
	SpecValueKind lane_kind;           /* v128 only: lane type, else SPEC_VAL_UNKNOWN */
	const char *lane_type_name;        /* v128 only: the JSON "lane_type", else NULL */
	uint32_t nlanes;                   /* strings in lanes: 1 for scalars, 0 when "value" is absent */
	const char *lanes[SPEC_MAX_LANES]; /* value strings; lanes[0] is a scalar's value */
} SpecValue;

/* Kinds of action. */
typedef enum SpecActionKind {
	SPEC_ACTION_NONE,   /* the command has no action */
	SPEC_ACTION_INVOKE, /* call an exported function */
	SPEC_ACTION_GET,    /* read an exported global */
	SPEC_ACTION_UNKNOWN,/* an action type this reader does not know */
} SpecActionKind;

/* The action of action/assert_return/assert_trap/assert_exhaustion. */
typedef struct SpecAction {
	SpecActionKind kind; /* invoke or get */
	const char *module;  /* "$name" of the target module, NULL for the latest one */
	const char *field;   /* export name (NUL-terminated, but may hold NUL bytes) */
	size_t field_len;    /* its length in bytes */
	uint32_t nargs;      /* number of arguments */
	SpecValue *args;     /* the arguments */
} SpecAction;

/* One command of the script. Absent string fields are NULL. */
typedef struct SpecCommand {
	SpecCommandKind kind;        /* command type */
	const char *type_name;       /* the JSON "type" string as written */
	int line;                    /* line in the .wast */
	const char *filename;        /* module file, relative to the JSON's folder */
	const char *name;            /* "$name" of a module, or the module of a register */
	const char *as;              /* register: the name it is registered as */
	const char *text;            /* expected error message of an assertion */
	SpecModuleType module_type;  /* how filename is encoded */
	SpecAction action;           /* the action, kind SPEC_ACTION_NONE if none */
	uint32_t nexpected;          /* number of expected results */
	SpecValue *expected;         /* expected results */
} SpecCommand;

typedef struct SpecScript SpecScript;

/* Reads and parses a wast2json JSON file. On failure returns NULL and writes
 * a one-line reason (without the path) into err. */
SpecScript *spec_script_load(const char *path, char *err, size_t errsize);

/* Frees a script and every string borrowed from it. NULL is allowed. */
void spec_script_free(SpecScript *script);

/* Number of commands. */
size_t spec_script_count(const SpecScript *script);

/* The i-th command (borrowed), i < spec_script_count(). */
const SpecCommand *spec_script_command(const SpecScript *script, size_t i);

/* The "source_filename" (the .wast path as given to wast2json), or "". */
const char *spec_script_source(const SpecScript *script);

/* The .wast file name without folders, for FILE:LINE messages. */
const char *spec_script_source_base(const SpecScript *script);

/* Path of a file named by a command, resolved against the JSON's folder;
 * malloc'd, caller frees. NULL when out of memory. */
char *spec_script_path(const SpecScript *script, const char *filename);

/* JSON "type" string of a command kind. */
const char *spec_command_kind_name(SpecCommandKind kind);

/* Reads a whole file into a malloc'd buffer (non-NULL even when empty).
 * Returns 0, or -1 with errno set. */
int spec_read_file(const char *path, uint8_t **data, size_t *size);

#endif
