package resp

import (
	"bufio"
	"errors"
	"io"
	"math"
	"strconv"

	"redisplay/engine"
)

// ErrBadReply is wrapped by the errors ReadValue returns for malformed
// replies.
var ErrBadReply = errors.New("resp: malformed reply")

// maxDepth bounds the nesting of aggregates so a hostile reply cannot
// exhaust the stack.
const maxDepth = 1000

// ReadValue reads one RESP2 or RESP3 reply. Null bulk strings and RESP3
// nulls become KindNull, "*-1" KindNullArray, blob errors KindError, big
// numbers KindBulk; a verbatim string's Str drops its "txt:" format prefix;
// attributes are read and dropped.
func ReadValue(r *bufio.Reader) (engine.Value, error) {
	return readValue(r, 0)
}

func bad(what string) error {
	return errors.Join(ErrBadReply, errors.New(what))
}

// readLine returns the line without its CRLF; the slice is only valid until
// the next read.
func readLine(r *bufio.Reader) ([]byte, error) {
	line, err := r.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		// A long simple string: gather it in a fresh slice.
		buf := append([]byte(nil), line...)
		for err == bufio.ErrBufferFull {
			line, err = r.ReadSlice('\n')
			buf = append(buf, line...)
		}
		line = buf
	}
	if err != nil {
		if err == io.EOF && len(line) > 0 {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	if len(line) < 2 || line[len(line)-2] != '\r' {
		return nil, bad("line does not end in CRLF")
	}
	line = line[:len(line)-2]
	for _, c := range line {
		if c == '\r' {
			return nil, bad("CR inside a line")
		}
	}
	return line, nil
}

func readValue(r *bufio.Reader, depth int) (engine.Value, error) {
	if depth > maxDepth {
		return engine.Value{}, bad("nested too deep")
	}
	line, err := readLine(r)
	if err != nil {
		return engine.Value{}, err
	}
	if len(line) == 0 {
		return engine.Value{}, bad("empty line")
	}
	t, rest := line[0], line[1:]
	switch t {
	case '+':
		return engine.Simple(string(rest)), nil
	case '-':
		return engine.Err(string(rest)), nil
	case ':':
		n, err := strconv.ParseInt(string(rest), 10, 64)
		if err != nil {
			return engine.Value{}, bad("bad integer")
		}
		return engine.Int(n), nil
	case '(':
		if _, ok := parseBig(rest); !ok {
			return engine.Value{}, bad("bad big number")
		}
		return engine.Bulk(string(rest)), nil
	case ',':
		f, ok := parseDouble(rest)
		if !ok {
			return engine.Value{}, bad("bad double")
		}
		return engine.Double(f), nil
	case '#':
		switch string(rest) {
		case "t":
			return engine.Bool(true), nil
		case "f":
			return engine.Bool(false), nil
		}
		return engine.Value{}, bad("bad boolean")
	case '_':
		if len(rest) != 0 {
			return engine.Value{}, bad("bad null")
		}
		return engine.Null, nil
	case '$', '!', '=':
		n, err := length(rest)
		if err != nil {
			return engine.Value{}, err
		}
		if n < 0 {
			if t == '$' {
				return engine.Null, nil
			}
			return engine.Value{}, bad("negative length")
		}
		s, err := readBlob(r, n)
		if err != nil {
			return engine.Value{}, err
		}
		switch t {
		case '!':
			return engine.Err(s), nil
		case '=':
			if len(s) < 4 || s[3] != ':' {
				return engine.Value{}, bad("bad verbatim string")
			}
			return engine.Value{Kind: engine.KindVerbatim, Str: s[4:]}, nil
		}
		return engine.Bulk(s), nil
	case '*', '~', '>', '%', '|':
		n, err := length(rest)
		if err != nil {
			return engine.Value{}, err
		}
		if n < 0 {
			if t == '*' {
				return engine.NullArray, nil
			}
			return engine.Value{}, bad("negative length")
		}
		count := n
		if t == '%' || t == '|' {
			count = 2 * n
		}
		// Grow as elements arrive rather than trusting the header.
		elems := make([]engine.Value, 0, min(count, 1024))
		for range count {
			e, err := readValue(r, depth+1)
			if err != nil {
				if err == io.EOF {
					err = io.ErrUnexpectedEOF
				}
				return engine.Value{}, err
			}
			elems = append(elems, e)
		}
		switch t {
		case '~':
			return engine.Value{Kind: engine.KindSet, Elems: elems}, nil
		case '>':
			return engine.Value{Kind: engine.KindPush, Elems: elems}, nil
		case '%':
			return engine.Value{Kind: engine.KindMap, Elems: elems}, nil
		case '|':
			// Attributes describe the reply that follows; nothing here
			// uses them.
			return readValue(r, depth+1)
		}
		return engine.Value{Kind: engine.KindArray, Elems: elems}, nil
	}
	return engine.Value{}, bad("unknown type byte " + strconv.QuoteRune(rune(t)))
}

// length parses an aggregate or blob length: -1 or a non-negative integer.
func length(b []byte) (int, error) {
	n, ok := parseInt(b)
	if !ok || n < -1 || n > MaxBulk {
		return 0, bad("bad length")
	}
	return int(n), nil
}

func readBlob(r *bufio.Reader, n int) (string, error) {
	// Read in steps so a lying length cannot make us allocate it all.
	buf := make([]byte, 0, min(n+2, 64*1024))
	for len(buf) < n+2 {
		chunk := min(n+2-len(buf), 64*1024)
		l := len(buf)
		buf = append(buf, make([]byte, chunk)...)
		if _, err := io.ReadFull(r, buf[l:]); err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return "", err
		}
	}
	if buf[n] != '\r' || buf[n+1] != '\n' {
		return "", bad("blob does not end in CRLF")
	}
	return string(buf[:n]), nil
}

func parseDouble(b []byte) (float64, bool) {
	switch string(b) {
	case "inf", "+inf":
		return math.Inf(1), true
	case "-inf":
		return math.Inf(-1), true
	case "nan", "-nan":
		return math.NaN(), true
	}
	for _, c := range b {
		// Only plain decimal notation: no hex floats, underscores or words.
		if !('0' <= c && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+') {
			return 0, false
		}
	}
	f, err := strconv.ParseFloat(string(b), 64)
	return f, err == nil
}

func parseBig(b []byte) (string, bool) {
	s := b
	if len(s) > 0 && s[0] == '-' {
		s = s[1:]
	}
	if len(s) == 0 {
		return "", false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return "", false
		}
	}
	return string(b), true
}
