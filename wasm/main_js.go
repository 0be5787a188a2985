// Command wasm is the browser build of redisplay: a thin bridge that exposes
// one engine and its redis-cli sessions to JavaScript as the global object
// `redisplay`. It is the only package that imports syscall/js.
//
// The JavaScript API (all synchronous; ids are small integers):
//
//	redisplay.newSession(onPush?) → id      onPush(text) receives later output
//	redisplay.run(id, line)       → {output, prompt, clear, waiting, closed}
//	redisplay.prompt(id)          → "127.0.0.1:6379> "
//	redisplay.waiting(id)         → true while a blocked command (BLPOP) waits
//	redisplay.hint(id, line)      → " key value [NX|XX] ..."
//	redisplay.complete(id, line)  → ["SET", "SETEX", ...]
//	redisplay.close(id)
//
// Once the object is in place, main calls globalThis.redisplayReady(api) if
// the page defined it, so the page never has to poll.
package main

import (
	"syscall/js"
	"time"

	"redisplay/engine"
	"redisplay/engine/cli"
)

// tickEvery matches Redis's default hz of 10 for the active expiry sweep.
const tickEvery = 100 * time.Millisecond

type bridge struct {
	engine   *engine.Engine
	sessions map[int]*cli.Session
	nextID   int
	object   js.Value
}

func main() {
	// The marks split the page's start-up time into download and compile,
	// Go runtime start, and engine start (see e2e's TestPageReadyTime).
	js.Global().Get("performance").Call("mark", "redisplay-go-main")
	b := &bridge{engine: engine.New(engine.Options{}), sessions: map[int]*cli.Session{}}
	b.object = js.Global().Get("Object").New()
	// Each js.FuncOf is made once and lives as long as the program, so
	// none is ever released.
	b.object.Set("newSession", js.FuncOf(b.newSession))
	b.object.Set("run", js.FuncOf(b.run))
	b.object.Set("prompt", js.FuncOf(b.prompt))
	b.object.Set("waiting", js.FuncOf(b.waiting))
	b.object.Set("hint", js.FuncOf(b.hint))
	b.object.Set("complete", js.FuncOf(b.complete))
	b.object.Set("close", js.FuncOf(b.close))
	js.Global().Set("redisplay", b.object)

	go func() {
		t := time.NewTicker(tickEvery)
		for range t.C {
			b.engine.Tick()
		}
	}()

	js.Global().Get("performance").Call("mark", "redisplay-go-ready")
	if ready := js.Global().Get("redisplayReady"); ready.Type() == js.TypeFunction {
		ready.Invoke(b.object)
	}
	select {}
}

func (b *bridge) newSession(_ js.Value, args []js.Value) any {
	var push func(string)
	if len(args) > 0 && args[0].Type() == js.TypeFunction {
		onPush := args[0]
		// The engine may push while it holds its lock (PUBLISH from another
		// session), so the page's callback must only render, never call back.
		push = func(text string) { onPush.Invoke(text) }
	}
	b.nextID++
	b.sessions[b.nextID] = cli.NewSession(b.engine, push)
	return b.nextID
}

// session returns the session named by args[0], or nil.
func (b *bridge) session(args []js.Value) *cli.Session {
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
	res := js.Global().Get("Object").New()
	res.Set("output", out)
	res.Set("prompt", s.Prompt())
	res.Set("clear", clear)
	res.Set("waiting", s.Waiting())
	res.Set("closed", s.Closed())
	return res
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
