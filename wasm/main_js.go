// Command wasm is the browser build of redisplay: a thin bridge that exposes
// engines and their redis-cli sessions to JavaScript as the global object
// `redisplay`. It is the only package that imports syscall/js.
//
// One wasm instance can hold several engines (separate keyspaces): the
// default engine 0, which the main page uses, and any made by newEngine, so
// that several <redis-playground> widgets on one page share the download and
// the Go runtime but not their data.
//
// The JavaScript API (all synchronous; ids are small integers):
//
//	redisplay.newEngine()                   → engine id (1, 2, ...)
//	redisplay.closeEngine(engineId)         closes its sessions and drops its data
//	    (a persisted engine's data stays saved)
//	redisplay.newSession(onPush?)           → session id on engine 0
//	redisplay.newSession(engineId, onPush?) → session id on that engine (-1 if none)
//	redisplay.run(id, line)       → {output, prompt, clear, waiting, closed}
//	redisplay.runMany(id, lines)  → [output, ...] for lines run one after
//	    another in one call, for imports and benchmarks; it stops after a
//	    line that blocks or ends the session, so the array may be shorter
//	    (null for an unknown session)
//	redisplay.prompt(id)          → "127.0.0.1:6379> "
//	redisplay.waiting(id)         → true while a blocked command (BLPOP) waits
//	redisplay.subscribed(id)      → true in pub/sub mode (after SUBSCRIBE)
//	redisplay.keepInHistory(line) → false for blank lines and lines with a password
//	redisplay.hint(id, line)      → " key value [NX|XX] ..."
//	redisplay.complete(id, line)  → ["SET", "SETEX", ...]
//	redisplay.close(id)
//	redisplay.inspect(id, ref, limit) → {db, total, keys: [{key, ref, type, ttl}], key}
//	    the keys of the session's database and the contents of the key named
//	    by ref (a redis-cli quoted name from keys[i].ref; "" for none)
//
//	redisplay.openStore(done), flush(), exportData(), importData(u8)
//	    the main page's saved data (see persist_js.go)
//	redisplay.openStore(engineId, name, done)
//	    a persisted widget's saved data (see persist_js.go)
//
// onPush(text) receives output that arrives later (pub/sub messages, the
// reply of a blocked command). Once the object is in place, main calls
// globalThis.redisplayReady(api) if the page defined it, so the page never
// has to poll.
package main

import (
	"syscall/js"
	"time"

	"redisplay/engine"
	"redisplay/engine/cli"
)

// tickEvery matches Redis's default hz of 10 for the active expiry sweep.
const tickEvery = 100 * time.Millisecond

// defaultEngine is the id of the engine that exists from the start.
const defaultEngine = 0

type bridge struct {
	engines    map[int]*engine.Engine
	sessions   map[int]*session
	nextEngine int
	nextID     int
	object     js.Value
	// objectCtor is JavaScript's Object, looked up once: every lookup is
	// a crossing into JavaScript, and run is the hottest call.
	objectCtor js.Value
}

// session is a redis-cli session and the engine it talks to.
type session struct {
	*cli.Session
	engine int
	// prompt is the last prompt run returned and promptJS the same text
	// as a JavaScript string, reused while the prompt stays the same
	// (nearly always) to save making a new string on every command.
	prompt   string
	promptJS js.Value
}

func newBridge() *bridge {
	return &bridge{
		engines:  map[int]*engine.Engine{defaultEngine: bounded(engine.New(engine.Options{}))},
		sessions: map[int]*session{},
	}
}

func main() {
	// The marks split the page's start-up time into download and compile,
	// Go runtime start, and engine start (see e2e's TestPageReadyTime).
	js.Global().Get("performance").Call("mark", "redisplay-go-main")
	b := newBridge()
	b.objectCtor = js.Global().Get("Object")
	b.object = b.objectCtor.New()
	// Each js.FuncOf is made once and lives as long as the program, so
	// none is ever released.
	for name, fn := range map[string]func(js.Value, []js.Value) any{
		"newEngine":     b.newEngine,
		"closeEngine":   b.closeEngine,
		"newSession":    b.newSession,
		"run":           b.run,
		"runMany":       b.runMany,
		"prompt":        b.prompt,
		"waiting":       b.waiting,
		"subscribed":    b.subscribed,
		"inspect":       b.inspect,
		"keepInHistory": keepInHistory,
		"hint":          b.hint,
		"complete":      b.complete,
		"close":         b.close,
		// The main page's storage (persist_js.go).
		"openStore":  b.openStore,
		"flush":      b.flush,
		"exportData": b.exportData,
		"importData": b.importData,
	} {
		b.object.Set(name, js.FuncOf(fn))
	}
	js.Global().Set("redisplay", b.object)

	go func() {
		t := time.NewTicker(tickEvery)
		var engines []*engine.Engine
		for range t.C {
			// A copy, because a Tick that waits for an engine's lock lets
			// JavaScript callbacks run and change the map meanwhile.
			engines = engines[:0]
			for _, e := range b.engines {
				engines = append(engines, e)
			}
			for _, e := range engines {
				e.Tick()
			}
		}
	}()

	js.Global().Get("performance").Call("mark", "redisplay-go-ready")
	if ready := js.Global().Get("redisplayReady"); ready.Type() == js.TypeFunction {
		ready.Invoke(b.object)
	}
	select {}
}

func (b *bridge) newEngine(_ js.Value, _ []js.Value) any {
	b.nextEngine++
	b.engines[b.nextEngine] = bounded(engine.New(engine.Options{}))
	return b.nextEngine
}

// browserMaxMemory bounds each engine in the page, with Redis's default
// noeviction policy, so that a learner's loop gets Redis's OOM error
// instead of crashing the tab; the estimate undercounts Go's real heap by
// about half, so 64 MB of data stays well inside what a tab can hold.
const browserMaxMemory = "64mb"

// bounded applies the page's memory limit to e. A store's engine gets it
// after loading, so that replaying the log is never refused.
func bounded(e *engine.Engine) *engine.Engine {
	if err := e.Config().Set("maxmemory", browserMaxMemory); err != nil {
		panic("maxmemory: " + err.Error())
	}
	return e
}

func (b *bridge) closeEngine(_ js.Value, args []js.Value) any {
	if len(args) == 0 || args[0].Type() != js.TypeNumber {
		return nil
	}
	id := args[0].Int()
	if id == defaultEngine {
		// The main page's engine lives as long as the page.
		return nil
	}
	for sid, s := range b.sessions {
		if s.engine == id {
			s.Close()
			delete(b.sessions, sid)
		}
	}
	closeStore(id)
	delete(b.engines, id)
	return nil
}

// newSession accepts (onPush?) for the default engine, as the first
// version of the API did, or (engineId, onPush?).
func (b *bridge) newSession(_ js.Value, args []js.Value) any {
	engineID := defaultEngine
	if len(args) > 0 && args[0].Type() == js.TypeNumber {
		engineID = args[0].Int()
		args = args[1:]
	}
	e, ok := b.engines[engineID]
	if !ok {
		return -1
	}
	var push func(string)
	if len(args) > 0 && args[0].Type() == js.TypeFunction {
		onPush := args[0]
		// The engine may push while it holds its lock (PUBLISH from another
		// session), so the page's callback must only render, never call back.
		push = func(text string) { onPush.Invoke(text) }
	}
	b.nextID++
	b.sessions[b.nextID] = &session{Session: cli.NewSession(e, push), engine: engineID}
	return b.nextID
}

// session returns the session named by args[0], or nil.
func (b *bridge) session(args []js.Value) *session {
	if len(args) == 0 || args[0].Type() != js.TypeNumber {
		return nil
	}
	return b.sessions[args[0].Int()]
}

// line returns args[1] as a string, or "".
func line(args []js.Value) string {
	if len(args) < 2 || args[1].Type() != js.TypeString {
		return ""
	}
	return args[1].String()
}

func (b *bridge) run(_ js.Value, args []js.Value) any {
	s := b.session(args)
	if s == nil {
		return js.Null()
	}
	out := s.Run(line(args))
	clear := out == cli.ClearScreen
	if clear {
		out = ""
	}
	res := b.objectCtor.New()
	res.Set("output", out)
	res.Set("prompt", s.promptValue())
	res.Set("clear", clear)
	res.Set("waiting", s.Waiting())
	res.Set("closed", s.Closed())
	return res
}

// promptValue returns the session's prompt as a JavaScript string.
func (s *session) promptValue() js.Value {
	if p := s.Prompt(); p != s.prompt || s.promptJS.IsUndefined() {
		s.prompt, s.promptJS = p, js.ValueOf(p)
	}
	return s.promptJS
}

// runMany runs args[1], an array of lines, as run would one by one, and
// returns their outputs: one crossing for the lot instead of one per line.
func (b *bridge) runMany(_ js.Value, args []js.Value) any {
	s := b.session(args)
	if s == nil || len(args) < 2 || args[1].Type() != js.TypeObject {
		return js.Null()
	}
	lines := args[1]
	n := lines.Length()
	outs := js.Global().Get("Array").New()
	for i := range n {
		l := lines.Index(i)
		text := ""
		if l.Type() == js.TypeString {
			text = l.String()
		}
		out := s.Run(text)
		if out == cli.ClearScreen {
			out = ""
		}
		outs.SetIndex(i, out)
		if s.Waiting() || s.Closed() {
			break
		}
	}
	return outs
}

func (b *bridge) prompt(_ js.Value, args []js.Value) any {
	if s := b.session(args); s != nil {
		return s.Prompt()
	}
	return ""
}

func (b *bridge) waiting(_ js.Value, args []js.Value) any {
	if s := b.session(args); s != nil {
		return s.Waiting()
	}
	return false
}

func (b *bridge) subscribed(_ js.Value, args []js.Value) any {
	if s := b.session(args); s != nil {
		return s.Subscribed()
	}
	return false
}

// keepInHistory takes the line as its only argument: it needs no session.
func keepInHistory(_ js.Value, args []js.Value) any {
	return len(args) > 0 && args[0].Type() == js.TypeString && cli.KeepInHistory(args[0].String())
}

func (b *bridge) hint(_ js.Value, args []js.Value) any {
	if s := b.session(args); s != nil {
		return s.Hint(line(args))
	}
	return ""
}

func (b *bridge) complete(_ js.Value, args []js.Value) any {
	s := b.session(args)
	if s == nil {
		return js.Global().Get("Array").New()
	}
	words := s.Complete(line(args))
	list := make([]any, len(words))
	for i, w := range words {
		list[i] = w
	}
	return list
}

func (b *bridge) close(_ js.Value, args []js.Value) any {
	if s := b.session(args); s != nil {
		s.Close()
		delete(b.sessions, args[0].Int())
	}
	return nil
}

// quoted names a key as redis-cli prints it, which survives the trip
// through JavaScript's UTF-16 strings even for keys that are not UTF-8.
func quoted(key string) string { return cli.Format(engine.Bulk(key)) }

// inspect describes the keyspace the session sees, for the page's
// inspector. It builds plain objects by hand to keep encoding/json out.
func (b *bridge) inspect(_ js.Value, args []js.Value) any {
	s := b.session(args)
	if s == nil {
		return js.Null()
	}
	key := ""
	if ref := line(args); ref != "" {
		if argv, err := cli.Split(ref); err == nil && len(argv) == 1 {
			key = argv[0]
		}
	}
	limit := 200
	if len(args) > 2 && args[2].Type() == js.TypeNumber {
		limit = args[2].Int()
	}
	ins := s.Client().Inspect(key, limit)
	object := js.Global().Get("Object")
	array := js.Global().Get("Array")
	res := object.New()
	res.Set("db", ins.DB)
	res.Set("total", ins.Total)
	keys := array.New(len(ins.Keys))
	for i, k := range ins.Keys {
		o := object.New()
		o.Set("key", k.Key)
		o.Set("ref", quoted(k.Key))
		o.Set("type", k.Type)
		o.Set("ttl", k.TTL)
		keys.SetIndex(i, o)
	}
	res.Set("keys", keys)
	if ins.Key == nil {
		res.Set("key", js.Null())
		return res
	}
	d := ins.Key
	o := object.New()
	o.Set("key", d.Key)
	o.Set("ref", quoted(d.Key))
	o.Set("type", d.Type)
	o.Set("encoding", d.Encoding)
	o.Set("ttl", d.TTL)
	o.Set("len", d.Len)
	switch d.Type {
	case "string":
		o.Set("str", d.Str)
		o.Set("quoted", quoted(d.Str))
		// The bytes of a short value, for drawing its bits.
		if len(d.Str) <= 8 {
			u8 := js.Global().Get("Uint8Array").New(len(d.Str))
			js.CopyBytesToJS(u8, []byte(d.Str))
			o.Set("bytes", u8)
		}
	case "list", "set":
		items := array.New(len(d.Elems))
		for i, v := range d.Elems {
			items.SetIndex(i, v)
		}
		o.Set("items", items)
	case "hash":
		items := array.New(len(d.Fields))
		for i, f := range d.Fields {
			items.SetIndex(i, []any{f.Field, f.Value})
		}
		o.Set("items", items)
	case "zset":
		items := array.New(len(d.Members))
		for i, m := range d.Members {
			items.SetIndex(i, []any{m.Member, m.Score})
		}
		o.Set("items", items)
	}
	res.Set("key", o)
	return res
}
