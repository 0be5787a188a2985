package engine

// Glob reports whether s matches the glob-style pattern, with Redis's rules
// (KEYS, SCAN MATCH, PSUBSCRIBE): '*' matches any run of bytes, '?' one
// byte, "[abc]", "[^abc]" and "[a-z]" a class of bytes, and '\' escapes the
// next byte. With nocase, ASCII letters match either case.
//
// It mirrors Redis's stringmatchlen byte for byte, quirks included: an
// unterminated class runs to the end of the pattern, a range's bounds are
// compared as signed chars (so bytes from 0x80 sort before 0x00) and may be
// given in either order, and "[a-]" is the range from 'a' to ']'.
func Glob(pattern, s string, nocase bool) bool {
	skip := false
	return globMatch(pattern, 0, s, 0, nocase, &skip)
}

// at returns the byte at i, or 0 past the end, standing in for the NUL that
// terminates every string in Redis and that stringmatchlen peeks at.
func at(s string, i int) byte {
	if i < len(s) {
		return s[i]
	}
	return 0
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// globMatch matches pattern[p:] against s[i:]. skipLonger is set once a
// '*' has failed to match the rest of the pattern anywhere in the rest of
// the string: then no earlier '*' can succeed by matching more, which keeps
// patterns like "a*a*a*a*b" from taking exponential time (as Redis 7.0.10
// and later do).
func globMatch(pattern string, p int, s string, i int, nocase bool, skipLonger *bool) bool {
	for p < len(pattern) && i < len(s) {
		switch pattern[p] {
		case '*':
			for p < len(pattern) && at(pattern, p+1) == '*' {
				p++
			}
			if p == len(pattern)-1 {
				return true
			}
			for i < len(s) {
				if globMatch(pattern, p+1, s, i, nocase, skipLonger) {
					return true
				}
				if *skipLonger {
					return false
				}
				i++
			}
			*skipLonger = true
			return false
		case '?':
			i++
		case '[':
			p++
			not := at(pattern, p) == '^'
			if not {
				p++
			}
			match := false
			c := s[i]
			for {
				if at(pattern, p) == '\\' && len(pattern)-p >= 2 {
					p++
					if pattern[p] == c {
						match = true
					}
				} else if at(pattern, p) == ']' {
					break
				} else if p >= len(pattern) {
					p--
					break
				} else if len(pattern)-p >= 3 && pattern[p+1] == '-' {
					// Redis compares plain chars, which are signed.
					start, end, ch := int(int8(pattern[p])), int(int8(pattern[p+2])), int(int8(c))
					if start > end {
						start, end = end, start
					}
					if nocase {
						start, end, ch = lowerInt(start), lowerInt(end), lowerInt(ch)
					}
					p += 2
					if ch >= start && ch <= end {
						match = true
					}
				} else if pattern[p] == c || nocase && lower(pattern[p]) == lower(c) {
					match = true
				}
				p++
			}
			if not {
				match = !match
			}
			if !match {
				return false
			}
			i++
		case '\\':
			if len(pattern)-p >= 2 {
				p++
			}
			fallthrough
		default:
			if pattern[p] != s[i] && !(nocase && lower(pattern[p]) == lower(s[i])) {
				return false
			}
			i++
		}
		p++
		if i == len(s) {
			for at(pattern, p) == '*' {
				p++
			}
			break
		}
	}
	return p >= len(pattern) && i == len(s)
}

func lowerInt(c int) int {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
