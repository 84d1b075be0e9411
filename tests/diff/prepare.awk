# prepare.awk - turns a module written by `wasm-opt -ttf` (in wasm2wat's
# flat text format) into one that `synth run --run-all-exports` and
# `wasm-interp --run-all-exports` can both run, in two steps.
#
# 1. Imports. The fuzzer's modules import fuzzing-support.log-i32, -i64,
# -f32 and -f64, which synth run cannot provide. Each import line is
# replaced by a defined function of the same type (so no index moves) that
# folds its argument into a global, $log32 or $log64 (v ^ rotl(g, 1)), and
# two exports appended at the end, zlog32 and zlog64, return those globals
# after every other export ran: what the module logged stays observable.
# Any other import makes the script fail (exit 3): the module is skipped.
#
# Hang limit. The fuzzer's code decrements a global at every function entry
# and loop iteration and returns early when it reaches zero; its export
# hangLimitInitializer resets it to 10. The script raises that to -v hang=N
# (default 40) and adds an export of the initializer (hl_1, hl_2, ...)
# before every other function export, so each export runs with the full
# limit, as in binaryen's own fuzzing harness. This needs the file twice on
# the command line (`awk -f prepare.awk m.wat m.wat`): the first pass only
# finds the initializer and its global.
#
# Exports with parameters or several results. --run-all-exports calls only
# functions without parameters, so for each exported function with
# parameters an exported wrapper call_NAME is appended that resets the hang
# limit and calls it with fixed arguments (0, 1, -1, INT_MAX, INT_MIN, ...
# by position; null for references; no wrapper for other parameter types).
# synth run prints only one result, so an export with several results is
# removed and replaced by fold_NAME, which calls it the same way and
# returns its results folded into one i64 (floats by their bits, NaNs as
# the canonical NaN, references as is-null).
#
# 2. Floating point (unless -v floats=keep). Synth does not compile floats
# yet, so the module is rewritten to use none: f32 becomes i32 and f64 becomes i64
# everywhere (types of params, results, locals, globals, blocks), and every
# float instruction becomes an integer instruction of the same shape:
#
#   arithmetic     add sub mul -> same; div -> xor; min -> and; max -> or;
#                  copysign -> rotl
#   unary          abs floor -> popcnt; neg trunc -> clz; ceil nearest sqrt -> ctz
#   comparisons    eq ne -> same; lt -> lt_s; gt -> gt_u; le -> le_u; ge -> ge_s
#   memory         f32.load/store -> i32.load/store, f64 -> i64 (same alignment)
#   constants      f32.const X -> i32.const H(X), f64.const X -> i64.const H(X),
#                  H a hash of the literal's text (zero stays zero)
#   conversions    between a float type and the integer type it becomes: nop;
#                  64 -> 32 bits: i32.wrap_i64; 32 -> 64 bits: i64.extend_i32_s/u
#                  (reinterpretations are nops)
#
# The result is a valid integer-only module with the control structure the
# fuzzer generated; Synth does not compile floating point yet. Data segment
# lines are copied unchanged (their bytes may spell "f32").
BEGIN {
	if (floats == "")
		floats = "erase"
	if (hang == "")
		hang = 40
	hl_func = hl_global = -1
	for (i = 32; i < 127; i++)
		ord[sprintf("%c", i)] = i
	split("add:add sub:sub mul:mul div:xor min:and max:or copysign:rotl " \
	      "abs:popcnt floor:popcnt neg:clz trunc:clz ceil:ctz nearest:ctz sqrt:ctz " \
	      "eq:eq ne:ne lt:lt_s gt:gt_u le:le_u ge:ge_s load:load store:store", pairs, " ")
	for (k in pairs) {
		split(pairs[k], kv, ":")
		op[kv[1]] = kv[2]
	}
	# conversions: instruction -> replacement ("nop" when the types now agree)
	conv["i32.trunc_f32_s"] = "nop";  conv["i32.trunc_f32_u"] = "nop"
	conv["i32.trunc_f64_s"] = "i32.wrap_i64";  conv["i32.trunc_f64_u"] = "i32.wrap_i64"
	conv["i64.trunc_f32_s"] = "i64.extend_i32_s";  conv["i64.trunc_f32_u"] = "i64.extend_i32_u"
	conv["i64.trunc_f64_s"] = "nop";  conv["i64.trunc_f64_u"] = "nop"
	conv["i32.trunc_sat_f32_s"] = "nop";  conv["i32.trunc_sat_f32_u"] = "nop"
	conv["i32.trunc_sat_f64_s"] = "i32.wrap_i64";  conv["i32.trunc_sat_f64_u"] = "i32.wrap_i64"
	conv["i64.trunc_sat_f32_s"] = "i64.extend_i32_s";  conv["i64.trunc_sat_f32_u"] = "i64.extend_i32_u"
	conv["i64.trunc_sat_f64_s"] = "nop";  conv["i64.trunc_sat_f64_u"] = "nop"
	conv["f32.convert_i32_s"] = "nop";  conv["f32.convert_i32_u"] = "nop"
	conv["f32.convert_i64_s"] = "i32.wrap_i64";  conv["f32.convert_i64_u"] = "i32.wrap_i64"
	conv["f64.convert_i32_s"] = "i64.extend_i32_s";  conv["f64.convert_i32_u"] = "i64.extend_i32_u"
	conv["f64.convert_i64_s"] = "nop";  conv["f64.convert_i64_u"] = "nop"
	conv["f32.demote_f64"] = "i32.wrap_i64";  conv["f64.promote_f32"] = "i64.extend_i32_u"
	conv["i32.reinterpret_f32"] = "nop";  conv["f32.reinterpret_i32"] = "nop"
	conv["i64.reinterpret_f64"] = "nop";  conv["f64.reinterpret_i64"] = "nop"
}

# H(text): a 31-bit hash of a literal; exact in awk's doubles.
function hash(s,    h, i) {
	if (s ~ /^[-+]?0x0p\+0$/)
		return 0
	h = 7
	for (i = 1; i <= length(s); i++)
		h = (h * 131 + ord[substr(s, i, 1)]) % 2147483647
	return h
}

# The number in a string (the digits of it, in order).
function digits(s) {
	gsub(/[^0-9]/, "", s)
	return s + 0
}

# A list of value types with the floats erased (unless floats=keep).
function erase_type(t) {
	if (floats != "keep") {
		gsub(/f32/, "i32", t)
		gsub(/f64/, "i64", t)
	}
	return t
}

# Rewrites the float instructions, constants and types of one line.
function erase(line,    out, tok, pre, w, name, lit) {
	out = ""
	while (match(line, /[if](32|64)\.[a-z_0-9]+/)) {
		tok = substr(line, RSTART, RLENGTH)
		pre = substr(line, 1, RSTART - 1)
		line = substr(line, RSTART + RLENGTH)
		w = substr(tok, 2, 2) == "32" ? "i32" : "i64"
		name = substr(tok, 5)
		if (tok in conv) {
			tok = conv[tok]
		} else if (substr(tok, 1, 1) == "f" && name == "const") {
			if (match(line, /^ +[^ )]+/)) {
				lit = substr(line, RSTART, RLENGTH)
				sub(/^ +/, "", lit)
				line = substr(line, RSTART + RLENGTH)
				tok = w ".const " hash(lit)
			}
		} else if (substr(tok, 1, 1) == "f") {
			if (!(name in op)) {
				print "prepare.awk: unknown instruction " tok > "/dev/stderr"
				failed = 2
				exit 2
			}
			tok = w "." op[name]
		}
		out = out pre tok
	}
	out = out line
	gsub(/f32/, "i32", out)
	gsub(/f64/, "i64", out)
	return out
}

# Prints the previous line (held back so the module's closing paren can
# be moved after the appended fields).
function emit(line) {
	if (held)
		print last
	last = line
	held = 1
}

# Pass 1: the hang limit initializer's function and global.
FNR == NR {
	if ($0 ~ /^  \(export "hangLimitInitializer" \(func [0-9]+\)\)$/)
		hl_func = digits($0)
	if (match($0, /^  \(func \(;[0-9]+;\)/)) {
		k = digits(substr($0, 1, RLENGTH))
		func_no[k] = FNR
		sig_params[k] = sig_results[k] = ""
		if (match($0, /\(param [^)]*\)/))
			sig_params[k] = substr($0, RSTART + 7, RLENGTH - 8)
		if (match($0, /\(result [^)]*\)/))
			sig_results[k] = substr($0, RSTART + 8, RLENGTH - 9)
	}
	if ($0 ~ /^  \(export "[^"]*" \(func [0-9]+\)\)$/) {
		split($0, q, "\"")
		exp_name[++nexp] = q[2]
		exp_func[nexp] = digits(q[3])
	}
	if ($0 ~ /^    global\.set [0-9]+\)$/)
		set_at[FNR] = digits($0)
	next
}

FNR == 1 && hl_func >= 0 && (hl_func in func_no) {
	# the initializer is `(func (;K;) (type T)` `i32.const 10` `global.set G)`
	if ((func_no[hl_func] + 2) in set_at) {
		hl_global = set_at[func_no[hl_func] + 2]
		hl_line = func_no[hl_func] + 1
	}
}

hl_global >= 0 && FNR == hl_line && $0 == "    i32.const 10" { emit("    i32.const " hang); next }
hl_global >= 0 && $0 == "  (global (;" hl_global ";) (mut i32) (i32.const 10))" {
	emit("  (global (;" hl_global ";) (mut i32) (i32.const " hang "))")
	next
}
# exports with several results are replaced by their fold_ wrappers
/^  \(export "[^"]*" \(func [0-9]+\)\)$/ {
	split($0, q, "\"")
	if (sig_results[digits(q[3])] ~ / /)
		next
}

hl_global >= 0 && /^  \(export "[^"]*" \(func [0-9]+\)\)$/ && $0 !~ /"hangLimitInitializer"/ {
	emit("  (export \"hl_" ++nhl "\" (func " hl_func "))")
}

/^ *\(import / {
	if ($0 !~ /^ *\(import "fuzzing-support" "log-(i32|i64|f32|f64)" \(func \(;[0-9]+;\) \(type [0-9]+\)\)\)$/) {
		print "prepare.awk: cannot provide " $0 > "/dev/stderr"
		failed = 3
		exit 3
	}
	match($0, /\(func \(;[0-9]+;\) \(type [0-9]+\)\)/)
	sig = substr($0, RSTART, RLENGTH - 1)
	t = $0 ~ /log-(i32|f32)/ ? "i32" : "i64"
	# kept floats are logged by their bits, every NaN as the canonical one
	# (a NaN's sign and payload from arithmetic are not deterministic)
	if (floats == "keep" && $0 ~ /log-f32/)
		body = "local.get 0 i32.reinterpret_f32 i32.const 0x7fc00000 local.get 0 local.get 0 f32.eq select"
	else if (floats == "keep" && $0 ~ /log-f64/)
		body = "local.get 0 i64.reinterpret_f64 i64.const 0x7ff8000000000000 local.get 0 local.get 0 f64.eq select"
	else
		body = "local.get 0"
	g = t == "i32" ? "$log32" : "$log64"
	emit("  " sig " " body " global.get " g " " t ".const 1 " t ".rotl " t ".xor global.set " g ")")
	next
}

/^ *\(data / { emit($0); next }

{ emit(floats == "keep" ? $0 : erase($0)) }

END {
	if (failed)
		exit failed
	if (last !~ /\)$/) {
		print "prepare.awk: the module does not end with ')'" > "/dev/stderr"
		exit 2
	}
	print substr(last, 1, length(last) - 1)
	print "  (global $log32 (mut i32) (i32.const 0))"
	print "  (global $log64 (mut i64) (i64.const 0))"
	split("0 1 -1 2147483647 -2147483648 17 -100 65535", i32arg, " ")
	split("0 1 -1 9223372036854775807 -9223372036854775808 4294967296 -7 255", i64arg, " ")
	for (e = 1; e <= nexp; e++) {
		k = exp_func[e]
		if (!(k in sig_params))
			continue
		nr = split(erase_type(sig_results[k]), rs, " ")
		if (sig_params[k] == "" && nr < 2)
			continue
		args = ""
		n = split(erase_type(sig_params[k]), ps, " ")
		for (j = 1; j <= n; j++) {
			t = ps[j]
			if (t == "funcref" || t == "externref")
				args = args " ref.null " substr(t, 1, length(t) - 3)
			else if (t ~ /^[if](32|64)$/)
				args = args " " t ".const " (t ~ /32/ ? i32arg[(j - 1) % 8 + 1] : i64arg[(j - 1) % 8 + 1])
			else
				break
		}
		if (j <= n)
			continue # a parameter type without a simple constant
		reset = hl_global >= 0 ? " call " hl_func : ""
		if (nr < 2) {
			line = "  (func (export \"call_" exp_name[e] "\")"
			if (nr)
				line = line " (result " rs[1] ")"
			print line reset args " call " k ")"
			continue
		}
		fold = ""
		for (j = nr; j >= 1; j--)
			fold = fold " local.set " (j - 1)
		fold = fold " i64.const 0"
		for (j = 1; j <= nr; j++) {
			v = "local.get " (j - 1)
			t = rs[j]
			if (t == "i32")
				v = v " i64.extend_i32_u"
			else if (t == "f32")
				v = v " i32.reinterpret_f32 i32.const 0x7fc00000 " v " " v " f32.eq select i64.extend_i32_u"
			else if (t == "f64")
				v = v " i64.reinterpret_f64 i64.const 0x7ff8000000000000 " v " " v " f64.eq select"
			else if (t == "funcref" || t == "externref")
				v = v " ref.is_null i64.extend_i32_u"
			else if (t != "i64")
				break
			fold = fold " " v " i64.xor i64.const 7 i64.rotl"
		}
		if (j <= nr)
			continue
		print "  (func (export \"fold_" exp_name[e] "\") (result i64) (local " erase_type(sig_results[k]) ")" reset args " call " k fold ")"
	}
	print "  (func (export \"zlog32\") (result i32) global.get $log32)"
	print "  (func (export \"zlog64\") (result i64) global.get $log64))"
}
