/* spec_json.c - reads wast2json command scripts (format described in spec_json.h).
 *
 * The whole JSON file is parsed with json-c into one tree that the script
 * keeps; commands are then converted to SpecCommand structs whose strings
 * point into that tree. Only the argument and result arrays are allocated
 * separately. Unknown fields are ignored and unknown command or value types
 * are kept as *_UNKNOWN with their raw type string, so a newer wast2json does
 * not stop a harness that only cares about some commands; a missing or
 * mistyped required field ("commands", "type", "line") is an error.
 */
#include "spec_json.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

struct SpecScript {
	json_object *root;     /* the parsed file; owns every borrowed string */
	char *dir;             /* folder of the JSON file, "." when none */
	const char *source;    /* "source_filename" or "" */
	const char *source_base; /* source without folders */
	size_t ncommands;      /* number of commands */
	SpecCommand *commands; /* the commands */
};

static const char *const command_kind_names[] = {
#define SPEC_X(id, str) str,
	SPEC_COMMAND_KINDS(SPEC_X)
#undef SPEC_X
	"unknown",
};

static const char *const value_kind_names[] = {
#define SPEC_X(id, str) str,
	SPEC_VALUE_KINDS(SPEC_X)
#undef SPEC_X
};

/* Formats a message into err (if any); always returns -1 for `return fail(...)`. */
static int fail(char *err, size_t errsize, const char *fmt, ...)
{
	va_list ap;

	if (err && errsize > 0) {
		va_start(ap, fmt);
		vsnprintf(err, errsize, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* The string member key of obj, or NULL when absent or not a string. */
static const char *get_string(json_object *obj, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(obj, key, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static SpecCommandKind command_kind(const char *name)
{
	for (size_t i = 0; i < SPEC_CMD_UNKNOWN; i++)
		if (strcmp(name, command_kind_names[i]) == 0)
			return (SpecCommandKind)i;
	return SPEC_CMD_UNKNOWN;
}

static SpecValueKind value_kind(const char *name)
{
	for (size_t i = 0; i < SPEC_VAL_UNKNOWN; i++)
		if (strcmp(name, value_kind_names[i]) == 0)
			return (SpecValueKind)i;
	return SPEC_VAL_UNKNOWN;
}

const char *spec_command_kind_name(SpecCommandKind kind)
{
	if ((unsigned)kind > SPEC_CMD_UNKNOWN)
		kind = SPEC_CMD_UNKNOWN;
	return command_kind_names[kind];
}

/* Converts one {"type", "lane_type", "value"} object. */
static int parse_value(json_object *obj, SpecValue *val, char *err, size_t errsize)
{
	json_object *v;
	size_t n;

	memset(val, 0, sizeof *val);
	val->lane_kind = SPEC_VAL_UNKNOWN;
	if (!json_object_is_type(obj, json_type_object))
		return fail(err, errsize, "value is not an object");
	val->type_name = get_string(obj, "type");
	if (!val->type_name)
		return fail(err, errsize, "value without a \"type\"");
	val->kind = value_kind(val->type_name);
	val->lane_type_name = get_string(obj, "lane_type");
	if (val->lane_type_name)
		val->lane_kind = value_kind(val->lane_type_name);
	if (!json_object_object_get_ex(obj, "value", &v))
		return 0; /* assert_trap results carry only the type */
	if (json_object_is_type(v, json_type_string)) {
		val->nlanes = 1;
		val->lanes[0] = json_object_get_string(v);
		return 0;
	}
	if (!json_object_is_type(v, json_type_array))
		return fail(err, errsize, "value of type %s is neither a string nor an array",
		            val->type_name);
	n = json_object_array_length(v);
	if (n > SPEC_MAX_LANES)
		return fail(err, errsize, "%zu lanes in a %s value", n, val->type_name);
	for (size_t i = 0; i < n; i++) {
		json_object *lane = json_object_array_get_idx(v, i);
		if (!json_object_is_type(lane, json_type_string))
			return fail(err, errsize, "lane %zu is not a string", i);
		val->lanes[i] = json_object_get_string(lane);
	}
	val->nlanes = (uint32_t)n;
	return 0;
}

/* Converts the array member key of obj into a malloc'd value list; an
 * absent member gives an empty list. */
static int parse_values(json_object *obj, const char *key, SpecValue **out, uint32_t *count,
                        char *err, size_t errsize)
{
	json_object *arr;
	size_t n;

	*out = NULL;
	*count = 0;
	if (!json_object_object_get_ex(obj, key, &arr))
		return 0;
	if (!json_object_is_type(arr, json_type_array))
		return fail(err, errsize, "\"%s\" is not an array", key);
	n = json_object_array_length(arr);
	if (n == 0)
		return 0;
	*out = calloc(n, sizeof **out);
	if (!*out)
		return fail(err, errsize, "out of memory");
	*count = (uint32_t)n;
	for (size_t i = 0; i < n; i++)
		if (parse_value(json_object_array_get_idx(arr, i), &(*out)[i], err, errsize) < 0)
			return -1;
	return 0;
}

static int parse_action(json_object *obj, SpecAction *act, char *err, size_t errsize)
{
	const char *type;

	if (!json_object_is_type(obj, json_type_object))
		return fail(err, errsize, "\"action\" is not an object");
	type = get_string(obj, "type");
	if (!type)
		return fail(err, errsize, "action without a \"type\"");
	if (strcmp(type, "invoke") == 0)
		act->kind = SPEC_ACTION_INVOKE;
	else if (strcmp(type, "get") == 0)
		act->kind = SPEC_ACTION_GET;
	else
		act->kind = SPEC_ACTION_UNKNOWN;
	act->module = get_string(obj, "module");
	act->field = get_string(obj, "field");
	json_object *fv;
	if (act->field && json_object_object_get_ex(obj, "field", &fv))
		act->field_len = (size_t)json_object_get_string_len(fv);
	return parse_values(obj, "args", &act->args, &act->nargs, err, errsize);
}

static int parse_command(json_object *obj, SpecCommand *cmd, char *err, size_t errsize)
{
	json_object *v;
	const char *mt;

	if (!json_object_is_type(obj, json_type_object))
		return fail(err, errsize, "not an object");
	cmd->type_name = get_string(obj, "type");
	if (!cmd->type_name)
		return fail(err, errsize, "no \"type\"");
	cmd->kind = command_kind(cmd->type_name);
	if (!json_object_object_get_ex(obj, "line", &v) || !json_object_is_type(v, json_type_int))
		return fail(err, errsize, "no \"line\"");
	cmd->line = json_object_get_int(v);
	cmd->filename = get_string(obj, "filename");
	cmd->name = get_string(obj, "name");
	cmd->as = get_string(obj, "as");
	cmd->text = get_string(obj, "text");
	mt = get_string(obj, "module_type");
	if (!mt)
		cmd->module_type = SPEC_MODULE_NONE;
	else if (strcmp(mt, "binary") == 0)
		cmd->module_type = SPEC_MODULE_BINARY;
	else if (strcmp(mt, "text") == 0)
		cmd->module_type = SPEC_MODULE_TEXT;
	else
		return fail(err, errsize, "unknown \"module_type\" \"%s\"", mt);
	if (json_object_object_get_ex(obj, "action", &v) && parse_action(v, &cmd->action, err, errsize) < 0)
		return -1;
	return parse_values(obj, "expected", &cmd->expected, &cmd->nexpected, err, errsize);
}

/* Copies the folder part of path ("." when there is none). */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t len = slash ? (size_t)(slash - path) : 1;
	char *dir;

	if (slash == path)
		len = 1; /* "/x.json" lives in "/" */
	dir = malloc(len + 1);
	if (!dir)
		return NULL;
	memcpy(dir, slash ? path : ".", len);
	dir[len] = '\0';
	return dir;
}

SpecScript *spec_script_load(const char *path, char *err, size_t errsize)
{
	SpecScript *script;
	json_object *cmds;
	const char *slash;
	size_t n;
	char why[256];

	script = calloc(1, sizeof *script);
	if (!script) {
		fail(err, errsize, "out of memory");
		return NULL;
	}
	script->root = json_object_from_file(path);
	if (!script->root) {
		/* json-c's message ends in a newline and names the file already */
		const char *msg = json_util_get_last_err();
		fail(err, errsize, "%s", msg ? msg : "cannot read JSON");
		for (size_t len = err ? strlen(err) : 0; len > 0 && err[len - 1] == '\n';)
			err[--len] = '\0';
		goto fail;
	}
	script->dir = dir_of(path);
	if (!script->dir) {
		fail(err, errsize, "out of memory");
		goto fail;
	}
	script->source = get_string(script->root, "source_filename");
	if (!script->source)
		script->source = "";
	slash = strrchr(script->source, '/');
	script->source_base = slash ? slash + 1 : script->source;
	if (!json_object_object_get_ex(script->root, "commands", &cmds) ||
	    !json_object_is_type(cmds, json_type_array)) {
		fail(err, errsize, "no \"commands\" array");
		goto fail;
	}
	n = json_object_array_length(cmds);
	script->commands = calloc(n ? n : 1, sizeof *script->commands);
	if (!script->commands) {
		fail(err, errsize, "out of memory");
		goto fail;
	}
	script->ncommands = n;
	for (size_t i = 0; i < n; i++) {
		if (parse_command(json_object_array_get_idx(cmds, i), &script->commands[i], why,
		                  sizeof why) < 0) {
			fail(err, errsize, "command %zu: %s", i, why);
			goto fail;
		}
	}
	return script;
fail:
	spec_script_free(script);
	return NULL;
}

void spec_script_free(SpecScript *script)
{
	if (!script)
		return;
	for (size_t i = 0; i < script->ncommands; i++) {
		free(script->commands[i].action.args);
		free(script->commands[i].expected);
	}
	free(script->commands);
	free(script->dir);
	if (script->root)
		json_object_put(script->root);
	free(script);
}

size_t spec_script_count(const SpecScript *script)
{
	return script->ncommands;
}

const SpecCommand *spec_script_command(const SpecScript *script, size_t i)
{
	return &script->commands[i];
}

const char *spec_script_source(const SpecScript *script)
{
	return script->source;
}

const char *spec_script_source_base(const SpecScript *script)
{
	return script->source_base;
}

char *spec_script_path(const SpecScript *script, const char *filename)
{
	size_t dlen = strlen(script->dir), flen = strlen(filename);
	char *path;

	if (filename[0] == '/')
		dlen = 0;
	path = malloc(dlen + 1 + flen + 1);
	if (!path)
		return NULL;
	if (dlen == 0) {
		memcpy(path, filename, flen + 1);
		return path;
	}
	memcpy(path, script->dir, dlen);
	path[dlen] = '/';
	memcpy(path + dlen + 1, filename, flen + 1);
	return path;
}

int spec_read_file(const char *path, uint8_t **data, size_t *size)
{
	FILE *f;
	uint8_t *buf = NULL, *grown;
	size_t len = 0, cap = 0, got;
	int saved;

	f = fopen(path, "rb");
	if (!f)
		return -1;
	for (;;) {
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 65536;
			grown = realloc(buf, cap);
			if (!grown) {
				errno = ENOMEM;
				goto fail;
			}
			buf = grown;
		}
		got = fread(buf + len, 1, cap - len, f);
		len += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		errno = EIO;
		goto fail;
	}
	fclose(f);
	*data = buf;
	*size = len;
	return 0;
fail:
	saved = errno;
	free(buf);
	fclose(f);
	errno = saved;
	return -1;
}
