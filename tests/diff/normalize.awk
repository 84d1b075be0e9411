# normalize.awk - brings the outputs of `wasm-interp --run-all-exports` and
# `synth run --run-all-exports` to one form, `NAME() => TYPE:VALUE` (with
# `, TYPE:VALUE` for each further result) or `NAME() => trap: MESSAGE`:
# - traps: wasm-interp writes `=> error: ...` in its own wording, sometimes
#   with details after a colon; synth run writes `=> trap: ...` (`=>trap:`
#   after a call without results) in the spec test suite's wording, which
#   is the form kept;
# - floats: wasm-interp prints the value with C's "%f" (`f32:1.500000`,
#   `-0.000000`, `inf`, `-nan`), synth run the bits in hex (`f32:0x3fc00000`);
#   the bits are decoded and printed the way wasm-interp prints them (which
#   loses digits: only what both can show is compared); a NaN prints as
#   `nan` whatever its sign, since the sign of a NaN produced by arithmetic
#   is not deterministic in WebAssembly.
function hexval(h,    v, i) {
	v = 0
	for (i = 1; i <= length(h); i++)
		v = v * 16 + index("0123456789abcdef", substr(h, i, 1)) - 1
	return v
}

# float text of bits given as hex (8 digits for f32, 16 for f64)
function float_text(h,    wide, sign, e, m, ebits, mbits, bias, top, v) {
	wide = length(h) == 16
	ebits = wide ? 11 : 8
	mbits = wide ? 52 : 23
	bias = wide ? 1023 : 127
	# the top 3 hex digits hold the sign and (f64) the exponent, or (f32)
	# the exponent and the mantissa's top bit
	top = hexval(substr(h, 1, 3))
	sign = top >= 2048
	if (wide) {
		e = top % 2048
		m = hexval(substr(h, 4))
	} else {
		e = int(top / 8) % 256
		m = hexval(substr(h, 3)) % 2 ^ 23
	}
	if (e == 2 ^ ebits - 1)
		return m ? "nan" : (sign ? "-" : "") "inf"
	if (e == 0)
		v = m * 2 ^ (1 - bias - mbits)
	else
		v = (m + 2 ^ mbits) * 2 ^ (e - bias - mbits)
	return (sign ? "-" : "") sprintf("%f", v)
}

{
	line = $0
	sub(/=> *error: unreachable executed$/, "=> trap: unreachable", line)
	sub(/=> *error: out of bounds memory access.*/, "=> trap: out of bounds memory access", line)
	sub(/=> *error: out of bounds table access.*/, "=> trap: out of bounds table access", line)
	sub(/=> *error: undefined table index.*/, "=> trap: undefined element", line)
	sub(/=> *error: uninitialized table element.*/, "=> trap: uninitialized element", line)
	sub(/=> *error: indirect call signature mismatch.*/, "=> trap: indirect call type mismatch", line)
	sub(/=> *error: /, "=> trap: ", line)
	sub(/=> *trap: /, "=> trap: ", line)
	# every float of the line (several results are separated by ", ")
	out = ""
	while (match(line, /f(32|64):0x[0-9a-f]+/)) {
		out = out substr(line, 1, RSTART + 3) float_text(substr(line, RSTART + 6, RLENGTH - 6))
		line = substr(line, RSTART + RLENGTH)
	}
	line = out line
	gsub(/:-nan/, ":nan", line)
	print line
}
