// Package compat holds the golden redis-cli transcripts' harness: its test
// replays every testdata/compat/*.txt file against a real redis-server,
// against the engine through engine/cli, and against `redisplay server`,
// and requires all three to print exactly the file. This file has the small
// pieces the test uses: the transcript format and a RESP client that prints
// replies the way redis-cli does.
//
// A transcript may have several clients: "b> CMD" runs CMD on client b's
// own connection ("> CMD" is client a), and a line "b<" alone is followed
// by what client b received on its own since its last command: pub/sub
// messages, the late reply of a blocked BLPOP. A command that blocks prints
// nothing. "<id:b>" in a command stands for client b's CLIENT ID, and the
// id in HELLO's reply prints as "<id>", since ids differ between servers.
package compat

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"net"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"redisplay/engine"
	"redisplay/engine/cli"
	"redisplay/engine/resp"
)

// Entry is one command of a transcript and what redis-cli prints for it,
// or (Async) what a client received since its last command.
type Entry struct {
	// Comments are the '#' lines just before the command.
	Comments []string
	// Client names the connection: "" for a plain "> " line (client a),
	// else the letter before the prompt ("b> GET k", "b<").
	Client string
	// Async marks an "a<" line: Want is what client a received on its own
	// (pub/sub messages, a blocked command's late reply) since its last
	// command or "a<" line.
	Async bool
	// Line is the command as typed, without the "> " prompt; "" if Async.
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
// output lines of each command up to the next command or comment. With
// several clients, "b> command" runs the command as client b (each letter
// is its own connection, "> " is client a) and a line "b<" alone is
// followed by what client b received asynchronously.
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
		case isClientPrompt(line):
			flush()
			cur = &Entry{Comments: comments, Client: line[:1], Line: line[3:], LineNo: i + 1}
			comments = nil
		case isAsyncMark(line):
			flush()
			cur = &Entry{Comments: comments, Client: line[:1], Async: true, LineNo: i + 1}
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
		switch {
		case e.Async:
			b.WriteString(e.Client + "<\n")
		default:
			b.WriteString(e.Client + "> " + e.Line + "\n")
		}
		if e.Want != "" {
			b.WriteString(e.Want + "\n")
		}
	}
	for _, c := range t.Tail {
		b.WriteString(c + "\n")
	}
	return b.String()
}

// Who returns the client that runs e: its letter, "a" for a plain "> ".
func (e Entry) Who() string { return cmp.Or(e.Client, "a") }

// isClientPrompt reports whether line is "x> command" for a client letter.
func isClientPrompt(line string) bool {
	return len(line) >= 3 && 'a' <= line[0] && line[0] <= 'z' && line[1:3] == "> "
}

// isAsyncMark reports whether line is "x<" alone for a client letter.
func isAsyncMark(line string) bool {
	return len(line) == 2 && 'a' <= line[0] && line[0] <= 'z' && line[1] == '<'
}

// Client talks RESP to a server over TCP and prints replies as redis-cli
// does in interactive mode. A goroutine reads all the server sends, so that
// what arrives on its own (pub/sub messages, the late reply of a blocked
// command) is kept apart from the replies to commands, for Received.
type Client struct {
	conn   net.Conn
	in     chan readResult
	done   chan struct{}
	buf    []byte
	closed bool

	// Blocked, if set, asks the server (on another connection) whether it
	// holds this client blocked. Run calls it while a reply is slow to
	// come: a command that blocked prints nothing until its reply, which
	// Received then returns.
	Blocked func() bool

	blocked bool     // a command blocked; its reply has not come yet
	resp3   bool     // HELLO 3 switched the protocol
	subs    subs     // what the server confirmed we are subscribed to
	async   []string // what arrived on its own, formatted, not yet taken
}

// subs maps a subscribe command ("subscribe", "psubscribe", "ssubscribe")
// to the channels or patterns it holds.
type subs map[string]map[string]bool

type readResult struct {
	v   engine.Value
	err error
}

// replyWait bounds Run's wait for a reply; slowReply is how long Run waits
// for a reply before it asks Blocked.
const (
	replyWait = 10 * time.Second
	slowReply = 20 * time.Millisecond
)

// Dial connects to a RESP server at addr ("127.0.0.1:6379").
func Dial(addr string) (*Client, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	c := &Client{conn: conn, in: make(chan readResult, 64), done: make(chan struct{}), subs: subs{}}
	go c.read(bufio.NewReader(conn))
	return c, nil
}

// read hands every value the server sends to the Client, until the
// connection fails or closes.
func (c *Client) read(r *bufio.Reader) {
	defer close(c.in)
	for {
		v, err := resp.ReadValue(r)
		select {
		case c.in <- readResult{v, err}:
		case <-c.done:
			return
		}
		if err != nil {
			return
		}
	}
}

// Close closes the connection.
func (c *Client) Close() error {
	select {
	case <-c.done:
	default:
		close(c.done)
	}
	return c.conn.Close()
}

// Do sends one command and reads its reply in whatever shape the server
// chose (RESP3 after HELLO 3).
func (c *Client) Do(args ...string) (engine.Value, error) {
	if err := c.send(args); err != nil {
		return engine.Value{}, err
	}
	v, _, err := c.reply(false)
	return v, err
}

func (c *Client) send(args []string) error {
	b := resp.AppendCommand(c.buf[:0], args...)
	c.buf = b
	_, err := c.conn.Write(b)
	return err
}

// reply returns the next reply to a command, setting aside what arrives
// on its own meanwhile. With mayBlock it gives up after replyWait and,
// with Blocked set, reports blocked instead once the server says it holds
// the client blocked; without, it waits as long as the server takes.
func (c *Client) reply(mayBlock bool) (v engine.Value, blocked bool, err error) {
	deadline := time.Now().Add(replyWait)
	for {
		var timeout <-chan time.Time
		if mayBlock {
			wait := time.Until(deadline)
			if c.Blocked != nil {
				wait = min(wait, slowReply)
			}
			timeout = time.After(wait)
		}
		select {
		case r, ok := <-c.in:
			if !ok {
				return engine.Value{}, false, io.EOF
			}
			if r.err != nil {
				return engine.Value{}, false, r.err
			}
			if c.take(r.v) {
				continue
			}
			c.track(r.v)
			return r.v, false, nil
		case <-timeout:
			if !time.Now().Before(deadline) {
				return engine.Value{}, false, fmt.Errorf("no reply within %v", replyWait)
			}
			if c.Blocked != nil && c.Blocked() {
				return engine.Value{}, true, nil
			}
		}
	}
}

// take keeps v for Received if it is not the reply to a command: a
// message, or the reply of the command that blocked.
func (c *Client) take(v engine.Value) bool {
	switch {
	case c.isMessage(v):
	case c.blocked:
		c.blocked = false
	default:
		return false
	}
	c.async = append(c.async, cli.Format(v))
	return true
}

// isMessage reports whether v is a push rather than a reply: in RESP3 any
// push but a subscription's confirmation, in RESP2 the arrays a subscribed
// client receives for messages.
func (c *Client) isMessage(v engine.Value) bool {
	if len(v.Elems) == 0 || v.Elems[0].Kind != engine.KindBulk {
		return v.Kind == engine.KindPush
	}
	kind := strings.ToLower(v.Elems[0].Str)
	switch v.Kind {
	case engine.KindPush:
		return !isConfirmation(v)
	case engine.KindArray:
		if c.resp3 || len(c.subs["subscribe"])+len(c.subs["psubscribe"])+len(c.subs["ssubscribe"]) == 0 {
			return false
		}
		return kind == "message" || kind == "pmessage" || kind == "smessage"
	}
	return false
}

// subscribeOf maps every (un)subscribe confirmation to the subscribe
// command whose channels it counts.
var subscribeOf = map[string]string{
	"subscribe": "subscribe", "unsubscribe": "subscribe",
	"psubscribe": "psubscribe", "punsubscribe": "psubscribe",
	"ssubscribe": "ssubscribe", "sunsubscribe": "ssubscribe",
}

// isConfirmation reports whether v confirms a (un)subscription:
// ["subscribe", channel, count] and the like.
func isConfirmation(v engine.Value) bool {
	if (v.Kind != engine.KindArray && v.Kind != engine.KindPush) || len(v.Elems) != 3 ||
		v.Elems[0].Kind != engine.KindBulk {
		return false
	}
	_, ok := subscribeOf[strings.ToLower(v.Elems[0].Str)]
	return ok
}

// track follows the subscriptions the server confirms.
func (c *Client) track(v engine.Value) {
	if !isConfirmation(v) || v.Elems[1].Kind != engine.KindBulk {
		return
	}
	kind := strings.ToLower(v.Elems[0].Str)
	set := c.subs[subscribeOf[kind]]
	if set == nil {
		set = map[string]bool{}
		c.subs[subscribeOf[kind]] = set
	}
	if kind == subscribeOf[kind] {
		set[v.Elems[1].Str] = true
	} else {
		delete(set, v.Elems[1].Str)
	}
}

// replies says how many replies the server sends to argv: one per channel
// for the subscribe commands, one per subscription for an unsubscribe
// command without channels (one if there are none), else one.
func (c *Client) replies(argv []string) int {
	kind, ok := subscribeOf[strings.ToLower(argv[0])]
	if !ok {
		return 1
	}
	if len(argv) > 1 {
		return len(argv) - 1
	}
	if kind == strings.ToLower(argv[0]) {
		return 1
	}
	return max(1, len(c.subs[kind]))
}

// Received returns, and forgets, what arrived on its own since the last
// call, printed as redis-cli does. It first waits, up to timeout, until
// that is at least lines lines; with lines < 0 it cannot know how much to
// expect and waits until nothing more came for settle. complete is false
// when the wait for lines timed out.
func (c *Client) Received(lines int, timeout, settle time.Duration) (text string, complete bool) {
	deadline := time.Now().Add(timeout)
	for {
		text = strings.Join(c.async, "\n")
		if lines >= 0 && CountLines(text) >= lines {
			break
		}
		wait := time.Until(deadline)
		if wait <= 0 {
			break
		}
		if lines < 0 {
			wait = min(wait, settle)
		}
		select {
		case r, ok := <-c.in:
			if !ok || r.err != nil {
				deadline = time.Now()
				continue
			}
			if !c.take(r.v) {
				// A reply nobody waits for; show it rather than lose it.
				c.async = append(c.async, cli.Format(r.v))
			}
			continue
		case <-time.After(wait):
		}
		if lines < 0 {
			break
		}
	}
	c.async = nil
	return text, lines < 0 || CountLines(text) >= lines
}

// CountLines counts the lines of printed output: none in "".
func CountLines(s string) int {
	if s == "" {
		return 0
	}
	return strings.Count(s, "\n") + 1
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
// formatted by cli.Format. After QUIT the client prints nothing more. A
// command that blocks prints nothing; Received has its reply later.
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
		return "", c.Close()
	}
	name := strings.ToLower(argv[0])
	pubsub := name == "subscribe" || name == "psubscribe" || name == "ssubscribe"
	var out []string
	for ; repeat > 0; repeat-- {
		if pubsub {
			out = append(out, "Reading messages... (press Ctrl-C to quit)")
		}
		n := c.replies(argv)
		if err := c.send(argv); err != nil {
			return strings.Join(out, "\n"), err
		}
		v, blocked, err := c.reply(true)
		if err != nil {
			return strings.Join(out, "\n"), err
		}
		if blocked {
			c.blocked = true
			break
		}
		if rawOutput(argv) {
			out = append(out, cli.FormatRaw(v))
		} else {
			out = append(out, cli.Format(v))
		}
		// A subscription confirms each channel with its own reply.
		for i := 1; i < n && isConfirmation(v); i++ {
			if v, _, err = c.reply(false); err != nil {
				return strings.Join(out, "\n"), err
			}
			out = append(out, cli.Format(v))
		}
		switch {
		case v.Kind == engine.KindError:
		case name == "hello" && len(argv) > 1:
			c.resp3 = argv[1] == "3"
		case name == "reset":
			c.resp3, c.subs = false, subs{}
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
	// These iterate a hash table without saying so in a tip.
	if n := cmd.FullName(); n == "pubsub|channels" || n == "pubsub|shardchannels" {
		return true
	}
	for _, tip := range cmd.Tips {
		if tip == "nondeterministic_output_order" || tip == "nondeterministic_output" {
			return true
		}
	}
	return false
}

// helloID finds the client id in HELLO's reply, as redis-cli prints it
// for RESP3 ("3# "id" => (integer) 5") and RESP2 ("5) "id"\n 6) (integer) 5").
var helloID = regexp.MustCompile(`("id"(?: =>|\n\s*\d+\)) \(integer\) )\d+`)

// Mask hides what differs from server to server in out, the printed reply
// to line, so that transcripts can show it: the client id in HELLO's
// reply becomes "<id>".
func Mask(line, out string) string {
	argv, err := cli.Split(line)
	if err != nil || len(argv) == 0 || !strings.EqualFold(argv[0], "hello") {
		return out
	}
	return helloID.ReplaceAllString(out, "${1}<id>")
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
