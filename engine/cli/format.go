package cli

import (
	"strconv"
	"strings"

	"redisplay/engine"
)

// Format renders a reply exactly as redis-cli prints it on a terminal
// (--no-raw), without the trailing newline. It prints the value as given:
// convert it with Value.RESP2 first for a RESP2 client. KindNone renders
// as ""; the replies of a KindMulti print one after another.
func Format(v engine.Value) string {
	switch v.Kind {
	case engine.KindNone:
		return ""
	case engine.KindMulti:
		parts := make([]string, len(v.Elems))
		for i, r := range v.Elems {
			parts[i] = Format(r)
		}
		return strings.Join(parts, "\n")
	}
	return string(trimNewline(appendTTY(nil, v, "")))
}

// FormatRaw renders a reply as redis-cli prints it for the commands whose
// output it shows raw even on a terminal (INFO, CLIENT LIST, ...): strings
// unquoted, no "(integer)" or "(error)" labels, array elements on their own
// lines. The trailing newline is dropped.
func FormatRaw(v engine.Value) string {
	if v.Kind == engine.KindNone {
		return ""
	}
	return string(trimNewline(appendRaw(nil, v)))
}

// trimNewline drops one line ending ("\n" or "\r\n") from the end of b.
func trimNewline(b []byte) []byte {
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
		if n := len(b); n > 0 && b[n-1] == '\r' {
			b = b[:n-1]
		}
	}
	return b
}

// appendTTY appends v in redis-cli's terminal format; every reply ends with
// a newline. prefix is the indentation of the enclosing aggregates, which
// the lines after an aggregate's first one repeat.
func appendTTY(b []byte, v engine.Value, prefix string) []byte {
	switch v.Kind {
	case engine.KindError:
		b = append(b, "(error) "...)
		b = append(b, v.Str...)
	case engine.KindSimple:
		b = append(b, v.Str...)
	case engine.KindInt:
		b = append(b, "(integer) "...)
		b = strconv.AppendInt(b, v.Int, 10)
	case engine.KindDouble:
		b = append(b, "(double) "...)
		b = engine.AppendDouble(b, v.Float)
	case engine.KindBulk:
		b = appendRepr(b, v.Str)
	case engine.KindVerbatim:
		// redis-cli prints verbatim text (LATENCY DOCTOR, CLIENT INFO
		// under RESP3) as it is, without quotes.
		b = append(b, v.Str...)
	case engine.KindNull, engine.KindNullArray:
		b = append(b, "(nil)"...)
	case engine.KindBool:
		if v.Int != 0 {
			b = append(b, "(true)"...)
		} else {
			b = append(b, "(false)"...)
		}
	case engine.KindArray, engine.KindMap, engine.KindSet, engine.KindPush:
		return appendAggregate(b, v, prefix)
	case engine.KindNone:
		return b
	}
	return append(b, '\n')
}

func appendAggregate(b []byte, v engine.Value, prefix string) []byte {
	if len(v.Elems) == 0 {
		switch v.Kind {
		case engine.KindMap:
			return append(b, "(empty hash)\n"...)
		case engine.KindSet:
			return append(b, "(empty set)\n"...)
		case engine.KindPush:
			return append(b, "(empty push)\n"...)
		}
		return append(b, "(empty array)\n"...)
	}
	count := len(v.Elems)
	if v.Kind == engine.KindMap {
		count /= 2
	}
	width := len(strconv.Itoa(count))
	sep := byte(')')
	switch v.Kind {
	case engine.KindSet:
		sep = '~'
	case engine.KindMap:
		sep = '#'
	}
	inner := prefix + strings.Repeat(" ", width+2)
	for i := 0; i < len(v.Elems); i++ {
		idx := i + 1
		if v.Kind == engine.KindMap {
			idx = i/2 + 1
		}
		// The caller already wrote the prefix of the first line.
		if i > 0 {
			b = append(b, prefix...)
		}
		num := strconv.Itoa(idx)
		for pad := width - len(num); pad > 0; pad-- {
			b = append(b, ' ')
		}
		b = append(b, num...)
		b = append(b, sep, ' ')
		b = appendTTY(b, v.Elems[i], inner)
		if v.Kind == engine.KindMap {
			i++
			// The key's newline goes; its value follows on the same line.
			if n := len(b); n > 0 {
				b = b[:n-1]
			}
			b = append(b, " => "...)
			if i < len(v.Elems) {
				// A value that takes several lines starts on a line of
				// its own, so that its lines line up.
				if multiline(v.Elems[i]) {
					b = append(b, '\n')
					b = append(b, inner...)
				}
				b = appendTTY(b, v.Elems[i], inner)
			}
		}
	}
	return b
}

// multiline reports whether appendTTY writes v on more than one line.
func multiline(v engine.Value) bool {
	switch v.Kind {
	case engine.KindArray, engine.KindSet, engine.KindPush:
		if len(v.Elems) > 1 {
			return true
		}
		return len(v.Elems) == 1 && multiline(v.Elems[0])
	case engine.KindMap:
		if len(v.Elems) > 2 {
			return true
		}
		return len(v.Elems) == 2 && multiline(v.Elems[1])
	}
	return false
}

// appendRepr appends s quoted as redis-cli quotes bulk strings (sdscatrepr):
// backslash escapes for \\ \" \n \r \t \a \b, printable ASCII as is and
// every other byte as \xHH.
func appendRepr(b []byte, s string) []byte {
	const hexdigits = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\', '"':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		case '\a':
			b = append(b, '\\', 'a')
		case '\b':
			b = append(b, '\\', 'b')
		default:
			if c >= ' ' && c < 0x7f {
				b = append(b, c)
			} else {
				b = append(b, '\\', 'x', hexdigits[c>>4], hexdigits[c&15])
			}
		}
	}
	return append(b, '"')
}

// appendRaw appends v as redis-cli's raw output does. Unlike the terminal
// format it adds no newline after a reply, except after an error.
func appendRaw(b []byte, v engine.Value) []byte {
	switch v.Kind {
	case engine.KindError:
		b = append(b, v.Str...)
		b = append(b, '\n')
	case engine.KindSimple, engine.KindBulk, engine.KindVerbatim:
		b = append(b, v.Str...)
	case engine.KindInt:
		b = strconv.AppendInt(b, v.Int, 10)
	case engine.KindDouble:
		b = engine.AppendDouble(b, v.Float)
	case engine.KindBool:
		if v.Int != 0 {
			b = append(b, "(true)"...)
		} else {
			b = append(b, "(false)"...)
		}
	case engine.KindArray, engine.KindSet, engine.KindPush:
		for i, e := range v.Elems {
			if i > 0 {
				b = append(b, '\n')
			}
			b = appendRaw(b, e)
		}
	case engine.KindMap:
		for i := 0; i+1 < len(v.Elems); i += 2 {
			if i > 0 {
				b = append(b, '\n')
			}
			b = appendRaw(b, v.Elems[i])
			b = append(b, ' ')
			b = appendRaw(b, v.Elems[i+1])
		}
	}
	return b
}
