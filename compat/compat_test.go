package compat

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"redisplay/engine"
	"redisplay/engine/cli"
)

const goldenDir = "../testdata/compat"

// update rewrites the transcripts from the real redis-server's output.
var update = os.Getenv("UPDATE_GOLDEN") != ""

func transcripts(t *testing.T) []string {
	files, err := filepath.Glob(filepath.Join(goldenDir, "*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, files, "no transcripts in %s", goldenDir)
	return files
}

func requireRedis(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("redis-server"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("redis-server is required in CI: %v", err)
		}
		t.Skip("redis-server is not installed (Debian: apt-get install redis-server); skipping the real-Redis transcripts")
	}
}

// TestRealRedis replays every transcript against a fresh redis-server,
// proving the transcripts are what Redis 7 really prints. With
// UPDATE_GOLDEN=1 it rewrites them from that output instead.
func TestRealRedis(t *testing.T) {
	requireRedis(t)
	for _, file := range transcripts(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			t.Parallel()
			addr := startRedis(t)
			tr := load(t, file)
			got := replayWire(t, addr, file, tr, !update)
			if update {
				for i := range tr.Entries {
					if !ClientSide(tr.Entries[i].Line) {
						tr.Entries[i].Want = got[i]
					}
				}
				require.NoError(t, os.WriteFile(file, []byte(tr.String()), 0o644))
			}
		})
	}
}

// TestEngine replays every transcript through engine/cli on a fresh engine,
// as the browser terminal runs it.
func TestEngine(t *testing.T) {
	for _, file := range transcripts(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			t.Parallel()
			tr := load(t, file)
			s := cli.NewSession(engine.New(engine.Options{}), nil)
			defer s.Close()
			for _, e := range tr.Entries {
				requireSame(t, file, e, s.Run(e.Line))
			}
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
			replayWire(t, addr, file, load(t, file), true)
		})
	}
}

func load(t *testing.T, file string) Transcript {
	b, err := os.ReadFile(file)
	require.NoError(t, err)
	return Parse(string(b))
}

// replayWire sends FLUSHALL and then every entry over one connection,
// returning what redis-cli would print for each; check compares with the
// file as it goes. Client-side lines (HELP, ...) are skipped and yield the
// file's own text.
func replayWire(t *testing.T, addr, file string, tr Transcript, check bool) []string {
	c, err := Dial(addr)
	require.NoError(t, err)
	defer c.Close()
	v, err := c.Do("FLUSHALL")
	require.NoError(t, err)
	require.Equal(t, engine.OK, v)
	got := make([]string, len(tr.Entries))
	for i, e := range tr.Entries {
		if ClientSide(e.Line) {
			got[i] = e.Want
			continue
		}
		got[i], err = c.Run(e.Line)
		require.NoError(t, err, "%s:%d: > %s", file, e.LineNo, e.Line)
		if check {
			requireSame(t, file, e, got[i])
		}
	}
	return got
}

// requireSame checks one command's output against the transcript, ignoring
// the order of lines where Redis leaves the order free.
func requireSame(t *testing.T, file string, e Entry, got string) {
	t.Helper()
	if got != e.Want && Unordered(e.Line) && SameUnordered(e.Want, got) {
		return
	}
	assert.Equal(t, e.Want, got, "%s:%d: > %s", file, e.LineNo, e.Line)
}

// startRedis starts a redis-server on a free loopback port for the test.
func startRedis(t *testing.T) string {
	dir := t.TempDir()
	for attempt := 0; ; attempt++ {
		port := freePort(t)
		cmd := exec.Command("redis-server", "--port", strconv.Itoa(port), "--bind", "127.0.0.1",
			"--save", "", "--appendonly", "no", "--dir", dir)
		require.NoError(t, cmd.Start())
		addr := "127.0.0.1:" + strconv.Itoa(port)
		exited := make(chan struct{})
		go func() { cmd.Wait(); close(exited) }()
		if waitReady(addr, exited) {
			t.Cleanup(func() {
				cmd.Process.Kill()
				<-exited
			})
			return addr
		}
		cmd.Process.Kill()
		<-exited
		// Most likely another process took the port meanwhile.
		require.Less(t, attempt, 5, "redis-server did not start")
	}
}

// waitReady polls addr until it answers PING or the process exits.
func waitReady(addr string, exited <-chan struct{}) bool {
	for i := 0; i < 500; i++ {
		select {
		case <-exited:
			return false
		default:
		}
		if c, err := Dial(addr); err == nil {
			v, err := c.Do("PING")
			c.Close()
			if err == nil && v.Str == "PONG" {
				return true
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	return false
}

func freePort(t *testing.T) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
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
	assert.False(t, Unordered("GET k"))
}

func ExampleParse() {
	tr := Parse("> GET k\n(nil)\n")
	fmt.Printf("%q %q\n", tr.Entries[0].Line, tr.Entries[0].Want)
	// Output: "GET k" "(nil)"
}
