package engine

import "sort"

// Blocking commands (BLPOP and friends) park their client until a key they
// wait on changes or their timeout passes. As in Redis's blocked.c, a write
// only marks the key ready; clients are served once the writing command
// has finished, oldest first.

// blockState is what a parked client waits for.
type blockState struct {
	client   *Client
	cmd      *Command
	args     []string
	db       *DB
	keys     []string
	deadline int64 // Unix ms; 0 waits forever
	seq      int64 // order of blocking, to time out ties fairly
	timeout  Value
	// serve tries to answer the client now that key changed; ok is false
	// when the key still cannot serve it.
	serve func(x *Ctx, key string) (reply Value, ok bool)
}

type dbKey struct {
	db  *DB
	key string
}

// Block parks the running client on keys and returns None. serve is called
// each time one of the keys changes; timeoutMs zero waits forever, otherwise
// onTimeout is answered when it passes.
//
// Inside EXEC nothing may wait, so the timeout reply comes at once.
func (x *Ctx) Block(keys []string, timeoutMs int64, onTimeout Value, serve func(x *Ctx, key string) (Value, bool)) Value {
	if x.Client.execing {
		return onTimeout
	}
	e := x.Engine
	e.blockSeq++
	b := &blockState{client: x.Client, cmd: x.Cmd, args: x.Args, db: x.DB, keys: keys, timeout: onTimeout, serve: serve, seq: e.blockSeq}
	if timeoutMs > 0 {
		b.deadline = x.Now + timeoutMs
	}
	if e.blocked == nil {
		e.blocked = map[dbKey][]*blockState{}
	}
	for _, k := range keys {
		dk := dbKey{x.DB, k}
		e.blocked[dk] = append(e.blocked[dk], b)
	}
	x.Client.blocked = b
	e.blockedCount++
	return None
}

// Blocked reports whether the client waits for a blocking command's reply;
// a front end sends it nothing more until its push function gets the reply.
func (c *Client) Blocked() bool { return c.blocked != nil }

// BlockedClients returns how many clients are blocked.
func (e *Engine) BlockedClients() int { return e.blockedCount }

// blockedWithTimeout counts the blocked clients that have a timeout, as
// INFO's clients_in_timeout_table does.
func (e *Engine) blockedWithTimeout() int {
	n := 0
	for _, c := range e.clients {
		if c.blocked != nil && c.blocked.deadline != 0 {
			n++
		}
	}
	return n
}

// unblock removes the client from every key it waits on.
func (e *Engine) unblock(b *blockState) {
	for _, k := range b.keys {
		dk := dbKey{b.db, k}
		q := e.blocked[dk]
		for i, other := range q {
			if other == b {
				q = append(q[:i:i], q[i+1:]...)
				break
			}
		}
		if len(q) == 0 {
			delete(e.blocked, dk)
		} else {
			e.blocked[dk] = q
		}
	}
	if b.client.blocked == b {
		b.client.blocked = nil
		e.blockedCount--
	}
}

// signalReady notes that a key someone waits on has changed.
func (e *Engine) signalReady(db *DB, key string) {
	dk := dbKey{db, key}
	if _, waiting := e.blocked[dk]; !waiting {
		return
	}
	for _, r := range e.ready {
		if r == dk {
			return
		}
	}
	e.ready = append(e.ready, dk)
}

// serveReady answers the clients blocked on keys that changed, in the order
// the keys changed and, per key, in the order the clients blocked. Serving
// one client may make another key ready (BLMOVE pushes), so it loops.
func (e *Engine) serveReady(now int64) {
	for len(e.ready) > 0 {
		dk := e.ready[0]
		e.ready = e.ready[1:]
		for _, b := range append([]*blockState(nil), e.blocked[dk]...) {
			if b.client.blocked != b {
				continue
			}
			x := &Ctx{Engine: e, Client: b.client, Cmd: b.cmd, Args: b.args, DB: dk.db, Now: now}
			dirty := e.dirty
			reply, ok := b.serve(x, dk.key)
			if !ok {
				continue
			}
			if e.journal != nil && e.dirty != dirty {
				e.record(x, b.args, reply)
			}
			e.unblock(b)
			e.deliver(b.client, reply)
		}
	}
}

// expireBlocked answers the clients whose timeout has passed.
func (e *Engine) expireBlocked(now int64) {
	if e.blockedCount == 0 {
		return
	}
	var due []*blockState
	seen := map[*blockState]bool{}
	for _, q := range e.blocked {
		for _, b := range q {
			if b.deadline != 0 && b.deadline <= now && !seen[b] {
				seen[b] = true
				due = append(due, b)
			}
		}
	}
	sort.Slice(due, func(i, j int) bool {
		if due[i].deadline != due[j].deadline {
			return due[i].deadline < due[j].deadline
		}
		return due[i].seq < due[j].seq
	})
	for _, b := range due {
		e.unblock(b)
		e.deliver(b.client, b.timeout)
	}
}

func (e *Engine) deliver(c *Client, v Value) {
	if c.push != nil {
		c.push(v)
	}
}

// unblockClient wakes target if it is blocked, for CLIENT UNBLOCK: with
// its timeout reply, or with an error when withError is set.
func unblockClient(x *Ctx, target *Client, withError bool) bool {
	b := target.blocked
	if b == nil {
		return false
	}
	x.Engine.unblock(b)
	reply := b.timeout
	if withError {
		reply = Err("UNBLOCKED client unblocked via CLIENT UNBLOCK")
	}
	x.Engine.deliver(target, reply)
	return true
}
