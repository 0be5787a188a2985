// Package persist keeps an engine's data in files: an append-only log of
// write commands in RESP, the bytes Redis writes to its AOF, and a snapshot
// the log is compacted into when it grows. It works over any hackpadfs.FS:
// memory in tests, the OS natively, IndexedDB in the browser.
//
// A generation N is a snapshot file appendonly.aof.N.base.aof (absent for
// the first generation) and the log appendonly.aof.N.incr.aof of the
// writes after it. Loading takes the highest generation with a snapshot.
// Compaction writes generation N+1's snapshot to a temporary file, renames
// it into place, starts its empty log, then removes generation N, so a
// crash at any point leaves one complete generation to load.
package persist

import (
	"redisplay/engine/resp"

	"errors"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hack-pad/hackpadfs"

	"redisplay/engine"
)

// Fsync says when written log records are synced to storage, as Redis's
// appendfsync does.
type Fsync int

// The appendfsync policies.
const (
	// FsyncEverySec writes and syncs at each Flush, which the front end
	// calls about once a second: a crash loses at most that second.
	FsyncEverySec Fsync = iota
	// FsyncAlways writes and syncs after every command.
	FsyncAlways
	// FsyncNo writes at each Flush but leaves syncing to the system.
	FsyncNo
)

// ParseFsync reads an appendfsync value: "everysec", "always" or "no".
func ParseFsync(s string) (Fsync, bool) {
	switch strings.ToLower(s) {
	case "everysec":
		return FsyncEverySec, true
	case "always":
		return FsyncAlways, true
	case "no":
		return FsyncNo, true
	}
	return 0, false
}

// DefaultRewriteSize is the log size past which the log is compacted,
// when it has also grown past the size of the snapshot it starts from
// (Redis's auto-aof-rewrite-min-size and auto-aof-rewrite-percentage 100).
const DefaultRewriteSize = 64 << 20

// Options configure Open.
type Options struct {
	// Engine configures the engine Open creates and loads.
	Engine engine.Options
	// AppendOnly logs every write; without it only SAVE, BGSAVE and
	// BGREWRITEAOF store the data (as snapshots).
	AppendOnly bool
	// Fsync is the appendfsync policy.
	Fsync Fsync
	// RewriteSize is the log size that triggers compaction
	// (DefaultRewriteSize when zero).
	RewriteSize int64
}

// Store is an engine's storage: it implements engine.Persister.
type Store struct {
	fs   hackpadfs.FS
	opts Options
	e    *engine.Engine

	// ioMu serialises file work; mu guards the fields below it. Lock
	// order: the engine's lock, then ioMu, then mu.
	ioMu sync.Mutex
	gen  int
	log  hackpadfs.File

	mu      sync.Mutex
	w       logWriter
	buf     []byte
	spare   []byte
	pending *snapshot
	broken  bool // the log may end in a torn record: compact before writing on
	// sizes of the current snapshot and of the log written so far.
	baseSize, logSize int64
	status            engine.PersistStatus
}

// snapshot is a captured dataset waiting to be written as the next
// generation, with the log bytes that still belong to the current one.
type snapshot struct {
	data    []byte
	oldTail []byte
	aof     bool
	at      int64
}

func baseName(gen int) string { return "appendonly.aof." + strconv.Itoa(gen) + ".base.aof" }
func logName(gen int) string  { return "appendonly.aof." + strconv.Itoa(gen) + ".incr.aof" }

// Open loads the data in fsys into a new engine and keeps storing its
// writes there. The Store is usable even when the error is a
// *CorruptError: the engine then holds every complete record before the
// damage, and the files have already been compacted so that new writes
// are not lost behind it (failing that, each Flush retries). Other errors
// mean the files cannot be read; the Store is nil then, and a front end
// carries on with an engine of its own, in memory.
func Open(fsys hackpadfs.FS, opts Options) (*Store, error) {
	if opts.RewriteSize <= 0 {
		opts.RewriteSize = DefaultRewriteSize
	}
	wall := opts.Engine.Clock
	if wall == nil {
		wall = time.Now
	}
	// While loading, the engine's clock is each record's own time.
	var replayAt atomic.Int64
	opts.Engine.Clock = func() time.Time {
		if ms := replayAt.Load(); ms != 0 {
			return time.UnixMilli(ms)
		}
		return wall()
	}
	e := engine.New(opts.Engine)
	s := &Store{fs: fsys, opts: opts, e: e}
	s.status.AOFEnabled = opts.AppendOnly
	s.status.LastSaveOK, s.status.LastWriteOK = true, true
	s.w.reset()

	gen, stale, err := s.scan()
	if err != nil {
		return nil, err
	}
	s.gen = gen
	r := newReplayer(e, replayAt.Store)
	var loadErr error
	for _, name := range []string{baseName(gen), logName(gen)} {
		data, err := hackpadfs.ReadFile(fsys, name)
		if errors.Is(err, hackpadfs.ErrNotExist) {
			continue
		}
		if err != nil {
			r.close()
			return nil, err
		}
		if name == baseName(gen) {
			s.baseSize = int64(len(data))
		} else {
			s.logSize = int64(len(data))
		}
		if cerr := r.load(name, data); cerr != nil {
			loadErr = cerr
			break
		}
	}
	r.close()
	replayAt.Store(0)
	e.SetClean()

	if loadErr != nil {
		// Start a new generation from what loaded, so the damaged tail
		// is gone and new writes land where they will be read.
		e.Capture(func(now int64, rewrite func(func([]string))) { s.capture(now, false, rewrite) })
		s.pending.aof = true
		s.broken = true
		// Should this fail, the snapshot stays pending and each Flush
		// tries again; the loaded data is usable meanwhile.
		s.flush()
	} else if err := s.openLog(); err != nil {
		// Writing will try to open it again; Status reports failures.
		s.status.LastWriteOK = false
	}
	for _, name := range stale {
		if name != baseName(s.gen) && name != logName(s.gen) {
			hackpadfs.Remove(fsys, name)
		}
	}
	if opts.AppendOnly {
		e.SetJournal(s.journal)
	}
	e.SetPersister(s)
	return s, loadErr
}

// scan finds the generation to load and the files of other generations
// and temporary files, to remove once loading is done.
func (s *Store) scan() (gen int, others []string, err error) {
	entries, err := hackpadfs.ReadDir(s.fs, ".")
	if err != nil {
		return 0, nil, err
	}
	bases, logs := map[int]bool{}, map[int]bool{}
	for _, ent := range entries {
		name := ent.Name()
		rest, ok := strings.CutPrefix(name, "appendonly.aof.")
		if !ok {
			continue
		}
		others = append(others, name)
		num, kind, _ := strings.Cut(rest, ".")
		n, err := strconv.Atoi(num)
		if err != nil || n < 1 {
			continue
		}
		switch kind {
		case "base.aof":
			bases[n] = true
		case "incr.aof":
			logs[n] = true
		}
	}
	for n := range bases {
		gen = max(gen, n)
	}
	if gen == 0 {
		// No snapshot yet: the first generation is a log alone.
		gen = 1
		for n := range logs {
			gen = max(gen, n)
		}
	}
	sort.Strings(others)
	return gen, others, nil
}

// openLog opens the current generation's log for appending.
func (s *Store) openLog() error {
	f, err := hackpadfs.OpenFile(s.fs, logName(s.gen), hackpadfs.FlagWriteOnly|hackpadfs.FlagAppend|hackpadfs.FlagCreate, 0o644)
	if err != nil {
		return err
	}
	s.log = f
	return nil
}

// Engine returns the engine the Store loaded and keeps.
func (s *Store) Engine() *engine.Engine { return s.e }

// journal receives each command's writes, with the engine locked.
func (s *Store) journal(ws []engine.Write) {
	s.mu.Lock()
	n := len(s.buf)
	s.buf = s.w.append(s.buf, ws)
	s.logSize += int64(len(s.buf) - n)
	s.mu.Unlock()
	if s.opts.Fsync == FsyncAlways {
		s.flush()
	}
}

// capture takes a snapshot of the dataset, with the engine locked: the log
// written so far stays with the current generation, what follows starts
// the next one.
func (s *Store) capture(now int64, aof bool, rewrite func(func([]string))) {
	data := appendTime(nil, now)
	rewrite(func(args []string) { data = resp.AppendCommand(data, args...) })
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.buf
	if s.pending != nil {
		old = append(s.pending.oldTail, old...)
	}
	s.pending = &snapshot{data: data, oldTail: old, aof: aof, at: now}
	s.buf = nil
	s.w.reset()
	s.logSize = 0
	s.status.InProgress = true
}

// Flush writes the records logged since the last Flush and syncs them
// (unless the policy is "no"), and installs a snapshot BGSAVE or
// BGREWRITEAOF captured. It also compacts the log when it has grown too
// big or a write failed. Front ends call it about once a second, and on
// shutdown or when the page is hidden. It must not be called with the
// engine locked.
func (s *Store) Flush() error {
	if err := s.flush(); err != nil {
		return err
	}
	s.mu.Lock()
	compact := s.broken || (s.opts.AppendOnly && s.logSize > s.opts.RewriteSize && s.logSize > s.baseSize)
	s.mu.Unlock()
	if !compact {
		return nil
	}
	s.e.Capture(func(now int64, rewrite func(func([]string))) { s.capture(now, true, rewrite) })
	return s.flush()
}

// flush does the file work of Flush: install a pending snapshot, then
// append the buffered records.
func (s *Store) flush() error {
	s.ioMu.Lock()
	defer s.ioMu.Unlock()
	s.mu.Lock()
	pend, buf, broken := s.pending, s.buf, s.broken
	// The spare buffer becomes the one commands append to; it must stop
	// being the spare, or a flush that writes nothing would leave the two
	// sharing memory, and the next flush would hand the journal the very
	// bytes it is writing.
	s.pending, s.buf, s.spare = nil, s.spare[:0], nil
	s.mu.Unlock()

	if pend != nil {
		if err := s.install(pend, broken); err != nil {
			s.mu.Lock()
			// Keep the snapshot for the next try unless a newer one came.
			if s.pending == nil {
				s.pending = pend
				s.buf = append(buf, s.buf...)
			} else {
				s.pending.oldTail = append(append(pend.oldTail, buf...), s.pending.oldTail...)
			}
			s.status.LastSaveOK = false
			s.mu.Unlock()
			return err
		}
		s.mu.Lock()
		s.broken = false
		s.status.LastSaveOK = true
		s.status.InProgress = s.pending != nil
		s.status.LastSave = pend.at / 1000
		if pend.aof {
			s.status.Rewrites++
		} else {
			s.status.Saves++
		}
		s.baseSize = int64(len(pend.data))
		s.mu.Unlock()
	}
	if len(buf) == 0 {
		return nil
	}
	err := s.write(buf)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.status.LastWriteOK = err == nil
	if err != nil {
		// A partial write may have left a torn record: the next Flush
		// writes a fresh generation instead of appending after it.
		s.broken = true
		return err
	}
	if cap(buf) <= 1<<20 {
		s.spare = buf[:0]
	}
	return nil
}

func (s *Store) write(b []byte) error {
	if s.log == nil {
		if err := s.openLog(); err != nil {
			return err
		}
	}
	if _, err := hackpadfs.WriteFile(s.log, b); err != nil {
		return err
	}
	if s.opts.Fsync != FsyncNo {
		return syncFile(s.log)
	}
	return nil
}

// syncFile syncs f where the file system can.
func syncFile(f hackpadfs.File) error {
	err := hackpadfs.SyncFile(f)
	if errors.Is(err, hackpadfs.ErrNotImplemented) {
		return nil
	}
	return err
}

// install writes the next generation: the current log's last records,
// the new snapshot (to a temporary file renamed into place), the new
// empty log; then it removes the old generation.
func (s *Store) install(p *snapshot, broken bool) error {
	if len(p.oldTail) > 0 && !broken {
		// The new snapshot holds these records too; writing them keeps
		// the old generation complete should the steps below fail.
		if s.write(p.oldTail) != nil {
			broken = true
		}
	}
	// Written once only, even if a later step fails and is retried.
	p.oldTail = nil
	next := s.gen + 1
	tmp := baseName(next) + ".tmp"
	if err := writeFile(s.fs, tmp, p.data); err != nil {
		hackpadfs.Remove(s.fs, tmp)
		return err
	}
	if err := hackpadfs.Rename(s.fs, tmp, baseName(next)); err != nil {
		hackpadfs.Remove(s.fs, tmp)
		return err
	}
	// From here on, generation next is the one that loads.
	old := s.gen
	if s.log != nil {
		s.log.Close()
		s.log = nil
	}
	s.gen = next
	f, err := hackpadfs.OpenFile(s.fs, logName(next), hackpadfs.FlagWriteOnly|hackpadfs.FlagAppend|hackpadfs.FlagCreate|hackpadfs.FlagTruncate, 0o644)
	if err != nil {
		return err
	}
	s.log = f
	hackpadfs.Remove(s.fs, logName(old))
	hackpadfs.Remove(s.fs, baseName(old))
	return nil
}

// writeFile writes and syncs a whole file.
func writeFile(fsys hackpadfs.FS, name string, data []byte) error {
	f, err := hackpadfs.OpenFile(fsys, name, hackpadfs.FlagWriteOnly|hackpadfs.FlagCreate|hackpadfs.FlagTruncate, 0o644)
	if err != nil {
		return err
	}
	_, err = hackpadfs.WriteFile(f, data)
	if err == nil {
		err = syncFile(f)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// Close flushes and closes the log. The engine keeps working but its
// writes are no longer stored.
func (s *Store) Close() error {
	s.e.SetJournal(nil)
	s.e.SetPersister(nil)
	err := s.Flush()
	s.ioMu.Lock()
	defer s.ioMu.Unlock()
	if s.log != nil {
		if cerr := s.log.Close(); err == nil {
			err = cerr
		}
		s.log = nil
	}
	return err
}

// Save implements engine.Persister: it writes a snapshot at once.
func (s *Store) Save(now int64, rewrite func(emit func(args []string))) error {
	s.capture(now, false, rewrite)
	return s.flush()
}

// BackgroundSave implements engine.Persister: the snapshot is captured
// now and written by the next Flush.
func (s *Store) BackgroundSave(now int64, aof bool, rewrite func(emit func(args []string))) error {
	s.capture(now, aof, rewrite)
	return nil
}

// Status implements engine.Persister.
func (s *Store) Status() engine.PersistStatus {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.status
	st.BaseSize = s.baseSize
	st.LogSize = s.baseSize + s.logSize - int64(len(s.buf))
	st.Buffered = int64(len(s.buf))
	return st
}
