package persist

import (
	"redisplay/engine/resp"

	"errors"
	"sort"
	"strconv"
	"testing"

	"github.com/hack-pad/hackpadfs"
	"github.com/hack-pad/hackpadfs/mem"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"redisplay/engine"
)

func fileNames(t *testing.T, fs hackpadfs.FS) []string {
	entries, err := hackpadfs.ReadDir(fs, ".")
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

// clone copies the files of fs, so a test can load them without the
// loader's clean-up touching the original.
func clone(t *testing.T, fs *mem.FS) *mem.FS {
	c := memFS(t)
	for _, name := range fileNames(t, fs) {
		data, err := hackpadfs.ReadFile(fs, name)
		require.NoError(t, err)
		require.NoError(t, hackpadfs.WriteFullFile(c, name, data, 0o644))
	}
	return c
}

func reload(t *testing.T, fs hackpadfs.FS, clk *fakeClock) map[string]string {
	t.Helper()
	s, err := Open(fs, Options{AppendOnly: true, Engine: engine.Options{Clock: clk.now}})
	var cerr *CorruptError
	if err != nil && !errors.As(err, &cerr) {
		require.NoError(t, err)
	}
	do, done := engineExec(s.Engine())
	defer done()
	return dataset(t, do)
}

// TestCompaction: past RewriteSize the log becomes a snapshot plus an
// empty log, in a new generation, and the data reloads the same.
func TestCompaction(t *testing.T) {
	fs, clk := memFS(t), newClock()
	s := open(t, fs, clk, Options{RewriteSize: 2000})
	e := s.Engine()
	c := e.NewClient(nil)
	for i := 0; i < 300; i++ {
		e.Exec(c, []string{"RPUSH", "l", strconv.Itoa(i)})
		e.Exec(c, []string{"SET", "k" + strconv.Itoa(i%7), strconv.Itoa(i), "PX", "100000"})
		if i%50 == 49 {
			require.NoError(t, s.Flush())
		}
	}
	require.NoError(t, s.Flush())
	st := s.Status()
	assert.Positive(t, st.Rewrites)
	assert.Less(t, st.LogSize-st.BaseSize, int64(2000)+4000)
	do, done := engineExec(e)
	want := dataset(t, do)
	done()
	names := fileNames(t, fs)
	require.Len(t, names, 2)
	assert.Equal(t, baseName(s.gen), names[0])
	assert.Equal(t, logName(s.gen), names[1])
	require.NoError(t, s.Close())
	assert.Equal(t, want, reload(t, fs, clk))
}

func TestPersistenceCommands(t *testing.T) {
	fs, clk := memFS(t), newClock()
	s := open(t, fs, clk, Options{})
	e := s.Engine()
	c := e.NewClient(nil)
	info := func() string { return e.Exec(c, []string{"INFO", "persistence"}).Str }
	assert.Contains(t, info(), "aof_enabled:1\r\n")
	e.Exec(c, []string{"SET", "a", "1"})
	assert.Contains(t, info(), "rdb_changes_since_last_save:1\r\n")
	assert.Equal(t, engine.Int(clk.ms/1000), e.Exec(c, []string{"LASTSAVE"}))

	clk.add(5e9) // 5 s
	assert.Equal(t, engine.Simple("Background saving started"), e.Exec(c, []string{"BGSAVE"}))
	assert.Contains(t, info(), "rdb_bgsave_in_progress:1\r\n")
	assert.Contains(t, info(), "rdb_changes_since_last_save:0\r\n")
	require.NoError(t, s.Flush())
	assert.Contains(t, info(), "rdb_bgsave_in_progress:0\r\n")
	assert.Contains(t, info(), "rdb_saves:1\r\n")
	assert.Equal(t, engine.Int(clk.ms/1000), e.Exec(c, []string{"LASTSAVE"}))
	assert.Equal(t, []string{baseName(2), logName(2)}, fileNames(t, fs))

	assert.Equal(t, engine.Simple("Background saving started"), e.Exec(c, []string{"BGSAVE", "schedule"}))
	assert.Equal(t, engine.Err("ERR syntax error"), e.Exec(c, []string{"BGSAVE", "now"}))
	assert.Equal(t, engine.Simple("Background append only file rewriting started"), e.Exec(c, []string{"BGREWRITEAOF"}))
	require.NoError(t, s.Flush())
	assert.Contains(t, info(), "aof_rewrites:1\r\n")
	e.Exec(c, []string{"SET", "b", "2"})
	assert.Equal(t, engine.OK, e.Exec(c, []string{"SAVE"}))
	// The BGSAVEs and the BGREWRITEAOF before one Flush make one snapshot.
	assert.Contains(t, info(), "rdb_saves:2\r\n")
	assert.Equal(t, []string{baseName(4), logName(4)}, fileNames(t, fs))
	require.NoError(t, s.Close())
	assert.Len(t, reload(t, fs, clk), 2)
}

// failFS is a file system that dies: from the n-th change on (a write, a
// rename, a removal, a file opened for writing) every change fails, and
// the failing write writes only half its bytes, as a killed process
// leaves a file.
type failFS struct {
	*mem.FS
	ops, failAt int
}

func (f *failFS) change() bool {
	f.ops++
	return f.failAt > 0 && f.ops >= f.failAt
}

var errDead = errors.New("simulated crash")

func (f *failFS) OpenFile(name string, flag int, perm hackpadfs.FileMode) (hackpadfs.File, error) {
	if flag != hackpadfs.FlagReadOnly && f.change() {
		return nil, errDead
	}
	file, err := f.FS.OpenFile(name, flag, perm)
	if err != nil {
		return nil, err
	}
	return &failFile{file.(rwFile), f}, nil
}

func (f *failFS) Rename(oldname, newname string) error {
	if f.change() {
		return errDead
	}
	return f.FS.Rename(oldname, newname)
}

func (f *failFS) Remove(name string) error {
	if f.change() {
		return errDead
	}
	return f.FS.Remove(name)
}

type failFile struct {
	rwFile
	fs *failFS
}

func (f *failFile) Write(p []byte) (int, error) {
	if f.fs.change() {
		n, _ := f.rwFile.Write(p[:len(p)/2])
		return n, errDead
	}
	return f.rwFile.Write(p)
}

// TestCrashDuringCompaction makes the storage fail at every step of a
// compaction in turn, then loads what the files hold, as a restart after
// a crash would: always the data up to a command boundary, never less
// than what was flushed before. A store that survives the failure retries
// and ends up with everything.
func TestCrashDuringCompaction(t *testing.T) {
	for failAt := 1; ; failAt++ {
		base, clk := memFS(t), newClock()
		fs := &failFS{FS: base}
		s, err := Open(fs, Options{AppendOnly: true, Engine: engine.Options{Clock: clk.now}})
		require.NoError(t, err)
		e := s.Engine()
		c := e.NewClient(nil)
		do, done := engineExec(e)
		var states []map[string]string
		step := func(args ...string) {
			e.Exec(c, args)
			states = append(states, dataset(t, do))
		}
		step("RPUSH", "l", "a", "b")
		step("SET", "k", "v", "PX", "60000")
		require.NoError(t, s.Flush())
		flushed := len(states) // states[flushed-1] is durable

		fs.failAt = fs.ops + failAt
		step("RPUSH", "l", "c")             // logged before the snapshot
		e.Exec(c, []string{"BGREWRITEAOF"}) // captured here
		step("SADD", "s", "m")              // logged after it
		flushErr := s.Flush()
		completed := flushErr == nil && fs.ops < fs.failAt
		done()

		got := reload(t, clone(t, base), clk)
		idx := -1
		for i, st := range states {
			if assert.ObjectsAreEqual(st, got) {
				idx = i
			}
		}
		require.GreaterOrEqual(t, idx, flushed-1, "fail at step %d: lost flushed data or loaded a state that never was: %v", failAt, got)

		// A retry that fails too must not make things worse.
		for _, again := range []int{2, 1, 3} {
			fs.failAt = fs.ops + again
			s.Flush()
			got = reload(t, clone(t, base), clk)
			idx = -1
			for i, st := range states {
				if assert.ObjectsAreEqual(st, got) {
					idx = i
				}
			}
			require.GreaterOrEqual(t, idx, flushed-1, "fail at step %d, then %d: %v", failAt, again, got)
		}

		// Without a crash, the store recovers at the next Flush.
		fs.failAt = 0
		require.NoError(t, s.Flush(), "fail at step %d", failAt)
		require.NoError(t, s.Close())
		assert.Equal(t, states[len(states)-1], reload(t, base, clk), "fail at step %d, then recovered", failAt)
		if completed {
			t.Logf("a compaction takes %d storage changes", failAt-1)
			assert.Greater(t, failAt, 3, "the compaction has several steps")
			return
		}
		require.Less(t, failAt, 50)
	}
}

// TestConcurrentFlushes runs writers, snapshots and a flushing goroutine
// at once (run it with -race): the reloaded data is the final data.
func TestConcurrentFlushes(t *testing.T) {
	fs, clk := memFS(t), newClock()
	s, err := Open(fs, Options{AppendOnly: true, RewriteSize: 3000})
	require.NoError(t, err)
	e := s.Engine()
	stop := make(chan struct{})
	flushed := make(chan struct{})
	go func() {
		defer close(flushed)
		for {
			select {
			case <-stop:
				return
			default:
				assert.NoError(t, s.Flush())
			}
		}
	}()
	done := make(chan struct{})
	for w := 0; w < 3; w++ {
		go func(w int) {
			c := e.NewClient(nil)
			for i := 0; i < 300; i++ {
				e.Exec(c, []string{"RPUSH", "l" + strconv.Itoa(w), strconv.Itoa(i)})
				switch i % 100 {
				case 10:
					e.Exec(c, []string{"BGREWRITEAOF"})
				case 50:
					e.Exec(c, []string{"SAVE"})
				}
			}
			done <- struct{}{}
		}(w)
	}
	for w := 0; w < 3; w++ {
		<-done
	}
	close(stop)
	<-flushed
	do, closeClient := engineExec(e)
	want := dataset(t, do)
	closeClient()
	require.NoError(t, s.Close())
	assert.Equal(t, want, reload(t, fs, clk))
	assert.Len(t, want, 3)
}

// TestRepairRetried: when the storage fails while repairing a damaged log
// at Open, the loaded data is still there and a later Flush repairs it.
func TestRepairRetried(t *testing.T) {
	base, clk := memFS(t), newClock()
	good := resp.AppendCommand(nil, "SET", "a", "1")
	require.NoError(t, hackpadfs.WriteFullFile(base, logName(1), append(good, "*2\r\n$3"...), 0o644))
	fs := &failFS{FS: base, failAt: 1}
	s, err := Open(fs, Options{AppendOnly: true, Engine: engine.Options{Clock: clk.now}})
	var cerr *CorruptError
	require.True(t, errors.As(err, &cerr))
	require.NotNil(t, s)
	c := s.Engine().NewClient(nil)
	assert.Equal(t, engine.Bulk("1"), s.Engine().Exec(c, []string{"GET", "a"}))
	s.Engine().Exec(c, []string{"SET", "b", "2"})
	assert.Error(t, s.Flush())
	assert.True(t, s.Status().InProgress)

	fs.failAt = 0
	require.NoError(t, s.Flush())
	require.NoError(t, s.Close())
	assert.Equal(t, map[string]string{`0 "a"`: `string ["1"] -1`, `0 "b"`: `string ["2"] -1`}, reload(t, base, clk))
	assert.Equal(t, []string{baseName(2), logName(2)}, fileNames(t, base))
}
