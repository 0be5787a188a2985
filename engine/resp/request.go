// Package resp reads and writes the Redis serialization protocol, RESP2 and
// RESP3: client requests (multibulk and inline), replies as engine.Values.
// It is written for the native server's hot path: requests are parsed from
// one buffer without an allocation per argument and replies are appended to a
// byte slice with strconv, never fmt.
package resp

import (
	"bytes"
	"errors"
	"io"
)

// Limits Redis 7.0 applies to client requests.
const (
	// MaxInline is the longest inline request or multibulk header line
	// accepted without a line end (Redis's PROTO_INLINE_MAX_SIZE).
	MaxInline = 64 * 1024
	// MaxBulk is the longest bulk argument (proto-max-bulk-len).
	MaxBulk = 512 * 1024 * 1024
	// maxMultibulk is the largest argument count (INT_MAX in Redis).
	maxMultibulk = 1<<31 - 1
)

// The protocol errors Redis answers before closing a connection.
const (
	// ErrInvalidMultibulk answers a bad "*N" count.
	ErrInvalidMultibulk = "ERR Protocol error: invalid multibulk length"
	// ErrInvalidBulk answers a bad or too large "$N" length.
	ErrInvalidBulk = "ERR Protocol error: invalid bulk length"
	// ErrUnbalanced answers an inline request with an open quote.
	ErrUnbalanced = "ERR Protocol error: unbalanced quotes in request"
	// ErrBigInline answers an inline request longer than MaxInline.
	ErrBigInline = "ERR Protocol error: too big inline request"
	// ErrBigMultibulk answers a "*N" line longer than MaxInline.
	ErrBigMultibulk = "ERR Protocol error: too big mbulk count string"
	// ErrBigBulkCount answers a "$N" line longer than MaxInline.
	ErrBigBulkCount = "ERR Protocol error: too big bulk count string"
	// ErrExpectedDollar starts the answer to an argument that is not a
	// bulk string; the offending byte and a quote follow it.
	ErrExpectedDollar = "ERR Protocol error: expected '$', got '"
)

// ProtocolError is a malformed request. Msg is the exact error reply Redis
// sends ("ERR Protocol error: ...") before it closes the connection.
type ProtocolError struct{ Msg string }

// Error returns the reply text.
func (e *ProtocolError) Error() string { return e.Msg }

// IsProtocolError reports whether err is a *ProtocolError.
func IsProtocolError(err error) bool {
	var pe *ProtocolError
	return errors.As(err, &pe)
}

const minRead = 16 * 1024

// Reader reads pipelined client requests from a connection. It keeps the
// state of a partly received multibulk request, so a large request that
// arrives in many pieces is scanned once, not once per piece.
type Reader struct {
	rd   io.Reader
	buf  []byte
	r, w int // unread data is buf[r:w]
	err  error

	// State of the multibulk request being parsed; offsets are relative to
	// buf[r], the start of that request.
	inMulti bool
	argc    int   // arguments announced by "*N"
	pos     int   // parse position, relative to r
	spans   []int // start and end of each argument found so far
	bulkLen int   // length of the announced next bulk, or -1
}

// NewReader returns a Reader reading from rd.
func NewReader(rd io.Reader) *Reader {
	return &Reader{rd: rd, buf: make([]byte, minRead), bulkLen: -1}
}

// Buffered returns the number of bytes read from the connection but not yet
// parsed into requests.
func (r *Reader) Buffered() int { return r.w - r.r }

// ReadBatch blocks until at least one complete request is available and
// then parses every complete request in the buffer, appending each argument
// vector to cmds. Empty requests (a blank line, "*0") yield nothing. When a
// malformed request follows good ones, the good ones are returned together
// with the *ProtocolError, so a server can answer them before the error, as
// Redis does. A read error is returned only when no request is pending.
//
// The strings of one request share one allocation; the argument slices of
// one batch share one backing array. The Reader never reuses either, so a
// command may keep its arguments (in the keyspace, a MULTI queue).
func (r *Reader) ReadBatch(cmds [][]string) ([][]string, error) {
	var argv []string // backing array shared by this batch's requests
	for {
		for {
			args, ok, err := r.next(&argv)
			if err != nil {
				return cmds, err
			}
			if !ok {
				break
			}
			if args != nil {
				cmds = append(cmds, args)
			}
		}
		if len(cmds) > 0 {
			return cmds, nil
		}
		if r.err != nil {
			return cmds, r.err
		}
		r.fill()
	}
}

// fill reads more data, compacting or growing the buffer first.
func (r *Reader) fill() {
	if r.r > 0 {
		n := copy(r.buf, r.buf[r.r:r.w])
		r.w = n
		r.r = 0
	}
	need := minRead
	if r.inMulti && r.bulkLen >= 0 {
		// Make room for the whole announced bulk so it arrives in as few
		// reads as the kernel allows.
		if n := r.pos + r.bulkLen + 2 - r.w; n > need {
			need = n
		}
	}
	if len(r.buf)-r.w < need {
		nb := make([]byte, max(2*len(r.buf), r.w+need))
		copy(nb, r.buf[:r.w])
		r.buf = nb
	} else if r.w == 0 && len(r.buf) > 4*minRead*16 {
		// Drop a buffer grown for one huge request once it is consumed.
		r.buf = make([]byte, minRead)
	}
	n, err := r.rd.Read(r.buf[r.w:])
	r.w += n
	if err != nil {
		r.err = err
	} else if n == 0 {
		r.err = io.ErrNoProgress
	}
}

// next parses one request from the buffer. ok is false when the buffer holds
// no complete request; args is nil for an empty request.
func (r *Reader) next(argv *[]string) (args []string, ok bool, err error) {
	if r.r == r.w {
		return nil, false, nil
	}
	if !r.inMulti {
		if r.buf[r.r] != '*' {
			return r.inline(argv)
		}
		data := r.buf[r.r:r.w]
		nl := bytes.IndexByte(data, '\r')
		if nl < 0 {
			if len(data) > MaxInline {
				return nil, false, &ProtocolError{ErrBigMultibulk}
			}
			return nil, false, nil
		}
		if nl+1 >= len(data) { // the '\n' has not arrived
			return nil, false, nil
		}
		n, valid := parseInt(data[1:nl])
		if !valid || n > maxMultibulk {
			return nil, false, &ProtocolError{ErrInvalidMultibulk}
		}
		if n <= 0 {
			r.r += nl + 2
			return nil, true, nil
		}
		r.inMulti = true
		r.argc = int(n)
		r.pos = nl + 2
		r.spans = r.spans[:0]
		r.bulkLen = -1
	}
	data := r.buf[r.r:r.w]
	for len(r.spans) < 2*r.argc {
		if r.bulkLen < 0 {
			rest := data[r.pos:]
			nl := bytes.IndexByte(rest, '\r')
			if nl < 0 {
				if len(rest) > MaxInline {
					return nil, false, &ProtocolError{ErrBigBulkCount}
				}
				return nil, false, nil
			}
			if nl+1 >= len(rest) {
				return nil, false, nil
			}
			if rest[0] != '$' {
				return nil, false, &ProtocolError{ErrExpectedDollar + string(rest[0]) + "'"}
			}
			n, valid := parseInt(rest[1:nl])
			if !valid || n < 0 || n > MaxBulk {
				return nil, false, &ProtocolError{ErrInvalidBulk}
			}
			r.bulkLen = int(n)
			r.pos += nl + 2
		}
		// Like Redis, take the two bytes after the bulk as its line end
		// without looking at them.
		if len(data)-r.pos < r.bulkLen+2 {
			return nil, false, nil
		}
		r.spans = append(r.spans, r.pos, r.pos+r.bulkLen)
		r.pos += r.bulkLen + 2
		r.bulkLen = -1
	}
	// One string holds the whole request; the arguments are slices of it.
	whole := string(data[r.spans[0]:r.spans[len(r.spans)-1]])
	base := r.spans[0]
	args = take(argv, r.argc, r.w-r.r)
	for i := range args {
		args[i] = whole[r.spans[2*i]-base : r.spans[2*i+1]-base]
	}
	r.r += r.pos
	r.inMulti = false
	r.pos = 0
	return args, true, nil
}

// take returns n fresh slots from the batch's backing array. A new array
// is sized for the buffered bytes at about 12 bytes per argument (a short
// key or value with its "$3\r\n...\r\n" framing), so one allocation
// usually serves a whole batch without oversizing it for a lone request.
func take(argv *[]string, n, buffered int) []string {
	a := *argv
	if cap(a)-len(a) < n {
		a = make([]string, 0, max(n, min(buffered/12, 1024)))
	}
	l := len(a)
	a = a[:l+n]
	*argv = a
	return a[l : l+n : l+n]
}

// inline parses an inline request: one line split like Redis splits it.
func (r *Reader) inline(argv *[]string) ([]string, bool, error) {
	data := r.buf[r.r:r.w]
	nl := bytes.IndexByte(data, '\n')
	if nl < 0 {
		if len(data) > MaxInline {
			return nil, false, &ProtocolError{ErrBigInline}
		}
		return nil, false, nil
	}
	line := data[:nl]
	if len(line) > 0 && line[len(line)-1] == '\r' {
		line = line[:len(line)-1]
	}
	args, valid := SplitArgs(line, argv)
	if !valid {
		return nil, false, &ProtocolError{ErrUnbalanced}
	}
	r.r += nl + 1
	if len(args) == 0 {
		return nil, true, nil
	}
	return args, true, nil
}

// SplitArgs splits an inline request line as Redis does: arguments are
// separated by white space; "double quotes" understand \n \r \t \b \a, \xHH
// and \<any>; 'single quotes' understand only \'; a closing quote must be
// followed by white space or the end. valid is false for unbalanced quotes.
// argv, if not nil, is a backing array to take the result from.
func SplitArgs(line []byte, argv *[]string) (args []string, valid bool) {
	// Redis splits a C string: a NUL byte ends the line.
	if z := bytes.IndexByte(line, 0); z >= 0 {
		line = line[:z]
	}
	var out []string
	var cur []byte
	i := 0
	for {
		for i < len(line) && isSpace(line[i]) {
			i++
		}
		if i == len(line) {
			break
		}
		cur = cur[:0]
		inDq, inSq := false, false
	token:
		for {
			if inDq {
				if i >= len(line) {
					return nil, false
				}
				c := line[i]
				switch {
				case c == '\\' && i+3 < len(line) && line[i+1] == 'x' && isHex(line[i+2]) && isHex(line[i+3]):
					cur = append(cur, unhex(line[i+2])<<4|unhex(line[i+3]))
					i += 3
				case c == '\\' && i+1 < len(line):
					i++
					switch line[i] {
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
						cur = append(cur, line[i])
					}
				case c == '"':
					if i+1 < len(line) && !isSpace(line[i+1]) {
						return nil, false
					}
					i++
					break token
				default:
					cur = append(cur, c)
				}
				i++
			} else if inSq {
				if i >= len(line) {
					return nil, false
				}
				c := line[i]
				switch {
				case c == '\\' && i+1 < len(line) && line[i+1] == '\'':
					cur = append(cur, '\'')
					i++
				case c == '\'':
					if i+1 < len(line) && !isSpace(line[i+1]) {
						return nil, false
					}
					i++
					break token
				default:
					cur = append(cur, c)
				}
				i++
			} else {
				if i >= len(line) {
					break
				}
				switch c := line[i]; c {
				case ' ', '\n', '\r', '\t':
					break token
				case '"':
					inDq = true
				case '\'':
					inSq = true
				default:
					cur = append(cur, c)
				}
				i++
			}
		}
		out = append(out, string(cur))
	}
	if len(out) == 0 {
		return nil, true
	}
	if argv != nil {
		args = take(argv, len(out), 0)
		copy(args, out)
		return args, true
	}
	return out, true
}

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
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}

// parseInt parses a decimal integer as Redis's string2ll does: an optional
// minus sign, no plus sign, no leading zeros, no spaces, no overflow.
func parseInt(b []byte) (int64, bool) {
	if len(b) == 0 || len(b) > 20 {
		return 0, false
	}
	if len(b) == 1 && b[0] == '0' {
		return 0, true
	}
	neg := false
	if b[0] == '-' {
		neg = true
		b = b[1:]
		if len(b) == 0 {
			return 0, false
		}
	}
	if b[0] < '1' || b[0] > '9' {
		return 0, false
	}
	if len(b) > 19 { // 20 digits are beyond int64 anyway
		return 0, false
	}
	var v uint64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + uint64(c-'0')
	}
	if neg {
		if v > 1<<63 {
			return 0, false
		}
		return -int64(v), true
	}
	if v > 1<<63-1 {
		return 0, false
	}
	return int64(v), true
}
