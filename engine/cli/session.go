package cli

import (
	"strconv"
	"strings"
	"sync"
	"time"

	"redisplay/engine"
)

// ClearScreen is what Run returns for "clear": the ANSI sequence that moves
// the cursor home and erases the screen, as redis-cli writes it. A front end
// that is not an ANSI terminal compares the text with ClearScreen and
// empties its output instead of printing it.
const ClearScreen = "\x1b[H\x1b[2J"

// MaxRepeat caps the repeat count of a line ("1000000000 PING"), which
// redis-cli does not: a typo must not freeze a browser tab.
var MaxRepeat int64 = 10000

// Messages redis-cli prints itself.
const (
	msgInvalidArgs   = "Invalid argument(s)"
	msgInvalidRepeat = "Invalid redis-cli repeat command option value."
	msgReading       = "Reading messages... (press Ctrl-C to quit)"
	msgRestart       = "Use 'restart' only in Lua debugging mode."
)

// Session is one redis-cli interactive session bound to one engine client.
// Its methods are safe for concurrent use, but push (see NewSession) must
// not call them synchronously.
type Session struct {
	e      *engine.Engine
	client *engine.Client
	push   func(string)
	now    func() time.Time

	mu        sync.Mutex
	capturing bool     // inside Run: later replies are part of its output
	captured  []string // replies that arrived during Run
	waiting   bool     // a blocked command has not answered yet
	since     time.Time

	// What redis-cli tracks from the replies it sees, for the prompt.
	db        int
	preMultDB int
	inMulti   bool
	hints     bool
	closed    bool
	link      link
	pubsub    bool // SUBSCRIBE was sent: redis-cli only reads messages
}

// link is the state of the connection as redis-cli sees it.
type link uint8

const (
	linkUp link = iota
	// linkStale: the server hung up (QUIT) but redis-cli has not noticed;
	// the next command finds out and is lost.
	linkStale
	// linkDown: redis-cli knows; the next command connects again.
	linkDown
)

// NewSession opens a client on e. push receives text for replies that
// arrive later (pub/sub messages, unblocked commands), already formatted
// and without the trailing newline; it is called with the engine locked, so
// it must hand the text on rather than call back into the Session. push may
// be nil.
func NewSession(e *engine.Engine, push func(text string)) *Session {
	s := &Session{e: e, push: push, now: time.Now, hints: true}
	s.client = s.connect()
	return s
}

// connect opens a new engine client whose later replies come to onPush.
func (s *Session) connect() *engine.Client {
	var c *engine.Client
	c = s.e.NewClient(func(v engine.Value) { s.onPush(c, v) })
	return c
}

// Client returns the engine client the session talks through. It changes
// when the server closed the connection (after "2 QUIT") and the session
// connected again, as redis-cli does on the next command.
func (s *Session) Client() *engine.Client {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.client
}

// Close closes the session's client. Run on a closed session returns "".
func (s *Session) Close() {
	s.mu.Lock()
	closed := s.closed || s.link != linkUp
	s.closed = true
	c := s.client
	s.mu.Unlock()
	if !closed {
		c.Close()
	}
}

// Closed reports whether the session ended, by QUIT, EXIT or Close.
func (s *Session) Closed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closed
}

// Waiting reports whether a blocked command (BLPOP, ...) has not answered
// yet; redis-cli shows no prompt meanwhile. Its reply comes through push.
func (s *Session) Waiting() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.waiting
}

// Subscribed reports whether the session is in redis-cli's pub/sub mode,
// entered by SUBSCRIBE, PSUBSCRIBE or SSUBSCRIBE: redis-cli shows no
// prompt and prints messages until Ctrl-C (see Interrupt).
func (s *Session) Subscribed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pubsub
}

// Interrupt does what Ctrl-C does to redis-cli. In pub/sub mode redis-cli
// drops the connection and connects again, back in database 0 and out of
// any transaction; Interrupt does the same and returns false. Anywhere
// else (at the prompt, or waiting for a blocked command) redis-cli exits:
// Interrupt then returns true and, so that the pane can live on if the
// front end prefers, abandons a blocked command the same way instead of
// closing the session.
func (s *Session) Interrupt() (exits bool) {
	s.mu.Lock()
	sub, wait, old := s.pubsub, s.waiting, s.client
	if !sub && !wait {
		s.mu.Unlock()
		return true
	}
	if s.closed || s.link != linkUp {
		s.pubsub, s.waiting = false, false
		s.db, s.inMulti = 0, false
		s.mu.Unlock()
		return !sub
	}
	s.mu.Unlock()
	old.Close()
	c := s.connect()
	s.mu.Lock()
	s.client = c
	s.pubsub, s.waiting = false, false
	s.db, s.inMulti = 0, false
	s.mu.Unlock()
	return !sub
}

// onPush receives the replies the engine hands over outside of Exec's
// return value: pub/sub messages and the replies of unblocked commands.
func (s *Session) onPush(c *engine.Client, v engine.Value) {
	text := render(c, v)
	s.mu.Lock()
	if s.waiting && v.Kind != engine.KindPush {
		s.waiting = false
		if d := s.now().Sub(s.since); d >= 500*time.Millisecond {
			text += "\n" + elapsed(d)
		}
	}
	if s.capturing {
		s.captured = append(s.captured, text)
		s.mu.Unlock()
		return
	}
	push := s.push
	s.mu.Unlock()
	if push != nil && text != "" {
		push(text)
	}
}

// elapsed writes a duration as redis-cli does after a slow command: "(0.52s)".
func elapsed(d time.Duration) string {
	return "(" + strconv.FormatFloat(d.Seconds(), 'f', 2, 64) + "s)"
}

// render formats a reply for the protocol of client c.
func render(c *engine.Client, v engine.Value) string {
	if v.Kind == engine.KindNone {
		return ""
	}
	if c.Proto < 3 {
		v = v.RESP2()
	}
	if v.Kind == engine.KindPush && isInvalidate(v) {
		return formatInvalidate(v)
	}
	return Format(v)
}

// isInvalidate reports whether v is a client-side caching invalidation,
// which redis-cli prints in a form of its own.
func isInvalidate(v engine.Value) bool {
	return len(v.Elems) == 2 && v.Elems[0].Kind == engine.KindBulk && v.Elems[0].Str == "invalidate" &&
		v.Elems[1].Kind == engine.KindArray
}

func formatInvalidate(v engine.Value) string {
	var b strings.Builder
	b.WriteString("-> invalidate: ")
	for i, k := range v.Elems[1].Elems {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("'" + k.Str + "'")
	}
	return b.String()
}

// Prompt returns redis-cli's prompt: "127.0.0.1:6379> ", with "[n]" after a
// SELECT of database n and "(TX)" inside MULTI; "not connected> " after the
// server closed the connection, until the next command reconnects.
func (s *Session) Prompt() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.link == linkDown {
		return "not connected> "
	}
	p := "127.0.0.1:6379"
	if s.db != 0 {
		p += "[" + strconv.Itoa(s.db) + "]"
	}
	if s.inMulti {
		p += "(TX)"
	}
	return p + "> "
}

// Hint returns the grey hint redis-cli shows after a partly typed line, or
// "" when it shows none (also after ":set nohints").
func (s *Session) Hint(line string) string {
	s.mu.Lock()
	on := s.hints
	s.mu.Unlock()
	if !on {
		return ""
	}
	h, _ := hint(entries(), line)
	return h
}

// Complete returns redis-cli's Tab completions for the line: whole lines,
// the command part upper-cased, in alphabetical order.
func (s *Session) Complete(line string) []string {
	return complete(entries(), line)
}

// Run runs one typed line as redis-cli does and returns all it prints for
// it, without the trailing newline: replies (once per repeat for "3 PING"),
// its own messages ("Invalid argument(s)"), HELP, ClearScreen for "clear".
// An empty or blank line gives "". QUIT and EXIT give "" and close the
// session.
func (s *Session) Run(line string) string {
	if s.Closed() {
		return ""
	}
	argv, err := Split(line)
	if err != nil {
		return msgInvalidArgs
	}
	if len(argv) == 0 {
		return ""
	}
	repeat, skip := int64(1), 0
	if len(argv) > 1 {
		if n, ok, valid := parseRepeat(argv[0]); ok {
			if !valid {
				return msgInvalidRepeat
			}
			repeat, skip = min(n, MaxRepeat), 1
		}
	}
	switch name := argv[0]; {
	case strings.EqualFold(name, "quit") || strings.EqualFold(name, "exit"):
		s.Close()
		return ""
	case name != "" && name[0] == ':':
		return s.preference(argv)
	case strings.EqualFold(name, "restart"):
		return msgRestart
	case len(argv) == 3 && strings.EqualFold(name, "connect"):
		// The terminal has one server; there is nothing to connect to.
		return ""
	case len(argv) == 1 && strings.EqualFold(name, "clear"):
		return ClearScreen
	}
	argv = argv[skip:]
	start := s.now()
	var out string
	if strings.EqualFold(argv[0], "help") || argv[0] == "?" {
		out = Help(argv[1:])
	} else {
		out = s.send(argv, repeat)
	}
	// Like redis-cli, say how long a slow line took (DEBUG SLEEP, a long
	// repeat); a blocked command's time is told when its reply comes.
	if d := s.now().Sub(start); d >= 500*time.Millisecond && !s.Waiting() {
		if out != "" {
			out += "\n"
		}
		out += elapsed(d)
	}
	return out
}

// parseRepeat reads a leading repeat count as redis-cli does with strtol:
// ok says whether the word is a number at all (the empty word counts, as
// zero), valid whether it is a usable count.
func parseRepeat(w string) (n int64, ok, valid bool) {
	i := 0
	for i < len(w) && isSpace(w[i]) {
		i++
	}
	neg := false
	if i < len(w) && (w[i] == '+' || w[i] == '-') {
		neg = w[i] == '-'
		i++
	}
	digits := i
	for i < len(w) && '0' <= w[i] && w[i] <= '9' {
		i++
	}
	if i == digits {
		// strtol consumed nothing: only the empty word ends there.
		return 0, w == "", false
	}
	if i != len(w) {
		return 0, false, false
	}
	n, err := strconv.ParseInt(w[digits:i], 10, 64)
	if err != nil {
		return 0, true, false
	}
	if neg {
		n = -n
	}
	return n, true, n > 0
}

// preference handles redis-cli's own ":set hints" style commands.
func (s *Session) preference(argv []string) string {
	if strings.EqualFold(argv[0], ":set") && len(argv) >= 2 {
		switch {
		case strings.EqualFold(argv[1], "hints"):
			s.setHints(true)
		case strings.EqualFold(argv[1], "nohints"):
			s.setHints(false)
		default:
			return "unknown redis-cli preference '" + argv[1] + "'"
		}
		return ""
	}
	return "unknown redis-cli internal command '" + argv[0] + "'"
}

func (s *Session) setHints(on bool) {
	s.mu.Lock()
	s.hints = on
	s.mu.Unlock()
}

// msgClosed is what redis-cli reports when the server closed the
// connection under a command it sent.
const msgClosed = "Error: Server closed the connection"

// send runs the command repeat times and collects what redis-cli prints.
func (s *Session) send(argv []string, repeat int64) string {
	name := argv[0]
	// Never call the engine with s.mu held: the engine calls onPush, which
	// takes s.mu, with its own lock held.
	s.mu.Lock()
	c, l, db := s.client, s.link, s.db
	if l == linkStale {
		s.link = linkDown
		s.mu.Unlock()
		return msgClosed
	}
	s.mu.Unlock()
	if l == linkDown {
		// redis-cli connects again and selects the database its prompt
		// shows; the transaction went with the old connection, though the
		// prompt keeps showing it until the next MULTI, EXEC or DISCARD.
		c = s.connect()
		if db != 0 {
			s.e.Exec(c, []string{"SELECT", strconv.Itoa(db)})
		}
		s.mu.Lock()
		s.client, s.link = c, linkUp
		s.mu.Unlock()
	}
	raw := rawOutput(argv)
	pubsub := strings.EqualFold(name, "subscribe") || strings.EqualFold(name, "psubscribe") ||
		strings.EqualFold(name, "ssubscribe")
	var out []string
	s.mu.Lock()
	s.capturing = true
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.capturing = false
		s.captured = nil
		s.mu.Unlock()
	}()
	for ; repeat > 0; repeat-- {
		if pubsub {
			out = append(out, msgReading)
		}
		v := s.e.Exec(c, argv)
		var text string
		if raw {
			r := v
			if c.Proto < 3 {
				r = r.RESP2()
			}
			text = FormatRaw(r)
		} else {
			text = render(c, v)
		}
		s.mu.Lock()
		if v.Kind != engine.KindNone {
			out = append(out, text)
		}
		out = append(out, s.captured...)
		s.captured = s.captured[:0]
		s.track(argv, v)
		if pubsub && v.Kind != engine.KindError {
			// redis-cli now only reads messages, until Ctrl-C.
			s.pubsub = true
			repeat = 0
		}
		if v.Kind == engine.KindNone && !pubsub {
			// A blocked command: its reply comes later, through push,
			// and redis-cli sends nothing more until it does.
			s.waiting = true
			s.since = s.now()
			repeat = 0
		}
		hangup := c.CloseAfterReply
		if hangup {
			// The server hung up (QUIT sent as "1 QUIT"): the next
			// command to send, even a further repeat, finds out.
			s.link = linkStale
			if repeat > 1 {
				out = append(out, msgClosed)
				s.link = linkDown
			}
			repeat = 0
		}
		s.mu.Unlock()
		if hangup {
			c.Close()
		}
	}
	return strings.Join(out, "\n")
}

// track follows the replies that change redis-cli's prompt, as it does:
// SELECT, MULTI, EXEC, DISCARD and RESET. s.mu is held.
func (s *Session) track(argv []string, v engine.Value) {
	name := argv[0]
	failed := v.Kind == engine.KindError
	switch {
	case strings.EqualFold(name, "select") && len(argv) == 2 && !failed:
		s.db = atoi(argv[1])
	case strings.EqualFold(name, "multi") && len(argv) == 1 && !failed:
		s.inMulti = true
		s.preMultDB = s.db
	case strings.EqualFold(name, "exec") && len(argv) == 1 && s.inMulti:
		s.inMulti = false
		if failed || v.Kind == engine.KindNull || v.Kind == engine.KindNullArray {
			s.db = s.preMultDB
		}
	case strings.EqualFold(name, "discard") && len(argv) == 1 && !failed:
		s.inMulti = false
		s.db = s.preMultDB
	case strings.EqualFold(name, "reset") && len(argv) == 1 && !failed:
		s.inMulti = false
		s.db = 0
	}
}

// atoi is C's atoi: leading blanks, a sign, then as many digits as there are.
func atoi(w string) int {
	i := 0
	for i < len(w) && isSpace(w[i]) {
		i++
	}
	neg := false
	if i < len(w) && (w[i] == '+' || w[i] == '-') {
		neg = w[i] == '-'
		i++
	}
	n := 0
	for ; i < len(w) && '0' <= w[i] && w[i] <= '9'; i++ {
		n = n*10 + int(w[i]-'0')
	}
	if neg {
		n = -n
	}
	return n
}

// rawOutput reports whether redis-cli prints this command's reply raw even
// on a terminal, as it does for reports meant to be read as text.
func rawOutput(argv []string) bool {
	is := func(i int, names ...string) bool {
		if i >= len(argv) {
			return false
		}
		for _, n := range names {
			if strings.EqualFold(argv[i], n) {
				return true
			}
		}
		return false
	}
	argc := len(argv)
	switch {
	case is(0, "info", "lolwut"):
		return true
	case is(0, "debug"):
		return is(1, "htstats", "htstats-key", "client-eviction")
	case is(0, "memory"):
		return is(1, "malloc-stats", "doctor")
	case is(0, "cluster"):
		return argc == 2 && is(1, "nodes", "info")
	case is(0, "client"):
		return is(1, "list", "info")
	case is(0, "latency"):
		return argc == 3 && is(1, "graph") || argc == 2 && is(1, "doctor")
	case is(0, "proxy"):
		return is(1, "info")
	}
	return false
}
