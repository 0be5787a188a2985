// Package compat holds the golden redis-cli transcripts' harness: its test
// replays every testdata/compat/*.txt file against a real redis-server,
// against the engine through engine/cli, and against `redisplay server`,
// and requires all three to print exactly the file. This file has the small
// pieces the test uses: the transcript format and a RESP client that prints
// replies the way redis-cli does.
package compat

import (
	"bufio"
	"net"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"redisplay/engine"
	"redisplay/engine/cli"
	"redisplay/engine/resp"
)

// Entry is one command of a transcript and what redis-cli prints for it.
type Entry struct {
	// Comments are the '#' lines just before the command.
	Comments []string
	// Line is the command as typed, without the "> " prompt.
	Line string
	// LineNo is the 1-based line number of the command in its file.
	LineNo int
	// Want is the expected output, its lines joined by "\n".
	Want string
}

// Transcript is a parsed transcript file.
type Transcript struct {
	// Head holds lines before the first command that are not comments
	// (normally none).
	Head []string
	// Entries are the commands in order.
	Entries []Entry
	// Tail holds the comments after the last command's output.
	Tail []string
}

// Parse reads a transcript: "# " comment lines, "> command" lines, and the
// output lines of each command up to the next command or comment.
func Parse(text string) Transcript {
	var t Transcript
	text = strings.TrimSuffix(text, "\n")
	var comments []string
	var cur *Entry
	var out []string
	flush := func() {
		if cur != nil {
			cur.Want = strings.Join(out, "\n")
			t.Entries = append(t.Entries, *cur)
			cur, out = nil, nil
		}
	}
	if text == "" {
		return t
	}
	for i, line := range strings.Split(text, "\n") {
		switch {
		case strings.HasPrefix(line, "#"):
			flush()
			comments = append(comments, line)
		case strings.HasPrefix(line, "> "):
			flush()
			cur = &Entry{Comments: comments, Line: line[2:], LineNo: i + 1}
			comments = nil
		case cur != nil:
			out = append(out, line)
		case len(t.Entries) == 0:
			t.Head = append(t.Head, line)
		default:
			// Output after a comment that follows a command belongs to
			// no command; keep it as a comment would be kept.
			comments = append(comments, line)
		}
	}
	flush()
	t.Tail = comments
	return t
}

// String renders the transcript back into the file format.
func (t Transcript) String() string {
	var b strings.Builder
	for _, l := range t.Head {
		b.WriteString(l + "\n")
	}
	for _, e := range t.Entries {
		for _, c := range e.Comments {
			b.WriteString(c + "\n")
		}
		b.WriteString("> " + e.Line + "\n")
		if e.Want != "" {
			b.WriteString(e.Want + "\n")
		}
	}
	for _, c := range t.Tail {
		b.WriteString(c + "\n")
	}
	return b.String()
}

// Client talks RESP to a server over TCP and prints replies as redis-cli
// does in interactive mode.
type Client struct {
	conn   net.Conn
	r      *bufio.Reader
	buf    []byte
	closed bool
}

// Dial connects to a RESP server at addr ("127.0.0.1:6379").
func Dial(addr string) (*Client, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	return &Client{conn: c, r: bufio.NewReader(c)}, nil
}

// Close closes the connection.
func (c *Client) Close() error { return c.conn.Close() }

// Do sends one command and reads its reply in whatever shape the server
// chose (RESP3 after HELLO 3).
func (c *Client) Do(args ...string) (engine.Value, error) {
	b := c.buf[:0]
	b = append(b, '*')
	b = strconv.AppendInt(b, int64(len(args)), 10)
	b = append(b, '\r', '\n')
	for _, a := range args {
		b = append(b, '$')
		b = strconv.AppendInt(b, int64(len(a)), 10)
		b = append(b, '\r', '\n')
		b = append(b, a...)
		b = append(b, '\r', '\n')
	}
	c.buf = b
	if _, err := c.conn.Write(b); err != nil {
		return engine.Value{}, err
	}
	return resp.ReadValue(c.r)
}

// ClientSide reports whether redis-cli answers line itself without asking
// the server (HELP, :set, CLEAR, ...); a wire client cannot reproduce those.
func ClientSide(line string) bool {
	argv, err := cli.Split(line)
	if err != nil || len(argv) == 0 {
		return false
	}
	name := argv[0]
	if _, isRepeat := repeatCount(argv); isRepeat {
		name = argv[1]
	}
	switch strings.ToLower(name) {
	case "help", "?", "clear", "restart", "connect":
		return true
	}
	return strings.HasPrefix(name, ":")
}

// Run sends a typed line as redis-cli would and returns what it prints:
// split like redis-cli, repeated for a leading count ("3 INCR n"), replies
// formatted by cli.Format. After QUIT the client prints nothing more.
func (c *Client) Run(line string) (string, error) {
	if c.closed {
		return "", nil
	}
	argv, err := cli.Split(line)
	if err != nil {
		return "Invalid argument(s)", nil
	}
	if len(argv) == 0 {
		return "", nil
	}
	repeat := int64(1)
	if n, ok := repeatCount(argv); ok {
		if n <= 0 {
			return "Invalid redis-cli repeat command option value.", nil
		}
		repeat, argv = n, argv[1:]
	}
	if strings.EqualFold(argv[0], "quit") || strings.EqualFold(argv[0], "exit") {
		c.closed = true
		return "", c.conn.Close()
	}
	var out []string
	for ; repeat > 0; repeat-- {
		v, err := c.Do(argv...)
		if err != nil {
			return strings.Join(out, "\n"), err
		}
		if rawOutput(argv) {
			out = append(out, cli.FormatRaw(v))
		} else {
			out = append(out, cli.Format(v))
		}
	}
	return strings.Join(out, "\n"), nil
}

// repeatCount reads redis-cli's leading repeat count: a first word that is
// a number, when more words follow.
func repeatCount(argv []string) (int64, bool) {
	if len(argv) < 2 {
		return 0, false
	}
	n, err := strconv.ParseInt(strings.TrimLeft(argv[0], " \t"), 10, 64)
	if err != nil {
		return 0, false
	}
	return n, true
}

// rawOutput reports whether redis-cli prints this command's reply raw even
// on a terminal (INFO, CLIENT LIST and a few more).
func rawOutput(argv []string) bool {
	is := func(i int, name string) bool { return i < len(argv) && strings.EqualFold(argv[i], name) }
	switch {
	case is(0, "info"), is(0, "lolwut"):
		return true
	case is(0, "client"):
		return is(1, "list") || is(1, "info")
	case is(0, "memory"):
		return is(1, "malloc-stats") || is(1, "doctor")
	case is(0, "latency"):
		return len(argv) == 2 && is(1, "doctor") || len(argv) == 3 && is(1, "graph")
	}
	return false
}

// Unordered reports whether Redis leaves the order of line's reply free
// (the command has the nondeterministic_output_order or
// nondeterministic_output tip: SMEMBERS, SSCAN, COMMAND INFO, ...), so that
// a transcript can only fix its elements, not their order: Redis seeds its
// hash tables randomly at start.
func Unordered(line string) bool {
	argv, err := cli.Split(line)
	if err != nil || len(argv) == 0 {
		return false
	}
	if _, isRepeat := repeatCount(argv); isRepeat {
		argv = argv[1:]
	}
	cmd := engine.Lookup(argv[0])
	if cmd == nil {
		return false
	}
	if cmd.Subcommands != nil && len(argv) > 1 {
		if sub := cmd.Subcommand(argv[1]); sub != nil {
			cmd = sub
		}
	}
	for _, tip := range cmd.Tips {
		if tip == "nondeterministic_output_order" || tip == "nondeterministic_output" {
			return true
		}
	}
	return false
}

var itemNumber = regexp.MustCompile(`^(\s*\d+\)\s+)+`)

// SameUnordered reports whether two printed replies hold the same lines once
// redis-cli's item numbers ("2) ", "   3)  1) ") are dropped, in any order.
func SameUnordered(a, b string) bool {
	norm := func(s string) []string {
		lines := strings.Split(s, "\n")
		for i, l := range lines {
			lines[i] = strings.TrimSpace(itemNumber.ReplaceAllString(l, ""))
		}
		sort.Strings(lines)
		return lines
	}
	x, y := norm(a), norm(b)
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if x[i] != y[i] {
			return false
		}
	}
	return true
}
