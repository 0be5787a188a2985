package persist

import (
	"redisplay/engine/resp"

	"errors"
	"strings"
	"testing"

	"github.com/hack-pad/hackpadfs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"redisplay/engine"
)

// history writes steps one by one through a store, flushing after each,
// and returns the log, the log size after each step and the dataset after
// each step (index 0: before any).
func history(t *testing.T, steps []step) (log []byte, ends []int, states []map[string]string) {
	fs, clk := memFS(t), newClock()
	s := open(t, fs, clk, Options{})
	do, done := engineExec(s.Engine())
	defer done()
	states = append(states, dataset(t, do))
	ends = append(ends, 0)
	for _, st := range steps {
		run(s, clk, []step{st})
		require.NoError(t, s.Flush())
		info, err := hackpadfs.Stat(fs, logName(1))
		require.NoError(t, err)
		if int(info.Size()) == ends[len(ends)-1] {
			continue // a read or a queued command: no new state
		}
		ends = append(ends, int(info.Size()))
		states = append(states, dataset(t, do))
	}
	log, err := hackpadfs.ReadFile(fs, logName(1))
	require.NoError(t, err)
	return log, ends, states
}

// loadBytes opens a store whose only file is a log holding data.
func loadBytes(t *testing.T, data []byte) (*Store, map[string]string, error) {
	fs, clk := memFS(t), newClock()
	require.NoError(t, hackpadfs.WriteFullFile(fs, logName(1), data, 0o644))
	s, err := Open(fs, Options{AppendOnly: true, Engine: engine.Options{Clock: clk.now}})
	require.NotNil(t, s, "a damaged log still gives a usable store (%v)", err)
	do, done := engineExec(s.Engine())
	defer done()
	return s, dataset(t, do), err
}

var tailSteps = cmds(
	"SET a 1", "RPUSH l x y z", "SET t v PX 500", "SADD s m1 m2", "SELECT 2", "HSET h f v",
	"MULTI", "INCR n", "SELECT 0", "INCR n", "EXEC", "DEL a", "ZADD z 1.5 m", "SET b 2",
)

// TestTruncatedTail cuts the log at every byte, as a process killed while
// writing would: what loads is exactly the state after the last complete
// command (a transaction counts as one), and the rest is reported.
func TestTruncatedTail(t *testing.T) {
	log, ends, states := history(t, tailSteps)
	require.Greater(t, len(states), 10)
	for cut := 0; cut <= len(log); cut++ {
		i := 0
		for i+1 < len(ends) && ends[i+1] <= cut {
			i++
		}
		_, got, err := loadBytes(t, log[:cut])
		require.Equal(t, states[i], got, "cut at %d of %d", cut, len(log))
		if cut == ends[i] {
			require.NoError(t, err, "cut at %d", cut)
			continue
		}
		if err == nil {
			// Cut after a whole SELECT or time annotation.
			continue
		}
		var cerr *CorruptError
		require.True(t, errors.As(err, &cerr), "cut at %d: %v", cut, err)
		assert.Equal(t, logName(1), cerr.File)
		assert.GreaterOrEqual(t, cerr.Offset, int64(ends[i]))
		assert.Equal(t, int64(cut)-cerr.Offset, cerr.Dropped)
	}
}

// TestCorruptByte damages one byte anywhere in the log: loading never
// panics, and when the damage is to the framing (the array and bulk
// headers, the line ends) what loads is one of the states the log went
// through. A changed digit in a value or a time may load a state that
// never was, which no format without checksums can notice.
func TestCorruptByte(t *testing.T) {
	log, _, states := history(t, tailSteps)
	for i := 0; i < len(log); i++ {
		for _, b := range []byte{'x', '*', '$', '\n', '9'} {
			if log[i] == b {
				continue
			}
			bad := append([]byte(nil), log...)
			bad[i] = b
			_, got, _ := loadBytes(t, bad)
			if b != 'x' || !strings.ContainsRune("*$\r\n#", rune(log[i])) {
				continue
			}
			found := false
			for _, st := range states {
				found = found || assert.ObjectsAreEqual(st, got)
			}
			assert.True(t, found, "byte %d (%q) set to %q: not a prefix", i, log[i], b)
		}
	}
}

func TestUnfinishedTransactionIsDropped(t *testing.T) {
	log := string(resp.AppendCommand(nil, "SET", "a", "1")) + string(resp.AppendCommand(nil, "MULTI")) +
		string(resp.AppendCommand(nil, "SET", "b", "2")) + string(resp.AppendCommand(nil, "SET", "c", "3"))
	_, got, err := loadBytes(t, []byte(log))
	assert.Equal(t, map[string]string{`0 "a"`: `string ["1"] -1`}, got)
	var cerr *CorruptError
	require.True(t, errors.As(err, &cerr))
	assert.Equal(t, int64(len(resp.AppendCommand(nil, "SET", "a", "1"))), cerr.Offset)
	assert.Equal(t, "unfinished transaction", cerr.Reason)
}

func TestForeignRecords(t *testing.T) {
	tests := []struct {
		name, log, reason string
		keys              int
	}{
		{"garbage", "*3\r\n$3\r\nSET\r\n$1\r\na\r\n$1\r\n1\r\nhello", errFormat, 1},
		{"unknown command", "*3\r\n$3\r\nSET\r\n$1\r\na\r\n$1\r\n1\r\n*1\r\n$4\r\nNOPE\r\n", `unexpected command "NOPE"`, 1},
		{"blocking command", "*3\r\n$5\r\nBLPOP\r\n$1\r\nq\r\n$1\r\n0\r\n", `unexpected command "BLPOP"`, 0},
		{"client state", "*2\r\n$9\r\nSUBSCRIBE\r\n$1\r\nc\r\n", `unexpected command "SUBSCRIBE"`, 0},
		{"nested multi", "*1\r\n$5\r\nMULTI\r\n*1\r\n$5\r\nMULTI\r\n", "nested MULTI", 0},
		{"exec alone", "*1\r\n$4\r\nEXEC\r\n", "EXEC without MULTI", 0},
		{"huge length", "*3\r\n$3\r\nSET\r\n$1\r\na\r\n$99999999999\r\n", errFormat, 0},
		{"negative length", "*-1\r\n", errFormat, 0},
		{"empty array", "*0\r\n", errFormat, 0},
		{"bad bulk end", "*1\r\n$4\r\nPINGxx", errFormat, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got, err := loadBytes(t, []byte(tt.log))
			assert.Len(t, got, tt.keys)
			var cerr *CorruptError
			require.True(t, errors.As(err, &cerr), "%v", err)
			assert.Equal(t, tt.reason, cerr.Reason)
		})
	}
}

// TestCorruptLoadIsRepaired: after loading a damaged log the store starts
// a clean generation, so writes made after it load next time.
func TestCorruptLoadIsRepaired(t *testing.T) {
	fs, clk := memFS(t), newClock()
	good := string(resp.AppendCommand(nil, "SET", "a", "1"))
	require.NoError(t, hackpadfs.WriteFullFile(fs, logName(1), []byte(good+"*3\r\n$3\r\nSET\r\n$1"), 0o644))
	s, err := Open(fs, Options{AppendOnly: true, Engine: engine.Options{Clock: clk.now}})
	require.Error(t, err)
	c := s.Engine().NewClient(nil)
	s.Engine().Exec(c, []string{"SET", "b", "2"})
	require.NoError(t, s.Close())

	s2 := open(t, fs, clk, Options{})
	do, done := engineExec(s2.Engine())
	defer done()
	assert.Equal(t, map[string]string{`0 "a"`: `string ["1"] -1`, `0 "b"`: `string ["2"] -1`}, dataset(t, do))
	entries, err := hackpadfs.ReadDir(fs, ".")
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	assert.Equal(t, []string{baseName(2), logName(2)}, names)
}

func TestImport(t *testing.T) {
	e := engine.New(engine.Options{})
	data := string(resp.AppendCommand(nil, "SELECT", "1")) + string(resp.AppendCommand(nil, "RPUSH", "l", "a", "b"))
	n, err := Import(e, []byte(data+"*2\r\n$3\r\nDEL"))
	assert.Equal(t, 2, n)
	require.Error(t, err)
	c := e.NewClient(nil)
	e.Exec(c, []string{"SELECT", "1"})
	assert.Equal(t, engine.Int(2), e.Exec(c, []string{"LLEN", "l"}))
}

// FuzzLoad feeds arbitrary bytes as a log: loading never panics, and what
// loads is what the undamaged prefix alone loads, without error.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(""))
	f.Add([]byte("#T:1700000000000\r\n*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*3\r\n$3\r\nSET\r\n$1\r\na\r\n$1\r\n1\r\n"))
	f.Add([]byte("*1\r\n$5\r\nMULTI\r\n*2\r\n$4\r\nINCR\r\n$1\r\nn\r\n*1\r\n$4\r\nEXEC\r\n"))
	f.Add([]byte("*4\r\n$5\r\nRPUSH\r\n$1\r\nl\r\n$1\r\na\r\n$1\r\nb\r\n*3\r\n$9\r\nPEXPIREAT\r\n$1\r\nl\r\n$1\r\n1\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, got, err := loadBytes(t, data)
		if err == nil {
			return
		}
		var cerr *CorruptError
		require.True(t, errors.As(err, &cerr), "%v", err)
		require.True(t, cerr.Offset >= 0 && cerr.Offset <= int64(len(data)))
		require.Equal(t, int64(len(data))-cerr.Offset, cerr.Dropped)
		_, prefix, perr := loadBytes(t, data[:cerr.Offset])
		require.NoError(t, perr)
		require.Equal(t, prefix, got)
	})
}
