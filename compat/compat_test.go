package compat

import (
	"redisplay/internal/redistest"

	"bufio"
	"cmp"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"redisplay/engine"
	"redisplay/engine/cli"
)

// goldenDir holds the transcripts; COMPAT_DIR points elsewhere, e.g. to
// try UPDATE_GOLDEN on a copy.
var goldenDir = cmp.Or(os.Getenv("COMPAT_DIR"), "../testdata/compat")

// update rewrites the transcripts from the real redis-server's output.
var update = os.Getenv("UPDATE_GOLDEN") != ""

func transcripts(t *testing.T) []string {
	files, err := filepath.Glob(filepath.Join(goldenDir, "*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, files, "no transcripts in %s", goldenDir)
	return files
}

// TestRealRedis replays every transcript against a fresh redis-server,
// proving the transcripts are what Redis 7 really prints. With
// UPDATE_GOLDEN=1 it rewrites them from that output instead.
func TestRealRedis(t *testing.T) {
	redistest.Require(t)
	for _, file := range transcripts(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			t.Parallel()
			addr := redistest.Start(t)
			tr := load(t, file)
			got := replay(t, file, tr, newWire(t, addr), !update)
			if update {
				for i, e := range tr.Entries {
					// Keep the file's order where Redis leaves order free,
					// so a rewrite does not churn.
					if e.Async || !ClientSide(e.Line) && !(Unordered(e.Line) && SameUnordered(e.Want, got[i])) {
						tr.Entries[i].Want = got[i]
					}
				}
				require.NoError(t, os.WriteFile(file, []byte(tr.String()), 0o644))
			}
		})
	}
}

// TestEngine replays every transcript through engine/cli on a fresh engine,
// as the browser terminal runs it: one Session per client.
func TestEngine(t *testing.T) {
	for _, file := range transcripts(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			t.Parallel()
			replay(t, file, load(t, file), newSessions(t), true)
		})
	}
}

// TestServer replays every transcript against `redisplay server` over TCP.
func TestServer(t *testing.T) {
	bin := buildServer(t)
	for _, file := range transcripts(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			t.Parallel()
			addr := startServer(t, bin)
			replay(t, file, load(t, file), newWire(t, addr), true)
		})
	}
}

func load(t *testing.T, file string) Transcript {
	b, err := os.ReadFile(file)
	require.NoError(t, err)
	return Parse(string(b))
}

// receiveWait bounds the wait for what an "a<" line expects; settle is how
// long UPDATE_GOLDEN waits for more, not knowing how much will come.
const (
	receiveWait = 2 * time.Second
	settle      = 300 * time.Millisecond
)

// clients runs a transcript's clients, over the wire or on the engine.
type clients interface {
	// run types line into client who's redis-cli and returns its output.
	run(who, line string) (string, error)
	// received returns what who received on its own, waiting for lines
	// lines (lines < 0: until nothing more comes); complete is false if
	// they did not all come.
	received(who string, lines int) (text string, complete bool)
	// id returns who's CLIENT ID.
	id(who string) (int64, error)
	// wire reports whether redis-cli's own lines (HELP, ...) cannot run.
	wire() bool
}

// idRef is how a transcript line names a client's id, which it cannot
// spell out: "CLIENT UNBLOCK <id:a>".
var idRef = regexp.MustCompile(`<id:([a-z])>`)

// replay runs every entry, returning what each printed; check compares
// with the file as it goes. Client-side lines (HELP, ...) are skipped on
// the wire and yield the file's own text.
func replay(t *testing.T, file string, tr Transcript, cl clients, check bool) []string {
	got := make([]string, len(tr.Entries))
	for i, e := range tr.Entries {
		where := fmt.Sprintf("%s:%d: %s> %s", file, e.LineNo, e.Who(), e.Line)
		if e.Async {
			lines := CountLines(e.Want)
			if !check {
				lines = -1
			}
			var complete bool
			got[i], complete = cl.received(e.Who(), lines)
			where = fmt.Sprintf("%s:%d: %s<", file, e.LineNo, e.Who())
			if check && !complete {
				assert.Fail(t, "timed out waiting for what a client receives",
					"%s: %d of %d lines came (waited up to %v):\n%s", where, CountLines(got[i]), lines, receiveWait, got[i])
				continue
			}
		} else {
			if cl.wire() && ClientSide(e.Line) {
				got[i] = e.Want
				continue
			}
			line := e.Line
			var err error
			for _, m := range idRef.FindAllStringSubmatch(line, -1) {
				id, err := cl.id(m[1])
				require.NoError(t, err, where)
				line = strings.ReplaceAll(line, m[0], strconv.FormatInt(id, 10))
			}
			got[i], err = cl.run(e.Who(), line)
			require.NoError(t, err, where)
			got[i] = Mask(line, got[i])
		}
		if check {
			requireSame(t, where, e, got[i])
		}
	}
	return got
}

// wireClients are a transcript's clients as TCP connections to addr,
// dialled on first use.
type wireClients struct {
	t     *testing.T
	addr  string
	conns map[string]*Client
	ids   map[string]int64
	ctl   *Client // asks whether a client is blocked
}

// newWire connects client a and flushes the server for a transcript.
func newWire(t *testing.T, addr string) *wireClients {
	w := &wireClients{t: t, addr: addr, conns: map[string]*Client{}, ids: map[string]int64{}}
	c, err := w.conn("a")
	require.NoError(t, err)
	v, err := c.Do("FLUSHALL")
	require.NoError(t, err)
	require.Equal(t, engine.OK, v)
	return w
}

func (w *wireClients) conn(who string) (*Client, error) {
	if c, ok := w.conns[who]; ok {
		return c, nil
	}
	c, err := Dial(w.addr)
	if err != nil {
		return nil, err
	}
	w.t.Cleanup(func() { c.Close() })
	v, err := c.Do("CLIENT", "ID")
	if err != nil {
		return nil, err
	}
	id := v.Int
	c.Blocked = func() bool { return w.blocked(id) }
	w.conns[who], w.ids[who] = c, id
	return c, nil
}

// blocked asks the server on a connection of the harness's own whether
// client id is blocked: "b" among its CLIENT LIST flags.
func (w *wireClients) blocked(id int64) bool {
	if w.ctl == nil {
		c, err := Dial(w.addr)
		require.NoError(w.t, err)
		w.t.Cleanup(func() { c.Close() })
		w.ctl = c
	}
	v, err := w.ctl.Do("CLIENT", "LIST", "ID", strconv.FormatInt(id, 10))
	require.NoError(w.t, err)
	for _, f := range strings.Fields(v.Str) {
		if flags, ok := strings.CutPrefix(f, "flags="); ok {
			return strings.Contains(flags, "b")
		}
	}
	return false
}

func (w *wireClients) run(who, line string) (string, error) {
	c, err := w.conn(who)
	if err != nil {
		return "", err
	}
	return c.Run(line)
}

func (w *wireClients) received(who string, lines int) (string, bool) {
	c, err := w.conn(who)
	require.NoError(w.t, err)
	return c.Received(lines, receiveWait, settle)
}

func (w *wireClients) id(who string) (int64, error) {
	_, err := w.conn(who)
	return w.ids[who], err
}

func (w *wireClients) wire() bool { return true }

// sessions are a transcript's clients as engine/cli Sessions on one engine.
type sessions struct {
	e     *engine.Engine
	t     *testing.T
	mu    sync.Mutex // guards async: pushes come with the engine locked
	all   map[string]*cli.Session
	async map[string][]string
}

func newSessions(t *testing.T) *sessions {
	return &sessions{e: engine.New(engine.Options{}), t: t, all: map[string]*cli.Session{}, async: map[string][]string{}}
}

func (s *sessions) session(who string) *cli.Session {
	if ss, ok := s.all[who]; ok {
		return ss
	}
	ss := cli.NewSession(s.e, func(text string) {
		s.mu.Lock()
		s.async[who] = append(s.async[who], text)
		s.mu.Unlock()
	})
	s.t.Cleanup(ss.Close)
	s.all[who] = ss
	return ss
}

func (s *sessions) run(who, line string) (string, error) { return s.session(who).Run(line), nil }

// received needs no wait: the engine hands pushes over before the command
// that caused them returns.
func (s *sessions) received(who string, lines int) (string, bool) {
	s.session(who)
	s.mu.Lock()
	text := strings.Join(s.async[who], "\n")
	s.async[who] = nil
	s.mu.Unlock()
	return text, lines < 0 || CountLines(text) >= lines
}

func (s *sessions) id(who string) (int64, error) { return s.session(who).Client().ID, nil }

func (s *sessions) wire() bool { return false }

// requireSame checks one command's output against the transcript, ignoring
// the order of lines where Redis leaves the order free.
func requireSame(t *testing.T, where string, e Entry, got string) {
	t.Helper()
	if got != e.Want && !e.Async && Unordered(e.Line) && SameUnordered(e.Want, got) {
		return
	}
	assert.Equal(t, e.Want, got, where)
}

// buildServer builds cmd/redisplay once for the test run.
func buildServer(t *testing.T) string {
	bin := filepath.Join(t.TempDir(), "redisplay")
	out, err := exec.Command("go", "build", "-o", bin, "redisplay/cmd/redisplay").CombinedOutput()
	require.NoError(t, err, "building redisplay: %s", out)
	return bin
}

var readyLine = regexp.MustCompile(`ready to accept connections on (\S+)`)

// startServer runs `redisplay server --port 0` and reads the address it
// chose from its log line.
func startServer(t *testing.T, bin string) string {
	cmd := exec.Command(bin, "server", "--port", "0")
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	})
	sc := bufio.NewScanner(stderr)
	var log []string
	for sc.Scan() {
		if m := readyLine.FindStringSubmatch(sc.Text()); m != nil {
			go func() {
				for sc.Scan() {
				}
			}()
			return m[1]
		}
		log = append(log, sc.Text())
	}
	require.FailNow(t, "redisplay server did not start", strings.Join(log, "\n"))
	return ""
}

// TestSubscribeOverTheWire checks the wire client's redis-cli emulation
// for a command with several replies against the engine's Session.
func TestSubscribeOverTheWire(t *testing.T) {
	redistest.Require(t)
	want := cli.NewSession(engine.New(engine.Options{}), nil).Run("SUBSCRIBE a b")
	require.Contains(t, want, "Reading messages")
	for name, addr := range map[string]string{"redis": redistest.Start(t), "ours": startServer(t, buildServer(t))} {
		c, err := Dial(addr)
		require.NoError(t, err)
		got, err := c.Run("SUBSCRIBE a b")
		c.Close()
		require.NoError(t, err)
		assert.Equal(t, want, got, name)
	}
}

func TestParseRoundTrip(t *testing.T) {
	text := "# head\n> SET a b\nOK\n# mid\n> LRANGE l 0 -1\n1) \"x\"\n2) \"y\"\n> PING\nPONG\n# tail\n"
	tr := Parse(text)
	require.Len(t, tr.Entries, 3)
	assert.Equal(t, Entry{Comments: []string{"# head"}, Line: "SET a b", LineNo: 2, Want: "OK"}, tr.Entries[0])
	assert.Equal(t, "1) \"x\"\n2) \"y\"", tr.Entries[1].Want)
	assert.Equal(t, 5, tr.Entries[1].LineNo)
	assert.Equal(t, []string{"# tail"}, tr.Tail)
	assert.Equal(t, text, tr.String())
}

func TestParseClients(t *testing.T) {
	text := "a> SUBSCRIBE ch\nReading messages... (press Ctrl-C to quit)\n# b talks\nb> PUBLISH ch hi\n(integer) 1\na<\n1) \"message\"\nz<\n> PING\nPONG\n"
	tr := Parse(text)
	require.Len(t, tr.Entries, 5)
	assert.Equal(t, Entry{Client: "a", Line: "SUBSCRIBE ch", LineNo: 1, Want: "Reading messages... (press Ctrl-C to quit)"}, tr.Entries[0])
	assert.Equal(t, Entry{Comments: []string{"# b talks"}, Client: "b", Line: "PUBLISH ch hi", LineNo: 4, Want: "(integer) 1"}, tr.Entries[1])
	assert.Equal(t, Entry{Client: "a", Async: true, LineNo: 6, Want: "1) \"message\""}, tr.Entries[2])
	assert.Equal(t, Entry{Client: "z", Async: true, LineNo: 8}, tr.Entries[3])
	assert.Equal(t, "a", tr.Entries[4].Who())
	assert.Equal(t, "b", tr.Entries[1].Who())
	assert.Equal(t, text, tr.String())
	// Output lines that only look alike stay output.
	tr = Parse("> GET k\na<b\nab> x\n")
	require.Len(t, tr.Entries, 1)
	assert.Equal(t, "a<b\nab> x", tr.Entries[0].Want)
}

func TestMask(t *testing.T) {
	tests := []struct{ line, out, want string }{
		{"HELLO 3", "3# \"proto\" => (integer) 3\n4# \"id\" => (integer) 17", "3# \"proto\" => (integer) 3\n4# \"id\" => (integer) <id>"},
		{"hello 2", " 7) \"id\"\n 8) (integer) 5\n 9) \"mode\"", " 7) \"id\"\n 8) (integer) <id>\n 9) \"mode\""},
		{"LRANGE l 0 -1", "1) \"id\"\n2) (integer) 5", "1) \"id\"\n2) (integer) 5"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Mask(tt.line, tt.out), tt.line)
	}
}

func TestClientSide(t *testing.T) {
	for line, want := range map[string]bool{
		"HELP SET": true, "? get": true, ":set hints": true, "3 help": true,
		"SET help x": false, "PING": false, "": false, `"unbalanced`: false,
	} {
		assert.Equal(t, want, ClientSide(line), line)
	}
}

func TestSameUnordered(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"1) \"a\"\n2) \"b\"", "1) \"b\"\n2) \"a\"", true},
		{"1) \"0\"\n2) 1) \"x\"\n   2) \"y\"", "1) \"0\"\n2) 1) \"y\"\n   2) \"x\"", true},
		{"1) \"a\"\n2) \"b\"", "1) \"a\"\n2) \"c\"", false},
		{"1) \"a\"", "1) \"a\"\n2) \"a\"", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, SameUnordered(tt.a, tt.b), "%q vs %q", tt.a, tt.b)
	}
	assert.True(t, Unordered("SMEMBERS s"))
	assert.True(t, Unordered("PUBSUB CHANNELS"))
	assert.False(t, Unordered("PUBSUB NUMSUB a b"))
	assert.False(t, Unordered("GET k"))
}

func ExampleParse() {
	tr := Parse("> GET k\n(nil)\n")
	fmt.Printf("%q %q\n", tr.Entries[0].Line, tr.Entries[0].Want)
	// Output: "GET k" "(nil)"
}
