package engine

import (
	"strconv"
	"strings"
)

var persistenceCommands = []*Command{
	{
		Name: "save", Arity: 1, Flags: []string{"admin", "noscript", "no_async_loading", "no_multi"}, ACL: []string{"admin", "slow", "dangerous"},
		FirstKey: 0, LastKey: 0, Step: 0,
		Group: "server", Since: "1.0.0",
		Complexity: "O(N) where N is the total number of keys in all databases",
		Summary:    "Writes a snapshot of every database to storage and waits until it is done.",
		Run:        cmdSave,
	},
	{
		Name: "bgsave", Arity: -1, Flags: []string{"admin", "noscript", "no_async_loading"}, ACL: []string{"admin", "slow", "dangerous"},
		FirstKey: 0, LastKey: 0, Step: 0,
		Group: "server", Since: "1.0.0",
		Complexity: "O(1)",
		Summary:    "Starts writing a snapshot of every database to storage in the background.",
		History:    [][2]string{{"3.2.2", "Added the `SCHEDULE` option."}},
		Args: []Arg{
			{Name: "schedule", Type: ArgPureToken, Token: "SCHEDULE", Optional: true, Since: "3.2.2"},
		},
		Run: cmdBgsave,
	},
	{
		Name: "lastsave", Arity: 1, Flags: []string{"loading", "stale", "fast"}, ACL: []string{"admin", "fast", "dangerous"},
		FirstKey: 0, LastKey: 0, Step: 0,
		Tips:  []string{"nondeterministic_output"},
		Group: "server", Since: "1.0.0",
		Complexity: "O(1)",
		Summary:    "Tells when the last snapshot was written successfully, in Unix seconds.",
		Run:        cmdLastsave,
	},
	{
		Name: "bgrewriteaof", Arity: 1, Flags: []string{"admin", "noscript", "no_async_loading"}, ACL: []string{"admin", "slow", "dangerous"},
		FirstKey: 0, LastKey: 0, Step: 0,
		Group: "server", Since: "1.0.0",
		Complexity: "O(1)",
		Summary:    "Compacts the append-only log in the background into a snapshot of the current data.",
		Run:        cmdBgrewriteaof,
	},
}

func init() { register(persistenceCommands...) }

// Persister is the storage behind SAVE, BGSAVE, BGREWRITEAOF, LASTSAVE and
// INFO persistence; a front end sets one with SetPersister. The engine
// calls its methods with the engine locked, so they must not call back
// into the engine. The rewrite function they get emits the whole dataset
// as Rewrite does and may only be called before the method returns.
type Persister interface {
	// Save stores a snapshot and returns once it is durable.
	Save(now int64, rewrite func(emit func(args []string))) error
	// BackgroundSave captures a snapshot now and stores it later; aof
	// tells BGREWRITEAOF from BGSAVE, for the statistics.
	BackgroundSave(now int64, aof bool, rewrite func(emit func(args []string))) error
	// Status reports the state INFO persistence and LASTSAVE show.
	Status() PersistStatus
}

// PersistStatus is what a Persister reports about itself.
type PersistStatus struct {
	// AOFEnabled is set when writes go to an append-only log.
	AOFEnabled bool
	// LastSave is the Unix time in seconds of the last snapshot stored
	// successfully (0: none yet).
	LastSave int64
	// Saves and Rewrites count the snapshots stored for SAVE or BGSAVE and
	// for BGREWRITEAOF or a log that grew too big.
	Saves, Rewrites int64
	// InProgress is set while a background snapshot is being written.
	InProgress bool
	// LastSaveOK and LastWriteOK are false after a failed snapshot or a
	// failed log write.
	LastSaveOK, LastWriteOK bool
	// LogSize is the append-only log's size in bytes with the snapshot it
	// starts from, BaseSize the snapshot's, Buffered the bytes not yet
	// written.
	LogSize, BaseSize, Buffered int64
}

// persistState is the engine's side of persistence.
type persistState struct {
	p Persister
	// lastSave is LASTSAVE without a persister (Unix seconds, 0 until
	// the first save: the start time is used); savedDirty is the dirty
	// counter when the last snapshot was taken.
	lastSave   int64
	savedDirty int64
}

// SetPersister makes p the storage behind the persistence commands; nil
// turns persistence off.
func (e *Engine) SetPersister(p Persister) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.persist.p = p
}

// Capture runs fn with the engine locked, handing it the time in Unix
// milliseconds and a function that emits the dataset as Rewrite does: a
// persister takes its snapshots through it, so that each one sits at a
// known point of its log. fn must not call back into the engine.
func (e *Engine) Capture(fn func(now int64, rewrite func(emit func(args []string)))) {
	e.mu.Lock()
	defer e.mu.Unlock()
	now := e.clock().UnixMilli()
	fn(now, func(emit func([]string)) { e.rewrite(now, emit) })
}

// SetClean records that the dataset as it is now is stored, so that
// INFO's count of changes since the last save starts from here; a
// persister calls it after loading.
func (e *Engine) SetClean() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.persist.savedDirty = e.dirty
}

func (x *Ctx) rewriteFunc() func(emit func([]string)) {
	return func(emit func([]string)) { x.Engine.rewrite(x.Now, emit) }
}

func cmdSave(x *Ctx) Value {
	e := x.Engine
	if p := e.persist.p; p != nil {
		if st := p.Status(); st.InProgress {
			return Err("ERR Background save already in progress")
		}
		if err := p.Save(x.Now, x.rewriteFunc()); err != nil {
			return Err("ERR")
		}
	}
	e.persist.lastSave = x.Now / 1000
	e.persist.savedDirty = e.dirty
	return OK
}

func cmdBgsave(x *Ctx) Value {
	if len(x.Args) > 2 || (len(x.Args) == 2 && !strings.EqualFold(x.Args[1], "schedule")) {
		return Err(ErrSyntax)
	}
	if err := backgroundSave(x, false); err != nil {
		return *err
	}
	return Simple("Background saving started")
}

func cmdBgrewriteaof(x *Ctx) Value {
	if err := backgroundSave(x, true); err != nil {
		return *err
	}
	return Simple("Background append only file rewriting started")
}

// backgroundSave captures a snapshot for BGSAVE or BGREWRITEAOF. The data
// is taken now, under the lock, as Redis's fork takes it; only the writing
// happens later, so a second request while one is being written simply
// supersedes it.
func backgroundSave(x *Ctx, aof bool) *Value {
	e := x.Engine
	if p := e.persist.p; p != nil {
		if err := p.BackgroundSave(x.Now, aof, x.rewriteFunc()); err != nil {
			v := Err("ERR " + err.Error())
			return &v
		}
	} else {
		// Without storage there is nothing to write: the save succeeds
		// at once.
		e.persist.lastSave = x.Now / 1000
	}
	e.persist.savedDirty = e.dirty
	return nil
}

func cmdLastsave(x *Ctx) Value {
	return Int(x.Engine.lastSave())
}

// lastSave is LASTSAVE's answer: Redis starts it at the start time.
func (e *Engine) lastSave() int64 {
	last := e.persist.lastSave
	if p := e.persist.p; p != nil {
		last = max(last, p.Status().LastSave)
	}
	if last == 0 {
		last = e.started.Unix()
	}
	return last
}

// persistenceInfo is INFO's persistence section.
func (e *Engine) persistenceInfo() [][2]string {
	st := PersistStatus{LastSaveOK: true, LastWriteOK: true}
	if e.persist.p != nil {
		st = e.persist.p.Status()
	}
	i64 := func(n int64) string { return strconv.FormatInt(n, 10) }
	b01 := func(b bool) string {
		if b {
			return "1"
		}
		return "0"
	}
	okErr := func(ok bool) string {
		if ok {
			return "ok"
		}
		return "err"
	}
	out := [][2]string{
		{"loading", "0"},
		{"async_loading", "0"},
		{"current_cow_peak", "0"},
		{"current_cow_size", "0"},
		{"current_cow_size_age", "0"},
		{"current_fork_perc", "0.00"},
		{"current_save_keys_processed", "0"},
		{"current_save_keys_total", "0"},
		{"rdb_changes_since_last_save", i64(e.dirty - e.persist.savedDirty)},
		{"rdb_bgsave_in_progress", b01(st.InProgress)},
		{"rdb_last_save_time", i64(e.lastSave())},
		{"rdb_last_bgsave_status", okErr(st.LastSaveOK)},
		{"rdb_last_bgsave_time_sec", "-1"},
		{"rdb_current_bgsave_time_sec", "-1"},
		{"rdb_saves", i64(st.Saves)},
		{"rdb_last_cow_size", "0"},
		{"rdb_last_load_keys_expired", "0"},
		{"rdb_last_load_keys_loaded", "0"},
		{"aof_enabled", b01(st.AOFEnabled)},
		{"aof_rewrite_in_progress", "0"},
		{"aof_rewrite_scheduled", "0"},
		{"aof_last_rewrite_time_sec", "-1"},
		{"aof_current_rewrite_time_sec", "-1"},
		{"aof_last_bgrewrite_status", okErr(st.LastSaveOK)},
		{"aof_rewrites", i64(st.Rewrites)},
		{"aof_rewrites_consecutive_failures", "0"},
		{"aof_last_write_status", okErr(st.LastWriteOK)},
		{"aof_last_cow_size", "0"},
		{"module_fork_in_progress", "0"},
		{"module_fork_last_cow_size", "0"},
	}
	if st.AOFEnabled {
		out = append(out,
			[2]string{"aof_current_size", i64(st.LogSize)},
			[2]string{"aof_base_size", i64(st.BaseSize)},
			[2]string{"aof_pending_rewrite", "0"},
			[2]string{"aof_buffer_length", i64(st.Buffered)},
			[2]string{"aof_pending_bio_fsync", "0"},
			[2]string{"aof_delayed_fsync", "0"},
		)
	}
	return out
}
