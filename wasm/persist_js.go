package main

// The main page's data in IndexedDB: the engine/persist log and snapshots
// over idbFS, a small hackpadfs.FS of our own.
//
// Why not hackpadfs/indexeddb: it (and hackpadfs/keyvalue under it, through
// keyvalue/blob) pulls fmt, reflect and os into the wasm, and it stores a
// file as one record that is rewritten whole on every append. idbFS keeps
// each write as a record of its own, keyed [file name, sequence number], so
// appending a second of log costs one small put, and it never blocks: every
// change updates an in-memory copy and starts its IndexedDB transaction at
// once. That matters because persist.Store calls the file system with the
// engine locked (SAVE) or from JavaScript callbacks (pagehide), where
// waiting for IndexedDB would deadlock the page. Transactions on one object
// store run in the order they were started, so what a killed tab leaves
// behind is always a prefix of what was written. Waiting for durability is
// a separate step (wait), done only from goroutines.
//
// The JavaScript API this file adds to globalThis.redisplay:
//
//	redisplay.openStore(done)  loads the saved data into engine 0 in the
//	    background, then calls done({state, notice, ms}): state "loaded",
//	    "repaired" (damage dropped, notice says what) or "memory" (storage
//	    unusable, notice says why); it flushes once a second from then on
//	redisplay.openStore(engineId, name, done)  the same for an engine made
//	    by newEngine, in a database of its own ("redisplay-widget-" + name),
//	    for a <redis-playground persist> widget
//	redisplay.flush()          → Promise<string>: writes what every open
//	    store has buffered and resolves once IndexedDB has committed it
//	    ("" or an error)
//	redisplay.exportData()     → Uint8Array: engine 0 as a RESP command file
//	redisplay.importData(u8)   → {commands, error}: runs such a file

import (
	"errors"
	"io"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"syscall/js"
	"time"

	"github.com/hack-pad/hackpadfs"

	"redisplay/engine/persist"
)

const (
	// idbName and idbStore name the IndexedDB database and object store.
	idbName = "redisplay"
	// idbWidgetPrefix starts a persisted widget's database name, so that
	// no widget can open the main page's data or another name's.
	idbWidgetPrefix = "redisplay-widget-"
	idbStore        = "files"
	// idbOpenTimeout bounds the wait for IndexedDB, which can hang (a
	// browser that blocks it); the page then carries on in memory.
	idbOpenTimeout = 10 * time.Second
	// storeRewriteSize compacts the log early: loading replays it all.
	storeRewriteSize = 1 << 20
	// flushEvery is appendfsync everysec's second.
	flushEvery = time.Second
)

// openedStore is an engine's storage once openStore has loaded it.
type openedStore struct {
	store *persist.Store
	fs    *idbFS
	db    string
}

// stores are the open stores by engine id; opening marks an engine whose
// store is loading, so that a second openStore for it does nothing.
var (
	stores   = map[int]*openedStore{}
	opening  = map[int]string{}
	flushing bool
)

// storeList is a copy of stores: flushing may wait for an engine's lock,
// and JavaScript callbacks may change the map meanwhile.
func storeList() []*openedStore {
	out := make([]*openedStore, 0, len(stores))
	for _, s := range stores {
		out = append(out, s)
	}
	return out
}

// dbInUse reports whether an open or loading store uses database name:
// two engines writing one log would interleave it.
func dbInUse(name string) bool {
	for _, s := range stores {
		if s.db == name {
			return true
		}
	}
	for _, n := range opening {
		if n == name {
			return true
		}
	}
	return false
}

// jsErr turns a DOMException (or anything) into a Go error.
func jsErr(prefix string, v js.Value) error {
	msg := "unknown error"
	if v.Truthy() {
		if n := v.Get("name"); n.Type() == js.TypeString {
			msg = n.String()
			if m := v.Get("message"); m.Type() == js.TypeString && m.String() != "" {
				msg += ": " + m.String()
			}
		} else {
			msg = v.Call("toString").String()
		}
	}
	return errors.New(prefix + msg)
}

// await waits for an IDBRequest ("success") or IDBTransaction ("complete")
// to finish. Only goroutines may call it, never a JavaScript callback.
func await(target js.Value, okEvent string) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 3)
	ok := js.FuncOf(func(js.Value, []js.Value) any {
		var v js.Value
		if okEvent == "success" {
			v = target.Get("result")
		}
		ch <- result{v: v}
		return nil
	})
	fail := js.FuncOf(func(js.Value, []js.Value) any {
		ch <- result{err: jsErr("indexeddb: ", target.Get("error"))}
		return nil
	})
	target.Set("on"+okEvent, ok)
	target.Set("onerror", fail)
	if okEvent == "complete" {
		target.Set("onabort", fail)
	}
	r := <-ch
	target.Set("on"+okEvent, js.Null())
	target.Set("onerror", js.Null())
	if okEvent == "complete" {
		target.Set("onabort", js.Null())
	}
	ok.Release()
	fail.Release()
	return r.v, r.err
}

// idbFile is one file of idbFS as loaded: its records in order.
type idbFile struct {
	chunks [][]byte
	size   int64
}

// idbFS is a flat hackpadfs.FS over one IndexedDB object store. Files are
// written only by appending (all persist does). Record [name, 0] is empty
// and marks that the file exists; the file's bytes are records 1, 2, ...
type idbFS struct {
	db    js.Value
	files map[string]*idbFile
	// pending are the transactions started, oldest first, from the
	// oldest not yet known to be done.
	pending []*idbTx
	// err is a failed transaction's error, returned by the next write so
	// that persist starts a fresh generation rather than trust the log.
	err error
	// damage says what loading had to drop (records missing or unreadable).
	damage []string
}

// idbTx is a transaction started; done is closed once it has finished,
// with err set if it failed.
type idbTx struct {
	done chan struct{}
	err  error
}

// openIDB opens database name and reads every file into memory.
func openIDB(name string) (*idbFS, error) {
	idb := js.Global().Get("indexedDB")
	if !idb.Truthy() {
		return nil, errors.New("this browser offers no IndexedDB")
	}
	req := idb.Call("open", name, 1)
	upgrade := js.FuncOf(func(js.Value, []js.Value) any {
		db := req.Get("result")
		if !db.Get("objectStoreNames").Call("contains", idbStore).Bool() {
			db.Call("createObjectStore", idbStore)
		}
		return nil
	})
	defer upgrade.Release()
	req.Set("onupgradeneeded", upgrade)
	type opened struct {
		db  js.Value
		err error
	}
	ch := make(chan opened, 1)
	go func() {
		db, err := await(req, "success")
		ch <- opened{db, err}
	}()
	var o opened
	select {
	case o = <-ch:
	case <-time.After(idbOpenTimeout):
		return nil, errors.New("IndexedDB did not open in time")
	}
	if o.err != nil {
		return nil, o.err
	}
	f := &idbFS{db: o.db, files: map[string]*idbFile{}}
	// Another tab upgrading the database (a future version) asks us to
	// let go; the page keeps its data in memory from then on.
	f.db.Set("onversionchange", js.FuncOf(func(js.Value, []js.Value) any {
		f.db.Call("close")
		return nil
	}))
	if err := f.load(); err != nil {
		return nil, err
	}
	return f, nil
}

// load reads every record, in key order.
func (f *idbFS) load() error {
	tx := f.db.Call("transaction", idbStore, "readonly")
	os := tx.Call("objectStore", idbStore)
	keysReq := os.Call("getAllKeys")
	valsReq := os.Call("getAll")
	keys, err := await(keysReq, "success")
	if err != nil {
		return err
	}
	vals, err := await(valsReq, "success")
	if err != nil {
		return err
	}
	u8 := js.Global().Get("Uint8Array")
	ab := js.Global().Get("ArrayBuffer")
	// dropFrom[name] is the first record not loaded.
	dropFrom := map[string]int{}
	dropped := map[string]int64{}
	n := keys.Length()
	for i := 0; i < n; i++ {
		k := keys.Index(i)
		if !js.Global().Get("Array").Call("isArray", k).Bool() || k.Length() != 2 ||
			k.Index(0).Type() != js.TypeString || k.Index(1).Type() != js.TypeNumber {
			continue // not ours; leave it alone
		}
		name, seq := k.Index(0).String(), k.Index(1).Int()
		file := f.files[name]
		if file == nil {
			file = &idbFile{}
			f.files[name] = file
		}
		v := vals.Index(i)
		if _, bad := dropFrom[name]; bad {
			dropped[name] += int64(byteLen(v))
			continue
		}
		want := len(file.chunks) + 1
		if seq == 0 {
			continue
		}
		var data []byte
		switch {
		case seq != want:
			f.damage = append(f.damage, name+": record "+strconv.Itoa(want)+" is missing")
		case v.InstanceOf(u8):
			data = make([]byte, v.Length())
			js.CopyBytesToGo(data, v)
		case v.InstanceOf(ab):
			w := u8.New(v)
			data = make([]byte, w.Length())
			js.CopyBytesToGo(data, w)
		case v.Type() == js.TypeString:
			data = []byte(v.String())
		default:
			f.damage = append(f.damage, name+": record "+strconv.Itoa(seq)+" is not bytes")
		}
		if data == nil {
			// Keep the prefix before the damage, never a mix around it.
			dropFrom[name] = seq
			dropped[name] += int64(byteLen(v))
			continue
		}
		file.chunks = append(file.chunks, data)
		file.size += int64(len(data))
	}
	for i, d := range f.damage {
		name, _, _ := strings.Cut(d, ":")
		f.damage[i] = d + "; dropped " + strconv.FormatInt(dropped[name], 10) + " bytes from there on"
	}
	// Delete what was dropped, so that records appended from here on can
	// never be followed by stale ones from before the damage.
	for name, from := range dropFrom {
		lo, hi := js.ValueOf([]any{name, from}), js.ValueOf([]any{name, []any{}})
		f.change(func(os js.Value) { os.Call("delete", js.Global().Get("IDBKeyRange").Call("bound", lo, hi)) })
	}
	return nil
}

// byteLen is the size of a stored value, for reports.
func byteLen(v js.Value) int {
	switch {
	case v.Type() == js.TypeString:
		return len(v.String())
	case v.Type() == js.TypeObject && v.Get("byteLength").Type() == js.TypeNumber:
		return v.Get("byteLength").Int()
	}
	return 0
}

// key is the IndexedDB key of a file's record.
func key(name string, seq int) js.Value {
	return js.ValueOf([]any{name, seq})
}

// allOf is the key range of every record of a file.
func allOf(name string) js.Value {
	return js.Global().Get("IDBKeyRange").Call("bound", js.ValueOf([]any{name}), js.ValueOf([]any{name, []any{}}))
}

// change starts a read-write transaction and runs fn on its store. The
// transaction commits on its own; wait collects the outcome.
func (f *idbFS) change(fn func(os js.Value)) (err error) {
	defer func() {
		// The database may be closed (another tab upgraded it) or gone:
		// calls then throw, which syscall/js turns into a panic.
		if r := recover(); r != nil {
			err = errors.New("indexeddb: transaction refused")
			f.err = err
		}
	}()
	opts := js.Global().Get("Object").New()
	opts.Set("durability", "strict")
	tx := f.db.Call("transaction", idbStore, "readwrite", opts)
	fn(tx.Call("objectStore", idbStore))
	// Commit now rather than when the page's event loop next runs: on
	// pagehide it may never run again.
	if tx.Get("commit").Type() == js.TypeFunction {
		tx.Call("commit")
	}
	p := &idbTx{done: make(chan struct{})}
	f.pending = append(f.pending, p)
	go func() {
		_, p.err = await(tx, "complete")
		if p.err != nil && f.err == nil {
			f.err = p.err
		}
		close(p.done)
	}()
	return nil
}

// wait blocks until every transaction started so far has finished, and
// returns the first error. Only goroutines may call it.
func (f *idbFS) wait() error {
	// Several goroutines may wait at once (the flush loop, a flush the
	// page asked for): each waits for every transaction it saw started.
	var first error
	for _, p := range append([]*idbTx(nil), f.pending...) {
		<-p.done
		if p.err != nil && first == nil {
			first = p.err
		}
	}
	for len(f.pending) > 0 {
		select {
		case <-f.pending[0].done:
			f.pending = f.pending[1:]
			continue
		default:
		}
		break
	}
	return first
}

// takeErr returns a failed transaction's error once.
func (f *idbFS) takeErr() error {
	err := f.err
	f.err = nil
	return err
}

func (f *idbFS) check(op, name string) error {
	if !fs.ValidPath(name) || strings.Contains(name, "/") {
		return &fs.PathError{Op: op, Path: name, Err: hackpadfs.ErrInvalid}
	}
	return nil
}

// Open implements fs.FS: "." lists the files, a file reads its bytes.
func (f *idbFS) Open(name string) (fs.File, error) {
	return f.OpenFile(name, hackpadfs.FlagReadOnly, 0)
}

// OpenFile implements hackpadfs.OpenFileFS.
func (f *idbFS) OpenFile(name string, flag int, _ hackpadfs.FileMode) (hackpadfs.File, error) {
	if name == "." {
		return &idbDir{f: f}, nil
	}
	if err := f.check("open", name); err != nil {
		return nil, err
	}
	file := f.files[name]
	switch {
	case file == nil && flag&hackpadfs.FlagCreate == 0:
		return nil, &fs.PathError{Op: "open", Path: name, Err: hackpadfs.ErrNotExist}
	case file == nil || flag&hackpadfs.FlagTruncate != 0:
		file = &idbFile{}
		f.files[name] = file
		if err := f.change(func(os js.Value) {
			os.Call("delete", allOf(name))
			os.Call("put", js.Global().Get("Uint8Array").New(0), key(name, 0))
		}); err != nil {
			return nil, err
		}
	}
	h := &idbHandle{f: f, name: name, file: file}
	if flag&(hackpadfs.FlagWriteOnly|hackpadfs.FlagReadWrite) == 0 {
		h.data = file.bytes()
	}
	return h, nil
}

func (file *idbFile) bytes() []byte {
	b := make([]byte, 0, file.size)
	for _, c := range file.chunks {
		b = append(b, c...)
	}
	return b
}

// ReadFile implements hackpadfs.ReadFileFS.
func (f *idbFS) ReadFile(name string) ([]byte, error) {
	if err := f.check("read", name); err != nil {
		return nil, err
	}
	file := f.files[name]
	if file == nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: hackpadfs.ErrNotExist}
	}
	return file.bytes(), nil
}

// ReadDir implements hackpadfs.ReadDirFS for the root, the only directory.
func (f *idbFS) ReadDir(name string) ([]hackpadfs.DirEntry, error) {
	if name != "." {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: hackpadfs.ErrNotDir}
	}
	names := make([]string, 0, len(f.files))
	for n := range f.files {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]hackpadfs.DirEntry, len(names))
	for i, n := range names {
		out[i] = idbEntry{name: n, size: f.files[n].size}
	}
	return out, nil
}

// Remove implements hackpadfs.RemoveFS.
func (f *idbFS) Remove(name string) error {
	if err := f.check("remove", name); err != nil {
		return err
	}
	if f.files[name] == nil {
		return &fs.PathError{Op: "remove", Path: name, Err: hackpadfs.ErrNotExist}
	}
	delete(f.files, name)
	return f.change(func(os js.Value) { os.Call("delete", allOf(name)) })
}

// Rename implements hackpadfs.RenameFS, in one transaction so that a
// killed tab leaves either name, never both or neither.
func (f *idbFS) Rename(oldname, newname string) error {
	if err := f.check("rename", oldname); err != nil {
		return err
	}
	if err := f.check("rename", newname); err != nil {
		return err
	}
	file := f.files[oldname]
	if file == nil {
		return &fs.PathError{Op: "rename", Path: oldname, Err: hackpadfs.ErrNotExist}
	}
	delete(f.files, oldname)
	f.files[newname] = file
	return f.change(func(os js.Value) {
		os.Call("delete", allOf(newname))
		os.Call("put", js.Global().Get("Uint8Array").New(0), key(newname, 0))
		for i, c := range file.chunks {
			os.Call("put", toJS(c), key(newname, i+1))
		}
		os.Call("delete", allOf(oldname))
	})
}

func toJS(b []byte) js.Value {
	u := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(u, b)
	return u
}

// idbHandle is an open file. Reads see the file as it was when opened;
// writes append.
type idbHandle struct {
	f    *idbFS
	name string
	file *idbFile
	data []byte
	off  int
}

// Stat implements fs.File.
func (h *idbHandle) Stat() (fs.FileInfo, error) {
	return idbEntry{name: h.name, size: h.file.size}, nil
}

// Read implements fs.File.
func (h *idbHandle) Read(p []byte) (int, error) {
	if h.off >= len(h.data) {
		return 0, io.EOF
	}
	n := copy(p, h.data[h.off:])
	h.off += n
	return n, nil
}

// Write appends p as one record.
func (h *idbHandle) Write(p []byte) (int, error) {
	if h.f.files[h.name] != h.file {
		return 0, &fs.PathError{Op: "write", Path: h.name, Err: hackpadfs.ErrClosed}
	}
	if err := h.f.takeErr(); err != nil {
		return 0, err
	}
	if len(p) == 0 {
		return 0, nil
	}
	c := append([]byte(nil), p...)
	h.file.chunks = append(h.file.chunks, c)
	h.file.size += int64(len(c))
	seq := len(h.file.chunks)
	v := toJS(c)
	if err := h.f.change(func(os js.Value) { os.Call("put", v, key(h.name, seq)) }); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Sync reports a failed transaction but does not wait: see the top of
// the file. The page's flush loop waits, outside every lock.
func (h *idbHandle) Sync() error { return h.f.takeErr() }

// Close implements fs.File; there is nothing to release.
func (h *idbHandle) Close() error { return nil }

// idbDir is the root directory, opened.
type idbDir struct {
	f    *idbFS
	done bool
}

// Stat implements fs.File.
func (d *idbDir) Stat() (fs.FileInfo, error) { return idbEntry{name: ".", dir: true}, nil }

// Read implements fs.File: a directory has no bytes.
func (d *idbDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: ".", Err: hackpadfs.ErrIsDir}
}

// Close implements fs.File.
func (d *idbDir) Close() error { return nil }

// ReadDir implements fs.ReadDirFile.
func (d *idbDir) ReadDir(n int) ([]fs.DirEntry, error) {
	if d.done {
		if n > 0 {
			return nil, io.EOF
		}
		return nil, nil
	}
	d.done = true
	return d.f.ReadDir(".")
}

// idbEntry describes a file, as fs.DirEntry and fs.FileInfo (whose
// methods it implements).
type idbEntry struct {
	name string
	size int64
	dir  bool
}

func (e idbEntry) Name() string { return e.name }
func (e idbEntry) IsDir() bool  { return e.dir }
func (e idbEntry) Type() fs.FileMode {
	if e.dir {
		return fs.ModeDir
	}
	return 0
}
func (e idbEntry) Info() (fs.FileInfo, error) { return e, nil }
func (e idbEntry) Size() int64                { return e.size }
func (e idbEntry) Mode() fs.FileMode {
	if e.dir {
		return fs.ModeDir | 0o755
	}
	return 0o644
}
func (e idbEntry) ModTime() time.Time { return time.Time{} }
func (e idbEntry) Sys() any           { return nil }

// openStore loads the stored data into an engine in a goroutine and calls
// back when done: (done) for engine 0 and the main page's database, or
// (engineId, name, done) for a widget's engine and a database of its own.
// Until then the page must not start sessions on that engine: they would
// talk to the engine that is about to be replaced.
func (b *bridge) openStore(_ js.Value, args []js.Value) any {
	id, db := defaultEngine, idbName
	if len(args) >= 2 && args[0].Type() == js.TypeNumber && args[1].Type() == js.TypeString {
		id, db = args[0].Int(), idbWidgetPrefix+args[1].String()
		args = args[2:]
	}
	var done js.Value
	if len(args) > 0 && args[0].Type() == js.TypeFunction {
		done = args[0]
	}
	if _, ok := b.engines[id]; !ok || stores[id] != nil {
		return nil
	}
	if _, ok := opening[id]; ok {
		return nil
	}
	report := func(state, notice string, start time.Time) {
		if done.Truthy() {
			res := js.Global().Get("Object").New()
			res.Set("state", state)
			res.Set("notice", notice)
			res.Set("ms", float64(time.Since(start).Microseconds())/1000)
			done.Invoke(res)
		}
	}
	if dbInUse(db) {
		report("memory", "This data is already open in another terminal on this page; this one keeps its data in memory only.", time.Now())
		return nil
	}
	opening[id] = db
	go func() {
		start := time.Now()
		state, notice := b.loadStore(id, db)
		delete(opening, id)
		report(state, notice, start)
	}()
	return nil
}

// loadStore opens database db for engine id; a panic while loading
// (corrupt data that trips a bug) leaves the engine working in memory
// rather than dead.
func (b *bridge) loadStore(id int, db string) (state, notice string) {
	defer func() {
		if r := recover(); r != nil {
			delete(stores, id)
			state, notice = "memory", "Your saved data could not be loaded (the loader failed); this session keeps its data in memory only."
		}
	}()
	f, err := openIDB(db)
	if err != nil {
		return "memory", "Your data cannot be saved in this browser (" + err.Error() + "); this session keeps it in memory only."
	}
	s, err := persist.Open(f, persist.Options{AppendOnly: true, Fsync: persist.FsyncEverySec, RewriteSize: storeRewriteSize})
	var corrupt *persist.CorruptError
	var notes []string
	notes = append(notes, f.damage...)
	switch {
	case errors.As(err, &corrupt):
		notes = append(notes, corrupt.File+": "+corrupt.Reason+" at byte "+strconv.FormatInt(corrupt.Offset, 10)+
			"; dropped the last "+strconv.FormatInt(corrupt.Dropped, 10)+" bytes")
	case err != nil:
		return "memory", "Your saved data could not be read (" + err.Error() + "); this session keeps its data in memory only."
	}
	if _, ok := b.engines[id]; !ok {
		// The engine was closed while its data loaded.
		s.Close()
		f.db.Call("close")
		return "memory", "This terminal was closed while its data loaded."
	}
	stores[id] = &openedStore{store: s, fs: f, db: db}
	b.engines[id] = bounded(s.Engine())
	if !flushing {
		flushing = true
		go flushLoop()
	}
	if len(notes) > 0 {
		return "repaired", "Part of your saved data was damaged and has been dropped; everything before it loaded. " + strings.Join(notes, ". ") + "."
	}
	return "loaded", ""
}

// closeStore writes what engine id's store has buffered and forgets it,
// when its engine is closed; the data stays in IndexedDB.
func closeStore(id int) {
	o := stores[id]
	if o == nil {
		return
	}
	delete(stores, id)
	o.store.Close()
	go func() {
		o.fs.wait()
		o.fs.db.Call("close")
	}()
}

// flushLoop writes every store's log once a second, as appendfsync
// everysec does, and then waits for IndexedDB, so a slow disk never stacks
// up flushes.
func flushLoop() {
	t := time.NewTicker(flushEvery)
	defer t.Stop()
	for range t.C {
		open := storeList()
		for _, o := range open {
			o.store.Flush()
		}
		for _, o := range open {
			o.fs.wait()
		}
	}
}

// flush writes what every store has buffered now; the promise resolves
// once IndexedDB has committed it. The writing starts before flush
// returns, which is what the page needs on pagehide.
func (b *bridge) flush(_ js.Value, _ []js.Value) any {
	var err error
	open := storeList()
	for _, o := range open {
		if e := o.store.Flush(); e != nil && err == nil {
			err = e
		}
	}
	var executor js.Func
	executor = js.FuncOf(func(_ js.Value, args []js.Value) any {
		resolve := args[0]
		executor.Release()
		go func() {
			msg := ""
			for _, o := range open {
				if e := o.fs.wait(); e != nil && err == nil {
					err = e
				}
			}
			if err != nil {
				msg = err.Error()
			}
			resolve.Invoke(msg)
		}()
		return nil
	})
	return js.Global().Get("Promise").New(executor)
}

// exportData returns engine 0's data as a RESP command file.
func (b *bridge) exportData(_ js.Value, _ []js.Value) any {
	return toJS(persist.Export(b.engines[defaultEngine]))
}

// importData runs a RESP command file (an export, an AOF) on engine 0.
func (b *bridge) importData(_ js.Value, args []js.Value) any {
	res := js.Global().Get("Object").New()
	if len(args) == 0 || !args[0].InstanceOf(js.Global().Get("Uint8Array")) {
		res.Set("commands", 0)
		res.Set("error", "importData wants a Uint8Array")
		return res
	}
	data := make([]byte, args[0].Length())
	js.CopyBytesToGo(data, args[0])
	n, err := persist.Import(b.engines[defaultEngine], data)
	res.Set("commands", n)
	msg := ""
	var corrupt *persist.CorruptError
	if errors.As(err, &corrupt) {
		msg = corrupt.Reason + " at byte " + strconv.FormatInt(corrupt.Offset, 10) + "; the last " +
			strconv.FormatInt(corrupt.Dropped, 10) + " bytes were not loaded"
	} else if err != nil {
		msg = err.Error()
	}
	res.Set("error", msg)
	return res
}
