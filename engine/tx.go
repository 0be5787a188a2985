package engine

// The transaction commands, as Redis 7.0's multi.c has them.
var txCommands = []*Command{
	{
		Name: "multi", Arity: 1, Flags: []string{"noscript", "loading", "stale", "fast", "allow_busy"}, ACL: []string{"fast", "transaction"},
		FirstKey: 0, LastKey: 0, Step: 0,
		Group: "transactions", Since: "1.2.0",
		Complexity: "O(1)",
		Summary:    "Starts a transaction: the commands that follow are queued until EXEC.",
		Run:        cmdMulti,
	},
	{
		Name: "exec", Arity: 1, Flags: []string{"noscript", "loading", "stale", "skip_slowlog"}, ACL: []string{"slow", "transaction"},
		FirstKey: 0, LastKey: 0, Step: 0,
		Group: "transactions", Since: "1.2.0",
		Complexity: "Depends on commands in the transaction",
		Summary:    "Runs every command queued since MULTI, as one uninterrupted unit.",
		Run:        cmdExec,
	},
	{
		Name: "discard", Arity: 1, Flags: []string{"noscript", "loading", "stale", "fast", "allow_busy"}, ACL: []string{"fast", "transaction"},
		FirstKey: 0, LastKey: 0, Step: 0,
		Group: "transactions", Since: "2.0.0",
		Complexity: "O(N), when N is the number of queued commands",
		Summary:    "Drops the commands queued since MULTI and leaves the transaction.",
		Run:        cmdDiscard,
	},
	{
		Name: "watch", Arity: -2, Flags: []string{"noscript", "loading", "stale", "fast", "allow_busy"}, ACL: []string{"fast", "transaction"},
		FirstKey: 1, LastKey: -1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO"}, Index: 1, LastKey: -1, KeyStep: 1, Limit: 0}},
		Group:    "transactions", Since: "2.2.0",
		Complexity: "O(1) for every key.",
		Summary:    "Watches keys so that the next EXEC fails if any of them changes first.",
		Args: []Arg{
			{Name: "key", Type: ArgKey, Multiple: true},
		},
		Run: cmdWatch,
	},
	{
		Name: "unwatch", Arity: 1, Flags: []string{"noscript", "loading", "stale", "fast", "allow_busy"}, ACL: []string{"fast", "transaction"},
		FirstKey: 0, LastKey: 0, Step: 0,
		Group: "transactions", Since: "2.2.0",
		Complexity: "O(1)",
		Summary:    "Forgets every key watched by this connection.",
		Run:        cmdUnwatch,
	},
}

func init() { register(txCommands...) }

// Transaction errors as Redis 7.0 words them.
const (
	errNestedMulti  = "ERR MULTI calls can not be nested"
	errExecNoMulti  = "ERR EXEC without MULTI"
	errDiscardNo    = "ERR DISCARD without MULTI"
	errWatchInMulti = "ERR WATCH inside MULTI is not allowed"
	errExecAbort    = "EXECABORT Transaction discarded because of previous errors."
)

// multiState is a client's open transaction.
type multiState struct {
	cmds []*Command
	args [][]string
	// aborted is set when a command failed to queue (unknown, wrong
	// arity): EXEC then refuses to run anything.
	aborted bool
}

// watchedKey is a key a client WATCHes. expired records that the key was
// already logically expired when watched: its removal then is no change.
type watchedKey struct {
	db      *DB
	key     string
	expired bool
}

// runsInMulti reports whether cmd runs at once even inside MULTI.
func runsInMulti(cmd *Command) bool {
	switch cmd.Name {
	case "exec", "discard", "multi", "watch", "quit", "reset":
		return cmd.parent == nil
	}
	return false
}

// multiLen returns the number of queued commands, or -1 outside MULTI,
// for CLIENT LIST.
func multiLen(c *Client) int {
	if c.multi == nil {
		return -1
	}
	return len(c.multi.cmds)
}

// InMulti reports whether the client has an open transaction; the
// terminal shows it in its prompt.
func (c *Client) InMulti() bool { return c.multi != nil }

func cmdMulti(x *Ctx) Value {
	if x.Client.multi != nil {
		return Err(errNestedMulti)
	}
	x.Client.multi = &multiState{}
	return OK
}

func cmdDiscard(x *Ctx) Value {
	if x.Client.multi == nil {
		return Err(errDiscardNo)
	}
	x.Client.multi = nil
	x.Engine.unwatchAll(x.Client)
	return OK
}

func cmdExec(x *Ctx) Value {
	c, e := x.Client, x.Engine
	m := c.multi
	if m == nil {
		return Err(errExecNoMulti)
	}
	c.multi = nil
	defer e.unwatchAll(c)
	if m.aborted {
		return Err(errExecAbort)
	}
	if c.dirtyCAS || e.watchedKeyExpired(c, x.Now) {
		return NullArray
	}
	replies := make([]Value, len(m.cmds))
	c.execing = true
	defer func() { c.execing = false }()
	for i, cmd := range m.cmds {
		r := e.call(c, cmd, m.args[i])
		if r.Kind == KindMulti && len(r.Elems) > 0 {
			// Only the first of several replies fits the EXEC array slot.
			r = r.Elems[0]
		}
		replies[i] = r
	}
	return Array(replies...)
}

func cmdWatch(x *Ctx) Value {
	c, e := x.Client, x.Engine
	if c.multi != nil {
		return Err(errWatchInMulti)
	}
	for _, k := range x.Args[1:] {
		if c.watches(x.DB, k) {
			continue
		}
		when, has := x.DB.Expire(k)
		_, present := x.DB.keys[k]
		c.watched = append(c.watched, &watchedKey{db: x.DB, key: k, expired: present && has && when <= x.Now})
		dk := dbKey{x.DB, k}
		if e.watchers == nil {
			e.watchers = map[dbKey][]*Client{}
		}
		e.watchers[dk] = append(e.watchers[dk], c)
	}
	return OK
}

func cmdUnwatch(x *Ctx) Value {
	x.Engine.unwatchAll(x.Client)
	return OK
}

func (c *Client) watches(db *DB, key string) bool {
	for _, w := range c.watched {
		if w.db == db && w.key == key {
			return true
		}
	}
	return false
}

// unwatchAll forgets every key c watches and clears its failed-CAS flag.
func (e *Engine) unwatchAll(c *Client) {
	for _, w := range c.watched {
		dk := dbKey{w.db, w.key}
		q := e.watchers[dk]
		for i, other := range q {
			if other == c {
				q = append(q[:i:i], q[i+1:]...)
				break
			}
		}
		if len(q) == 0 {
			delete(e.watchers, dk)
		} else {
			e.watchers[dk] = q
		}
	}
	c.watched = nil
	c.dirtyCAS = false
}

// touchWatched fails the next EXEC of every client watching key, except
// where a key already expired when watched is only now removed: that is
// no logical change, as in Redis 7.0.
func (e *Engine) touchWatched(db *DB, key string) {
	for _, c := range e.watchers[dbKey{db, key}] {
		for _, w := range c.watched {
			if w.db != db || w.key != key {
				continue
			}
			if w.expired {
				when, has := db.expires[key]
				if _, present := db.keys[key]; !present || (has && when <= db.engine.clock().UnixMilli()) {
					w.expired = false
					continue
				}
			}
			c.dirtyCAS = true
		}
	}
}

// watchedKeyExpired reports whether a watched key that was alive when
// watched has logically expired since, which fails EXEC too.
func (e *Engine) watchedKeyExpired(c *Client, now int64) bool {
	for _, w := range c.watched {
		if w.expired {
			continue
		}
		if when, has := w.db.expires[w.key]; has && when <= now {
			return true
		}
	}
	return false
}
