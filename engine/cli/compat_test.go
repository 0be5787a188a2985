package cli

import (
	"bytes"
	"math/rand/v2"
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
)

// realRedis is a redis-server started for one test, reached over a Unix
// socket so that no port can clash with anything else running.
type realRedis struct{ sock string }

// startRedis starts redis-server and stops it when the test ends. Without
// redis-server the test is skipped, except in CI (CI set), where it fails.
func startRedis(t *testing.T) *realRedis {
	t.Helper()
	for _, bin := range []string{"redis-server", "redis-cli"} {
		if _, err := exec.LookPath(bin); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is required in CI: %v", bin, err)
			}
			t.Skipf("%s not installed", bin)
		}
	}
	dir := t.TempDir()
	r := &realRedis{sock: filepath.Join(dir, "redis.sock")}
	cmd := exec.Command("redis-server", "--port", "0", "--unixsocket", r.sock, "--save", "", "--appendonly", "no",
		"--dir", dir, "--enable-debug-command", "yes")
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	// Wait for the socket; bounded by attempts, not by a clock.
	for i := 0; ; i++ {
		if out, err := exec.Command("redis-cli", "-s", r.sock, "ping").Output(); err == nil && string(out) == "PONG\n" {
			return r
		}
		require.Less(t, i, 500, "redis-server did not start")
		time.Sleep(10 * time.Millisecond)
	}
}

// session feeds lines to an interactive redis-cli --no-raw (reading from a
// pipe it behaves as at a terminal, minus the prompt) and returns what it
// printed for each line. A client-side command that redis-cli answers
// without the server marks the end of each line's output.
func (r *realRedis) session(t *testing.T, lines []string) []string {
	t.Helper()
	const mark = ":compat-mark"
	const marked = "unknown redis-cli internal command '" + mark + "'\n"
	var in bytes.Buffer
	for _, l := range lines {
		in.WriteString(l + "\n" + mark + "\n")
	}
	cmd := exec.Command("redis-cli", "--no-raw", "-s", r.sock)
	cmd.Stdin = &in
	out, err := cmd.Output()
	require.NoError(t, err)
	parts := strings.Split(string(out), marked)
	require.Len(t, parts, len(lines)+1, "output: %q", out)
	return parts[:len(lines)]
}

var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

// compatScripts are typed into redis-cli and into a Session; each must print
// the same. A line starting with "~" runs but its output is not compared
// (it has ids or versions in it).
var compatScripts = map[string][]string{
	"splitting": {
		`echo "a\x4g"`, `echo 'it\'s'`, `echo 'a\nb'`, `echo "a"b`, `echo "abc`, `echo 'abc`, `echo a"b c"`,
		`echo ""`, `echo "\xc3\xa9\t\\\"\a\b\x00\x7f\r\n"`, `echo "<img onerror=alert(1)>"`,
		"SET the frameworks \"angular vue react\"", "set a\"b c\" d", "get \"ab c\"", "   ",
		"echo a\vb", "echo a\vb \fc", "echo \"x\"\vy", `echo "\x4G"`, `echo "\x"`, `echo "\q"`, "echo \t\f x",
	},
	"repeat and client side": {
		"3 ping", "0 ping", "-1 ping", `"" ping`, "+2 echo x", "2 incr n", "ping 3", "restart", ":set nohints",
		":set bogus", ":bogus", "2 clear",
	},
	"errors": {
		"get", "nosuchcmd a b", "set k", "incr k2 x", "set s abc", "incr s", "lpush s x", "select 99", "select x",
		"client nosuch",
	},
	"replies": {
		"ping", "ping hello", "set foo bar", "get foo", "get nosuch", "incr n", "incrby n -10", "incrbyfloat f 1.5",
		"incrbyfloat f 0.1", "mget foo nosuch n", "append foo \"\\xff\\x00\"", "get foo", "strlen foo", "getrange foo 0 1",
		"dbsize", "setrange z 2 x", "get z",
	},
	"lists": {
		"rpush l a b c d e f g h i j k", "lrange l 0 -1", "lrange l 0 2", "lrange nosuch 0 -1", "llen l",
		"lpop l 3", "lpos l e", "lmpop 2 nosuch l LEFT COUNT 2", "lmpop 1 nosuch LEFT", "blpop l 1", "lindex l 100",
		"linsert l before nosuch x", "lset l 100 x",
	},
	"resp3": {
		"~hello 3", "rpush l a b", "lrange l 0 -1", "get nosuch", "incrbyfloat f 1.5", "lmpop 2 nosuch l LEFT COUNT 2",
		"lrange nosuch 0 -1", "command info get lpush nosuch", "command getkeys lmove a b left right",
		"~hello 2", "incrbyfloat f 1", "lrange l 0 -1", "command info get",
	},
	"resp3 maps and sets": {
		"~hello 3", "hset h a 1 b 2", "hgetall h", "hgetall nosuch", "sadd s x", "smembers s", "smembers nosuch",
		"hrandfield nosuch 2 withvalues", "~hello 2", "hgetall h", "smembers s", "hgetall nosuch", "smembers nosuch",
	},
	"help": {
		"help set", "help GET", "help @bogus", "help nosuch", "? get", "help set foo", "help",
	},
}

// clientSide lists what redis-cli answers without asking the server.
var clientSide = map[string]bool{"help": true, "?": true, "clear": true, "restart": true, "quit": true, "exit": true}

func TestCompatWithRedisCLI(t *testing.T) {
	r := startRedis(t)
	for name, lines := range compatScripts {
		t.Run(name, func(t *testing.T) {
			for _, l := range lines {
				argv, err := Split(strings.TrimPrefix(l, "~"))
				if err != nil || len(argv) == 0 {
					continue
				}
				if _, ok, valid := parseRepeat(argv[0]); ok && len(argv) > 1 {
					if !valid {
						continue
					}
					argv = argv[1:]
				}
				name := strings.ToLower(argv[0])
				// Names starting with "nosuch" are meant to be unknown.
				if !clientSide[name] && !strings.HasPrefix(name, ":") && !strings.HasPrefix(name, "nosuch") &&
					engine.Lookup(name) == nil {
					t.Skipf("the engine has no %s command yet", name)
				}
			}
			_, err := exec.Command("redis-cli", "-s", r.sock, "flushall").Output()
			require.NoError(t, err)
			typed := make([]string, len(lines))
			for i, l := range lines {
				typed[i] = strings.TrimPrefix(l, "~")
			}
			want := r.session(t, typed)

			e := engine.New(engine.Options{})
			s := NewSession(e, nil)
			defer s.Close()
			for i, l := range typed {
				got := s.Run(l)
				if strings.HasPrefix(lines[i], "~") {
					continue
				}
				w := want[i]
				if argv, _ := Split(l); len(argv) > 0 && (strings.EqualFold(argv[0], "help") || argv[0] == "?") {
					// Help is coloured and uses CRLF on the real one, and
					// its summaries are in our own words.
					w = dropSummaries(strings.ReplaceAll(ansi.ReplaceAllString(w, ""), "\r\n", "\n"))
					got = dropSummaries(got)
				}
				w = strings.TrimSuffix(w, "\n")
				assert.Equal(t, w, got, "line %q", l)
			}
		})
	}
}

func dropSummaries(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		if !strings.HasPrefix(l, "  summary: ") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestHelpMatchesRedisCLI checks, for every command the engine has, that
// redis-cli's "help" against a real Redis shows the same name, argument
// syntax, version and group as our Help: it proves both FormatArgs and the
// engine's argument trees.
func TestHelpMatchesRedisCLI(t *testing.T) {
	r := startRedis(t)
	for _, en := range entries() {
		if en.group {
			continue
		}
		t.Run(en.full, func(t *testing.T) {
			out, err := exec.Command("redis-cli", append([]string{"-s", r.sock, "help"}, en.words...)...).Output()
			require.NoError(t, err)
			real := strings.ReplaceAll(ansi.ReplaceAllString(string(out), ""), "\r\n", "\n")
			want := ""
			for _, block := range strings.Split(real, "\n\n") {
				block = strings.Trim(block, "\n")
				// A container comes before its subcommands.
				if strings.HasPrefix(block, "  "+en.full+" ") {
					want = dropSummaries(block)
					break
				}
			}
			require.NotEmpty(t, want, "Redis 7.0 has no command %s", en.full)
			got := dropSummaries(strings.Trim(help([]helpEntry{en}, en.words), "\n"))
			assert.Equal(t, want, got)
		})
	}
}

// TestSplitMatchesRedisCLI types lines of random quotes, escapes and blanks
// into redis-cli and into a Session: RPUSH stores the arguments as split
// and LRANGE shows them, so any difference in splitting shows.
func TestSplitMatchesRedisCLI(t *testing.T) {
	for _, n := range []string{"rpush", "lrange"} {
		if engine.Lookup(n) == nil {
			t.Skipf("the engine has no %s command yet", n)
		}
	}
	r := startRedis(t)
	pieces := []string{"a", "b", "x", "4", "f", "G", "n", "t", " ", "  ", "\t", "\v", "\"", "\"", "'", "'", "\\", "\\",
		"\\x", "\\x4", "\\xff", "\\'", "\\\"", "é", "\x7f", "\x01"}
	rng := rand.New(rand.NewPCG(7, 7))
	var lines []string
	for i := 0; i < 300; i++ {
		var b strings.Builder
		for j := rng.IntN(8) + 1; j > 0; j-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		key := "k" + strconv.Itoa(i)
		lines = append(lines, "rpush "+key+" "+b.String(), "lrange "+key+" 0 -1")
	}
	want := r.session(t, lines)
	s := NewSession(engine.New(engine.Options{}), nil)
	defer s.Close()
	invalid := 0
	for i, l := range lines {
		assert.Equal(t, strings.TrimSuffix(want[i], "\n"), s.Run(l), "line %q", l)
		if want[i] == msgInvalidArgs+"\n" {
			invalid++
		}
	}
	// The pieces must make both kinds of line, or the test proves little.
	t.Logf("%d of %d lines refused", invalid, len(lines)/2)
	assert.Greater(t, invalid, 30)
	assert.Less(t, invalid, 270)
}
