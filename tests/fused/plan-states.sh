#!/bin/sh
# plan-states.sh SYNTH REQUESTS WORK - the planner's side of a fused
# module's per-component state sections (core/ABI.md, "State of a fused
# module"), from synth compile's REQUESTS of attack3.wat:
#   - the default domains hold exactly their components' state sections
#     (the adapter's both) and, but for the adapter's, the module's
#     read-only app.state, and the
#     layout names them app.c<k>.state with "component" (app.state with
#     "access": "r"); it loads again and fits the requests; model A refuses
#     the read-only section by name;
#   - a domain may name one alone ("app.c1.state"); an unknown one is refused;
#   - bad state requests are refused by name: a component that is not a C
#     identifier, a section or symbol that is not the component's, a state
#     requested twice, a writable module-wide section beside per-component
#     ones, a component's section marked read-only, and names whose fragment
#     symbols would collide (module app_c1's state and app's component c1's).
synth=$1
req=$2
work=$3
rm -rf "$work" && mkdir -p "$work" || exit 1
fail=0
ok() { echo "ok: $1"; }
bad() { echo "FAIL: $1"; fail=1; }
# expect_error WHAT TEXT FILE...: synth plan fails and says TEXT
expect_error() {
	what=$1 text=$2
	shift 2
	out=$("$synth" plan --target mps2-an505 --model b "$@" 2>&1)
	st=$?
	if [ $st -ne 0 ] && printf '%s\n' "$out" | grep -qF "$text"; then
		ok "$what"
	else
		bad "$what (exit $st): $out"
	fi
}

"$synth" plan --target mps2-an505 --model b -o "$work/layout.json" "$req" >/dev/null || bad "plan"
# the layout's fields one indentation deep in domains and states, in order
# (the writer: keys sorted, one array element per line)
fields() { grep -E '^      "(name|states|component|module)": ' "$1" | tr -d ' \n'; }
got=$(fields "$work/layout.json")
want='"name":"app_c0","states":["app.c0.state","app.state"]"name":"app_c1","states":["app.c1.state","app.state"]'
want=$want'"name":"app_c2","states":["app.c2.state","app.state"]"name":"app_c1_c2",'
want=$want'"states":["app.c1.state","app.c2.state"]'
want=$want'"name":"flash","name":"peripherals","name":"runtime","name":"stack.app_c0","name":"stack.app_c1",'
want=$want'"name":"stack.app_c1_c2","name":"stack.app_c2","module":"app","name":"app.0","module":"app","name":"app.1",'
want=$want'"module":"app","name":"app.2",'
want=$want'"component":"c0","module":"app","name":"app.c0.state","component":"c1","module":"app","name":"app.c1.state",'
want=$want'"component":"c2","module":"app","name":"app.c2.state","module":"app","name":"app.state",'
[ "$got" = "$want" ] &&
	ok "each default domain holds its components' state sections only; the layout names each app.c<k>.state with its component" ||
	bad "layout: $got"
[ "$(sed -n '/^  "states": \[/,/^  \]/p' "$work/layout.json" | grep -c '"access": "r",')" = 1 ] &&
	ok "the module's app.state is read-only in the layout" || bad "app.state is not read-only"
"$synth" layout check "$work/layout.json" --requests "$req" >/dev/null 2>&1 && ok "the layout loads and fits the requests" ||
	bad "layout check --requests"

"$synth" plan --target mps2-an505 --model b --domain a=app.0,app.1 --domain b=app.2 --domain s=app.c1.state \
	-o "$work/alone.json" "$req" >/dev/null 2>&1 || bad "plan with app.c1.state alone"
got=$(grep -E '^      "states": ' "$work/alone.json" 2>/dev/null | tr -d ' \n')
[ "$got" = '"states":["app.c0.state"]"states":["app.c2.state","app.state"]"states":["app.c1.state"]' ] &&
	ok "a domain naming app.c1.state alone holds it, and only it; one with two components' memories not app.state" ||
	bad "app.c1.state alone: $got"
expect_error "an unknown component's state is refused" 'domain "a": no state section "app.c9.state" among the inputs' \
	--domain a=app.0,app.1,app.2,app.c9.state "$req"

edit() { # NAME SED-SCRIPT: a copy of the requests (one state request a line)
	sed "$2" "$req" >"$work/$1.json"
}
c1='/"kind": "state".*"component": "c1"/'
edit badcomp "$c1"'s/"component": "c1"/"component": "c-1"/'
expect_error "a component that is not a C identifier" 'state of app: component name "c-1" must be a C identifier' \
	"$work/badcomp.json"
edit badsec "$c1"'s/"section": "[^"]*"/"section": ".synth_state.app"/'
expect_error "a section that is not the component's" 'state of app.c1: section must be ".synth_state.app.c1"' \
	"$work/badsec.json"
edit badsym "$c1"'s/"symbol": "[^"]*"/"symbol": "app__state"/'
expect_error "a symbol that is not the component's" 'state of app.c1: symbol must be "app__state_c1"' "$work/badsym.json"
edit twice "$c1"'p'
expect_error "a component's state requested twice" 'state of app.c1 is requested twice' "$work/twice.json"
edit both 's/"access": "r", //'
expect_error "a module with one writable state section and per-component ones" \
	'module app has both one writable state section and per-component ones' "$work/both.json"
edit rocomp "$c1"'s/"component": "c1"/"component": "c1", "access": "r"/'
expect_error "a component's section that says read-only" \
	'state of app.c1: a component'"'"'s state section is writable' "$work/rocomp.json"
out=$("$synth" plan --target mps2-an505 --model a "$req" 2>&1)
if [ $? -ne 0 ] && printf '%s\n' "$out" | grep -qF 'model A cannot keep the read-only state section app.state'; then
	ok "model A refuses the read-only section by name"
else
	bad "model A: $out"
fi
cat >"$work/clash.json" <<'JSON'
{"format": "synth-requests", "version": 2,
 "memories": [{"module": "app_c1", "memidx": 0, "min": 65536, "max": 65536, "page_size": 65536}],
 "state": [{"kind": "state", "module": "app_c1", "section": ".synth_state.app_c1", "size": 32}]}
JSON
expect_error "fragment symbols that would collide" \
	'would have the same linker symbols __synth_state_app_c1_*: rename a module' "$req" "$work/clash.json"
sed 's/^      "name": "app.c1.state",$/      "name": "app.state",/' "$work/layout.json" >"$work/badlayout.json"
out=$("$synth" layout check "$work/badlayout.json" 2>&1)
if [ $? -ne 0 ] && printf '%s\n' "$out" | grep -qF 'must be "module.state" ("module.component.state" with a component)'; then
	ok "a layout whose state name is not its component's is refused"
else
	bad "bad layout: $out"
fi
[ $fail -eq 0 ] && echo "plan-states: ok"
exit $fail
