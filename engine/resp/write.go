package resp

import (
	"strconv"

	"redisplay/engine"
)

// AppendValue appends v encoded for a client speaking RESP version proto
// (2 or 3) and returns the extended slice. Under RESP2, maps and sets are
// flat arrays, doubles bulk strings, booleans integers, push messages arrays,
// verbatim strings bulk strings and nulls "$-1" (or "*-1" for a null array).
// KindNone appends nothing; KindMulti appends its replies one after another.
// Line breaks in simple strings and errors become
// spaces, since they would end the line early.
func AppendValue(b []byte, v engine.Value, proto int) []byte {
	switch v.Kind {
	case engine.KindSimple:
		b = append(b, '+')
		b = appendLine(b, v.Str)
	case engine.KindError:
		b = append(b, '-')
		b = appendLine(b, v.Str)
	case engine.KindInt:
		b = append(b, ':')
		b = strconv.AppendInt(b, v.Int, 10)
		b = append(b, '\r', '\n')
	case engine.KindBulk:
		b = appendBulk(b, '$', v.Str)
	case engine.KindNull:
		if proto >= 3 {
			return append(b, '_', '\r', '\n')
		}
		return append(b, '$', '-', '1', '\r', '\n')
	case engine.KindNullArray:
		if proto >= 3 {
			return append(b, '_', '\r', '\n')
		}
		return append(b, '*', '-', '1', '\r', '\n')
	case engine.KindArray:
		b = appendHeader(b, '*', len(v.Elems))
		for i := range v.Elems {
			b = AppendValue(b, v.Elems[i], proto)
		}
	case engine.KindMap:
		if proto >= 3 {
			b = appendHeader(b, '%', len(v.Elems)/2)
		} else {
			b = appendHeader(b, '*', len(v.Elems)/2*2)
		}
		for i := range len(v.Elems) / 2 * 2 {
			b = AppendValue(b, v.Elems[i], proto)
		}
	case engine.KindSet, engine.KindPush:
		t := byte('*')
		if proto >= 3 {
			t = '~'
			if v.Kind == engine.KindPush {
				t = '>'
			}
		}
		b = appendHeader(b, t, len(v.Elems))
		for i := range v.Elems {
			b = AppendValue(b, v.Elems[i], proto)
		}
	case engine.KindDouble:
		if proto >= 3 {
			b = append(b, ',')
			b = engine.AppendDouble(b, v.Float)
			return append(b, '\r', '\n')
		}
		var scratch [32]byte
		d := engine.AppendDouble(scratch[:0], v.Float)
		b = appendHeader(b, '$', len(d))
		b = append(b, d...)
		b = append(b, '\r', '\n')
	case engine.KindBool:
		if proto >= 3 {
			if v.Int != 0 {
				return append(b, '#', 't', '\r', '\n')
			}
			return append(b, '#', 'f', '\r', '\n')
		}
		if v.Int != 0 {
			return append(b, ':', '1', '\r', '\n')
		}
		return append(b, ':', '0', '\r', '\n')
	case engine.KindVerbatim:
		if proto >= 3 {
			b = appendHeader(b, '=', len(v.Str)+4)
			b = append(b, "txt:"...)
			b = append(b, v.Str...)
			return append(b, '\r', '\n')
		}
		b = appendBulk(b, '$', v.Str)
	case engine.KindMulti:
		for i := range v.Elems {
			b = AppendValue(b, v.Elems[i], proto)
		}
	case engine.KindNone:
	}
	return b
}

func appendHeader(b []byte, t byte, n int) []byte {
	b = append(b, t)
	b = strconv.AppendInt(b, int64(n), 10)
	return append(b, '\r', '\n')
}

func appendBulk(b []byte, t byte, s string) []byte {
	b = appendHeader(b, t, len(s))
	b = append(b, s...)
	return append(b, '\r', '\n')
}

// appendLine appends s with '\r' and '\n' replaced by spaces, then CRLF.
func appendLine(b []byte, s string) []byte {
	start := len(b)
	b = append(b, s...)
	for i := start; i < len(b); i++ {
		if b[i] == '\r' || b[i] == '\n' {
			b[i] = ' '
		}
	}
	return append(b, '\r', '\n')
}

// AppendCommand appends args as a client sends a command: a RESP array of
// bulk strings, which is also the form of every AOF record.
func AppendCommand(b []byte, args ...string) []byte {
	b = appendHeader(b, '*', len(args))
	for _, a := range args {
		b = appendBulk(b, '$', a)
	}
	return b
}
