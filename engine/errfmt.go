package engine

import "strconv"

// The engine builds its error texts without fmt: fmt (with the os package
// it pulls in) would add about 170 KB gzipped to the browser build, and
// the error templates only ever use %s.

// errorf returns format with each %s replaced by the next of args, in
// order; args are inserted as they are, even when they contain a '%'.
func errorf(format string, args ...string) string {
	out := make([]byte, 0, len(format)+16*len(args))
	for i := 0; i < len(format); i++ {
		if format[i] == '%' && i+1 < len(format) && format[i+1] == 's' && len(args) > 0 {
			out = append(out, args[0]...)
			args = args[1:]
			i++
			continue
		}
		out = append(out, format[i])
	}
	return string(out)
}

// panicText describes a recovered panic value for an error reply, as %v
// would for the values panics carry in practice. It leaves out Stringers
// on purpose: one String() call through an interface keeps the String
// method of every type that is ever put in an interface in the binary.
func panicText(r any) string {
	switch v := r.(type) {
	case string:
		return v
	case error:
		return v.Error()
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case uint64:
		return strconv.FormatUint(v, 10)
	case bool:
		return strconv.FormatBool(v)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return "unexpected panic"
}
