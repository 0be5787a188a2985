package engine

import "strings"

// parseCursor reads a SCAN cursor as Redis does with strtoul: optional
// sign (a negative cursor wraps), decimal digits, nothing else; a leading
// space or an overflow is refused.
func parseCursor(s string) (uint64, bool) {
	if s != "" && isSpace(s[0]) {
		return 0, false
	}
	p := s
	neg := false
	if p != "" && (p[0] == '+' || p[0] == '-') {
		neg = p[0] == '-'
		p = p[1:]
		if p == "" {
			return 0, false
		}
	}
	var v uint64
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		d := uint64(c - '0')
		if v > (^uint64(0)-d)/10 {
			return 0, false
		}
		v = v*10 + d
	}
	if neg {
		v = -v
	}
	return v, true
}

// scanOptions are the MATCH and COUNT options of SSCAN, HSCAN and ZSCAN.
type scanOptions struct {
	pattern string
	match   bool
}

// parseElemScan parses "cursor [MATCH pattern] [COUNT count]" at args[2:].
func parseElemScan(args []string) (scanOptions, *Value) {
	var o scanOptions
	fail := func(msg string) (scanOptions, *Value) { v := Err(msg); return o, &v }
	if _, ok := parseCursor(args[2]); !ok {
		return fail("ERR invalid cursor")
	}
	for i := 3; i < len(args); i += 2 {
		if i+1 >= len(args) {
			return fail(ErrSyntax)
		}
		switch strings.ToLower(args[i]) {
		case "count":
			n, ok := ParseInt(args[i+1])
			if !ok {
				return fail(ErrNotInteger)
			}
			if n < 1 {
				return fail(ErrSyntax)
			}
		case "match":
			o.pattern, o.match = args[i+1], args[i+1] != "*"
		default:
			return fail(ErrSyntax)
		}
	}
	return o, nil
}

// elemScanReply answers a whole collection scan in one reply with cursor
// 0, as Redis does for collections in their compact encodings. A single
// reply trivially keeps SCAN's promise that every element present for the
// whole iteration is returned, whatever changes between calls; the cost is
// one reply as large as the collection, which suits the sizes people
// explore by hand. Elements come in groups of group (2 for field and value); MATCH filters on
// the first of each group.
func elemScanReply(o scanOptions, elems []string, group int) Value {
	out := make([]Value, 0, len(elems))
	for i := 0; i+group <= len(elems); i += group {
		if o.match && !Glob(o.pattern, elems[i], false) {
			continue
		}
		for j := 0; j < group; j++ {
			out = append(out, Bulk(elems[i+j]))
		}
	}
	return Array(Bulk("0"), Array(out...))
}
