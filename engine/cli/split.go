package cli

import "errors"

// ErrInvalidArgs is returned by Split for a line redis-cli refuses to send:
// an unterminated quote, or a closing quote glued to the next character.
var ErrInvalidArgs = errors.New("Invalid argument(s)")

// Split splits a typed line into arguments exactly as redis-cli's
// sdssplitargs does: blanks separate arguments, "..." understands \xHH,
// \n \r \t \b \a and takes any other escaped character literally, '...'
// only understands \', and a closing quote must be followed by a blank or
// the end of the line. A line of blanks gives no arguments and no error.
func Split(line string) ([]string, error) {
	// redis-cli reads a C string, so the line ends at the first NUL.
	for i := 0; i < len(line); i++ {
		if line[i] == 0 {
			line = line[:i]
			break
		}
	}
	args := []string{}
	p := 0
	n := len(line)
	at := func(i int) byte {
		if i < n {
			return line[i]
		}
		return 0
	}
	for {
		for p < n && isSpace(line[p]) {
			p++
		}
		if p >= n {
			return args, nil
		}
		var cur []byte
		inq, insq := false, false
		for done := false; !done; {
			c := at(p)
			switch {
			case inq:
				switch {
				case c == '\\' && at(p+1) == 'x' && isHex(at(p+2)) && isHex(at(p+3)):
					cur = append(cur, unhex(at(p+2))<<4|unhex(at(p+3)))
					p += 3
				case c == '\\' && at(p+1) != 0:
					p++
					switch e := line[p]; e {
					case 'n':
						cur = append(cur, '\n')
					case 'r':
						cur = append(cur, '\r')
					case 't':
						cur = append(cur, '\t')
					case 'b':
						cur = append(cur, '\b')
					case 'a':
						cur = append(cur, '\a')
					default:
						cur = append(cur, e)
					}
				case c == '"':
					if nx := at(p + 1); nx != 0 && !isSpace(nx) {
						return nil, ErrInvalidArgs
					}
					done = true
				case c == 0:
					return nil, ErrInvalidArgs
				default:
					cur = append(cur, c)
				}
			case insq:
				switch {
				case c == '\\' && at(p+1) == '\'':
					p++
					cur = append(cur, '\'')
				case c == '\'':
					if nx := at(p + 1); nx != 0 && !isSpace(nx) {
						return nil, ErrInvalidArgs
					}
					done = true
				case c == 0:
					return nil, ErrInvalidArgs
				default:
					cur = append(cur, c)
				}
			default:
				switch c {
				case ' ', '\n', '\r', '\t', 0:
					done = true
				case '"':
					inq = true
				case '\'':
					insq = true
				default:
					cur = append(cur, c)
				}
			}
			if p < n {
				p++
			}
		}
		args = append(args, string(cur))
	}
}

// isSpace is C's isspace in the "C" locale.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// Quote returns arg written so that Split reads it back unchanged: as is
// when it is a plain word, otherwise in double quotes with escapes. Front
// ends use it to turn an argument vector back into a line (history, lesson
// snippets).
func Quote(arg string) string {
	plain := arg != ""
	for i := 0; i < len(arg) && plain; i++ {
		c := arg[i]
		if c <= ' ' || c >= 0x7f || c == '"' || c == '\'' || c == '\\' {
			plain = false
		}
	}
	if plain {
		return arg
	}
	return string(appendRepr(nil, arg))
}
