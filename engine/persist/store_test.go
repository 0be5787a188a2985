package persist

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hack-pad/hackpadfs"
	"github.com/hack-pad/hackpadfs/mem"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"redisplay/engine"
)

// step is one command in a scenario: run by client (0 or 1) after moving
// the clock on by advance.
type step struct {
	client  int
	advance time.Duration
	args    []string
}

func cmds(lines ...string) []step {
	var out []step
	for _, l := range lines {
		s := step{}
		if rest, ok := strings.CutPrefix(l, "+"); ok {
			d, after, _ := strings.Cut(rest, " ")
			var err error
			s.advance, err = time.ParseDuration(d)
			if err != nil {
				panic(err)
			}
			l = after
		}
		if rest, ok := strings.CutPrefix(l, "@1 "); ok {
			s.client, l = 1, rest
		}
		s.args = strings.Fields(l)
		out = append(out, s)
	}
	return out
}

// run plays steps on s's engine with two clients.
func run(s *Store, clk *fakeClock, steps []step) {
	e := s.Engine()
	clients := []*engine.Client{e.NewClient(nil), e.NewClient(func(engine.Value) {})}
	for _, st := range steps {
		clk.add(st.advance)
		e.Exec(clients[st.client], st.args)
	}
}

var scenarios = []struct {
	name  string
	steps []step
}{
	{"strings", cmds(
		"SET s1 hello", "APPEND s1 world", "INCR n", "INCRBYFLOAT f 1.5", "MSET a 1 b 2 c 3",
		"GETSET a 9", "GETDEL b", "SETRANGE s1 3 XY", "SETNX c 4", "DEL c",
	)},
	{"relative expiries become absolute", cmds(
		"SET k1 v EX 100", "SET k2 v PX 5000", "SET k3 v EXAT 1800000000", "SET k4 v PXAT 1800000000123",
		"SETEX k5 100 v", "PSETEX k6 2500 v", "SET g v", "GETEX g EX 50",
		"SET g2 v PX 100", "GETEX g2 PERSIST", "SET e v", "EXPIRE e 30", "SET pe v", "PEXPIRE pe 3000 NX",
		"SET ea v", "EXPIREAT ea 1800000000", "SET k v EX 10", "SET k v2 KEEPTTL", "+1s SET later v EX 1",
	)},
	{"keys that expired between writes", cmds(
		"SET k v PX 100", "+200ms APPEND k x",
		"RPUSH l a b", "PEXPIRE l 50", "+100ms RPUSH l c",
		"SET gone v", "EXPIRE gone -1", "APPEND gone new",
		"SET still v EX 100", "+1s APPEND still !",
	)},
	{"every type", cmds(
		"RPUSH l a b c d", "LPUSH l z", "LPOP l", "LSET l 0 A", "LINSERT l BEFORE c bb", "LTRIM l 0 3",
		"SADD s x y z 1 2", "SREM s y", "SMOVE s s2 x", "SADD ints 1 2 3",
		"HSET h f1 v1 f2 v2 f3 v3", "HDEL h f2", "HINCRBY h n 5", "HSETNX h f1 no",
		"ZADD z 1 a 2 b 0.1 c -inf lo +inf hi 1e300 big 5e-324 tiny", "ZINCRBY z 2.5 a", "ZREM z b",
		"ZADD z2 1 x 2 y 3 w", "ZPOPMIN z2", "ZUNIONSTORE zu 2 z z2", "LMOVE l l2 LEFT RIGHT",
	)},
	{"random and blocking writes are made deterministic", cmds(
		"SADD s a b c d e f g", "SPOP s", "SPOP s 3",
		"@1 BLPOP q 0", "RPUSH q x y", "@1 BRPOP q2 0", "RPUSH q2 a b",
		"@1 BLMOVE src dst LEFT RIGHT 0", "RPUSH src 1 2",
		"@1 BRPOPLPUSH src2 dst2 0", "RPUSH src2 1 2",
		"@1 BLMPOP 0 2 left right RIGHT COUNT 2", "RPUSH right 1 2 3",
		"@1 BZPOPMIN zq 0", "ZADD zq 1 a 2 b",
		"@1 BZPOPMAX zq2 0", "ZADD zq2 1 a 2 b",
		"@1 BZMPOP 0 1 zq3 MAX COUNT 5", "ZADD zq3 1 a 2 b 3 c",
		"BLPOP q 0", "RPUSH now 1", "BLPOP now 0",
	)},
	{"databases and transactions", cmds(
		"SELECT 3", "SET a 3", "SELECT 0", "SET a 0", "MOVE a 5", "SET b 1", "COPY b b2 DB 7",
		"MULTI", "INCR t", "SELECT 2", "INCR t", "GET t", "EXPIRE t 100", "EXEC",
		"SET c 1", "SWAPDB 0 9", "SELECT 9", "FLUSHDB", "SET after flush",
		"@1 SELECT 4", "@1 SET x y", "SET y z",
	)},
	{"flushall", cmds("SET a 1", "SELECT 1", "SET b 2", "FLUSHALL", "SET c 3")},
}

// TestReload writes each scenario through a store, reopens the files in a
// new engine and requires the same data, including absolute expiry times.
func TestReload(t *testing.T) {
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			fs, clk := memFS(t), newClock()
			s := open(t, fs, clk, Options{})
			run(s, clk, sc.steps)
			do, done := engineExec(s.Engine())
			want := dataset(t, do)
			done()
			require.NoError(t, s.Close())

			clk.add(time.Hour) // reloading later must not change what loads
			s2 := open(t, fs, clk, Options{})
			clk.ms -= time.Hour.Milliseconds()
			do2, done2 := engineExec(s2.Engine())
			defer done2()
			assert.Equal(t, want, dataset(t, do2))

			log, err := hackpadfs.ReadFile(fs, logName(1))
			require.NoError(t, err)
			for _, rel := range []string{"SETEX", "PSETEX", "GETEX", "BLPOP", "BRPOP", "BLMOVE", "BLMPOP", "BZPOPMIN", "BZMPOP", "SPOP", "\r\nEXPIRE\r\n", "\r\nPEXPIRE\r\n", "\r\nEX\r\n", "\r\nPX\r\n", "\r\nEXAT\r\n"} {
				assert.False(t, strings.Contains(strings.ToUpper(string(log)), rel), "the log keeps a nondeterministic form %q", rel)
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	const now = 1_700_000_000_000
	bulk := engine.Bulk
	tests := []struct {
		args  string
		reply engine.Value
		want  []string
	}{
		{"SET k v", engine.OK, []string{"SET k v"}},
		{"set k v ex 10 get", engine.Null, []string{"set k v PXAT 1700000010000 get"}},
		{"SET k v NX PX 250", engine.OK, []string{"SET k v NX PXAT 1700000000250"}},
		{"SET k v EXAT 1800000000", engine.OK, []string{"SET k v PXAT 1800000000000"}},
		{"SET k v PXAT 5", engine.OK, []string{"SET k v PXAT 5"}},
		{"SETEX k 10 v", engine.OK, []string{"SET k v PXAT 1700000010000"}},
		{"PSETEX k 10 v", engine.OK, []string{"SET k v PXAT 1700000000010"}},
		{"EXPIRE k 10 GT", engine.Int(1), []string{"PEXPIREAT k 1700000010000 GT"}},
		{"expire k -10", engine.Int(1), []string{"PEXPIREAT k 1699999990000"}},
		{"PEXPIRE k 10", engine.Int(1), []string{"PEXPIREAT k 1700000000010"}},
		{"EXPIREAT k 10", engine.Int(1), []string{"PEXPIREAT k 10000"}},
		{"PEXPIREAT k 10 XX", engine.Int(1), []string{"PEXPIREAT k 10 XX"}},
		{"GETEX k EX 1", bulk("v"), []string{"PEXPIREAT k 1700000001000"}},
		{"GETEX k PXAT 7", bulk("v"), []string{"PEXPIREAT k 7"}},
		{"GETEX k PERSIST", bulk("v"), []string{"PERSIST k"}},
		{"SPOP s", bulk("m"), []string{"SREM s m"}},
		{"SPOP s 2", engine.Set(bulk("a"), bulk("b")), []string{"SREM s a b"}},
		{"BLPOP a b 0", engine.Array(bulk("b"), bulk("x")), []string{"LPOP b"}},
		{"BRPOP a 0", engine.Array(bulk("a"), bulk("x")), []string{"RPOP a"}},
		{"BZPOPMAX z 0", engine.Array(bulk("z"), bulk("m"), engine.Double(1)), []string{"ZPOPMAX z"}},
		{"BLMOVE a b LEFT RIGHT 0", bulk("x"), []string{"LMOVE a b LEFT RIGHT"}},
		{"BRPOPLPUSH a b 0", bulk("x"), []string{"RPOPLPUSH a b"}},
		{"BLMPOP 0 2 left right RIGHT COUNT 3", engine.Array(bulk("left"), engine.Array(bulk("1"), bulk("2"))), []string{"RPOP left 2"}},
		{"BZMPOP 1 1 z MIN", engine.Array(bulk("z"), engine.Array(engine.Array(bulk("m"), engine.Double(1)))), []string{"ZPOPMIN z 1"}},
	}
	for _, tt := range tests {
		t.Run(tt.args, func(t *testing.T) {
			var got []string
			for _, a := range deterministic(engine.Write{Args: strings.Fields(tt.args), Reply: tt.reply, Now: now}) {
				got = append(got, strings.Join(a, " "))
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestLogFormat checks the bytes: RESP arrays, SELECT when the database
// changes, a time annotation when the time does, MULTI/EXEC around a
// transaction.
func TestLogFormat(t *testing.T) {
	fs, clk := memFS(t), newClock()
	s := open(t, fs, clk, Options{})
	run(s, clk, cmds("SET a 1", "SET b 2", "+5ms SELECT 1", "SET c 3", "MULTI", "INCR n", "SELECT 0", "DEL a", "EXEC", "GET b"))
	require.NoError(t, s.Flush())
	log, err := hackpadfs.ReadFile(fs, logName(1))
	require.NoError(t, err)
	assert.Equal(t, "#T:1700000000000\r\n*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*3\r\n$3\r\nSET\r\n$1\r\na\r\n$1\r\n1\r\n"+
		"*3\r\n$3\r\nSET\r\n$1\r\nb\r\n$1\r\n2\r\n"+
		"#T:1700000000005\r\n*2\r\n$6\r\nSELECT\r\n$1\r\n1\r\n*3\r\n$3\r\nSET\r\n$1\r\nc\r\n$1\r\n3\r\n"+
		"*1\r\n$5\r\nMULTI\r\n*2\r\n$4\r\nINCR\r\n$1\r\nn\r\n*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*2\r\n$3\r\nDEL\r\n$1\r\na\r\n*1\r\n$4\r\nEXEC\r\n",
		string(log))
}

func TestUnloadableCommandsAreNotLogged(t *testing.T) {
	var w logWriter
	w.reset()
	b := w.append(nil, []engine.Write{{Args: []string{"PUBLISH", "c", "m"}}, {Args: []string{"SET", "k", "v"}}})
	assert.Equal(t, "*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n", string(b))
}

// TestBurstIsBatched: ten thousand commands between two Flushes are one
// file write, not ten thousand.
func TestBurstIsBatched(t *testing.T) {
	fs, clk := memFS(t), newClock()
	cfs := &countFS{FS: fs}
	clk2 := clk
	s, err := Open(cfs, Options{AppendOnly: true, Engine: engine.Options{Clock: clk2.now}})
	require.NoError(t, err)
	e := s.Engine()
	c := e.NewClient(nil)
	for i := 0; i < 10_000; i++ {
		e.Exec(c, []string{"INCR", "n"})
	}
	require.NoError(t, s.Flush())
	assert.Equal(t, 1, cfs.writes)
	require.NoError(t, s.Flush())
	assert.Equal(t, 1, cfs.writes, "nothing new, nothing written")

	always, err := Open(memFS(t), Options{AppendOnly: true, Fsync: FsyncAlways})
	require.NoError(t, err)
	c2 := always.Engine().NewClient(nil)
	always.Engine().Exec(c2, []string{"SET", "k", "v"})
	assert.Equal(t, int64(0), always.Status().Buffered, "appendfsync always writes at once")
}

// countFS counts writes to files opened through it.
type countFS struct {
	*mem.FS
	writes int
}

func (c *countFS) OpenFile(name string, flag int, perm hackpadfs.FileMode) (hackpadfs.File, error) {
	f, err := c.FS.OpenFile(name, flag, perm)
	if err != nil {
		return nil, err
	}
	return &countFile{f.(rwFile), c}, nil
}

type rwFile interface {
	hackpadfs.File
	Write([]byte) (int, error)
}

type countFile struct {
	rwFile
	fs *countFS
}

func (f *countFile) Write(p []byte) (int, error) {
	f.fs.writes++
	return f.rwFile.Write(p)
}

func TestNotAppendOnly(t *testing.T) {
	fs, clk := memFS(t), newClock()
	s, err := Open(fs, Options{Engine: engine.Options{Clock: clk.now}})
	require.NoError(t, err)
	e := s.Engine()
	c := e.NewClient(nil)
	e.Exec(c, []string{"SET", "a", "1"})
	require.NoError(t, s.Flush())
	_, err = hackpadfs.Stat(fs, baseName(2))
	assert.True(t, errors.Is(err, hackpadfs.ErrNotExist), "no snapshot before SAVE")
	assert.Equal(t, engine.OK, e.Exec(c, []string{"SAVE"}))
	e.Exec(c, []string{"SET", "b", "2"}) // not saved
	require.NoError(t, s.Close())

	s2, err := Open(fs, Options{Engine: engine.Options{Clock: clk.now}})
	require.NoError(t, err)
	do, done := engineExec(s2.Engine())
	defer done()
	assert.Equal(t, map[string]string{`0 "a"`: `string ["1"] -1`}, dataset(t, do))
}
