package persist

import (
	"redisplay/internal/redistest"

	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hack-pad/hackpadfs/mem"
	"github.com/stretchr/testify/require"

	"redisplay/compat"
	"redisplay/engine"
)

// execer runs one command and returns its reply in RESP2 shape.
type execer func(args ...string) engine.Value

func engineExec(e *engine.Engine) (execer, func()) {
	c := e.NewClient(nil)
	return func(args ...string) engine.Value { return e.Exec(c, args).RESP2() }, c.Close
}

func redisExec(t *testing.T, addr string) execer {
	c, err := compat.Dial(addr)
	require.NoError(t, err)
	t.Cleanup(func() { c.Close() })
	return func(args ...string) engine.Value {
		v, err := c.Do(args...)
		require.NoError(t, err)
		return v
	}
}

// dataset describes every key of every database in a canonical form:
// "db key" -> "type value expiry", where sets and hashes are sorted and
// expiry is PEXPIRETIME's absolute time.
func dataset(t *testing.T, do execer) map[string]string {
	t.Helper()
	out := map[string]string{}
	for name, k := range redistest.Keyspace(do) {
		out[name] = k.Type + " [" + strings.Join(k.Value, " ") + "] " + strconv.FormatInt(k.ExpireAt, 10)
	}
	return out
}

// fakeClock is a settable clock for engines under test.
type fakeClock struct{ ms int64 }

func (c *fakeClock) now() time.Time      { return time.UnixMilli(c.ms) }
func (c *fakeClock) add(d time.Duration) { c.ms += d.Milliseconds() }

func newClock() *fakeClock { return &fakeClock{ms: 1_700_000_000_000} }

func memFS(t testing.TB) *mem.FS {
	fs, err := mem.NewFS()
	require.NoError(t, err)
	return fs
}

// open opens a store on fs at clk's time, failing the test on any error.
func open(t testing.TB, fs *mem.FS, clk *fakeClock, opts Options) *Store {
	t.Helper()
	opts.Engine.Clock = clk.now
	opts.AppendOnly = true
	s, err := Open(fs, opts)
	require.NoError(t, err)
	return s
}
