// Package engine is a Redis 7 compatible in-memory engine: the keyspace, the
// data types, the command table and per-client state. It knows nothing of
// networks or browsers; front ends hand it argument vectors and render the
// Values it answers.
package engine

import (
	"strings"
	"sync"
	"time"
)

// Options configure an Engine.
type Options struct {
	// Clock returns the current time; tests inject a fake one.
	Clock func() time.Time
	// Databases is the number of databases (16 when zero).
	Databases int
}

// Engine holds the databases and the clients. Its methods are safe for
// concurrent use; commands run one at a time, as in Redis.
type Engine struct {
	mu      sync.Mutex
	clock   func() time.Time
	dbs     []*DB
	clients map[int64]*Client
	nextID  int64
	started time.Time
	dirty   int64
	stats   stats
	// config holds the settings CONFIG SET changed (config.go).
	config configState

	// Blocked clients by the key they wait on, keys written since the last
	// command that someone waits on, and how many clients are blocked.
	blocked      map[dbKey][]*blockState
	ready        []dbKey
	blockedCount int
	blockSeq     int64

	// Clients watching each key, and the pub/sub subscribers of each
	// channel, pattern and shard channel in subscription order.
	watchers map[dbKey][]*Client
	pubsub   pubsubState

	// journal receives the writes of each command; pending collects them
	// until the command (and the clients it unblocked) are done.
	journal func([]Write)
	pending []Write

	// persist is the storage behind SAVE and friends (persistence.go).
	persist persistState

	// now is the time of the running command, so that stamping values
	// does not read the clock again.
	now int64
}

// Write is one change a command made to the dataset: what ran, on which
// database, what it answered and which keys it changed. A persistence
// layer turns Writes into an append-only log.
type Write struct {
	DB    int
	Args  []string
	Reply Value
	Keys  []DBKey
	// InExec is set for the commands an EXEC ran, which must be replayed
	// as one transaction.
	InExec bool
	// Now is the command's time in Unix milliseconds: replaying the write
	// at the same time reproduces its expiries.
	Now int64
}

// DBKey names a key in a numbered database.
type DBKey struct {
	DB  int
	Key string
}

// SetJournal makes fn receive, after each command, the writes it made in
// order (a command that changed nothing makes none). fn runs with the
// engine locked and must not call back into it.
func (e *Engine) SetJournal(fn func([]Write)) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.journal = fn
}

// record queues a write for the journal.
func (e *Engine) record(x *Ctx, args []string, reply Value) {
	e.pending = append(e.pending, Write{DB: x.DB.ID, Args: args, Reply: reply, Keys: x.modified, InExec: x.Client.execing, Now: x.Now})
}

type stats struct {
	commands    int64
	connections int64
	hits        int64
	misses      int64
	expiredKeys int64
}

// New returns an empty engine.
func New(opts Options) *Engine {
	if opts.Clock == nil {
		opts.Clock = time.Now
	}
	if opts.Databases <= 0 {
		opts.Databases = 16
	}
	e := &Engine{clock: opts.Clock, clients: map[int64]*Client{}}
	e.started = e.clock()
	for i := 0; i < opts.Databases; i++ {
		e.dbs = append(e.dbs, newDB(e, i))
	}
	return e
}

// Client is one connection's state: a terminal pane or a TCP connection.
type Client struct {
	ID   int64
	Name string
	// DB is the selected database index.
	DB int
	// Proto is the RESP version, 2 or 3.
	Proto int
	// Addr and LocalAddr are shown by CLIENT LIST ("127.0.0.1:50012").
	Addr, LocalAddr string
	// LibName and LibVer are set by CLIENT SETINFO and HELLO.
	LibName, LibVer string
	// CloseAfterReply asks the front end to close the connection once the
	// current reply is written (QUIT).
	CloseAfterReply bool

	created time.Time
	lastCmd string
	lastAt  time.Time
	engine  *Engine
	push    func(Value)
	blocked *blockState

	multi    *multiState
	execing  bool
	watched  []*watchedKey
	dirtyCAS bool
	subs     subscriptions
}

// NewClient registers a new client. push, if not nil, receives replies that
// arrive later (blocked commands, pub/sub messages); it is called with the
// engine locked and must not call back into the engine.
func (e *Engine) NewClient(push func(Value)) *Client {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.nextID++
	e.stats.connections++
	now := e.clock()
	c := &Client{ID: e.nextID, Proto: 2, created: now, lastAt: now, lastCmd: "NULL", engine: e, push: push,
		Addr: "127.0.0.1:0", LocalAddr: "127.0.0.1:6379"}
	e.clients[c.ID] = c
	return c
}

// Close unregisters the client.
func (c *Client) Close() {
	e := c.engine
	e.mu.Lock()
	defer e.mu.Unlock()
	if c.blocked != nil {
		e.unblock(c.blocked)
	}
	e.unwatchAll(c)
	e.unsubscribeAll(c)
	delete(e.clients, c.ID)
}

// Exec runs one command for c and returns its reply.
func (e *Engine) Exec(c *Client, args []string) Value {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.exec(c, args)
}

// ExecBatch runs several commands for c under one lock, handing each reply
// to emit in order; a pipelining front end uses it to pay for locking once.
// It stops after a command that closes the client (QUIT) or leaves it
// blocked, and returns how many commands it ran: as in Redis, a blocked
// client's further commands wait until its reply has been pushed.
func (e *Engine) ExecBatch(c *Client, cmds [][]string, emit func(Value)) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	for i, args := range cmds {
		emit(e.exec(c, args))
		if c.CloseAfterReply || c.blocked != nil {
			return i + 1
		}
	}
	return len(cmds)
}

// IsBlocked reports whether c waits for a blocking command's reply, taking
// the engine lock (Client.Blocked is for code that already holds it).
func (e *Engine) IsBlocked(c *Client) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return c.blocked != nil
}

func (e *Engine) exec(c *Client, args []string) Value {
	if len(args) == 0 {
		return None
	}
	cmd, errv := resolve(args)
	if errv == nil && e.config.maxmemory > 0 {
		errv = e.memoryCheck(c, cmd)
	}
	if errv == nil && c.Proto == 2 && c.subs.count() > 0 && !allowedWhenSubscribed(cmd) {
		v := Err("ERR Can't execute '" + cmd.FullName() + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context")
		errv = &v
	}
	if errv == nil && c.multi != nil && cmd.HasFlag("no_multi") {
		v := Err("ERR Command not allowed inside a transaction")
		errv = &v
	}
	if errv != nil {
		// A command that cannot even be queued dooms the transaction; an
		// EXEC refused this way answers EXECABORT, in MULTI or not.
		if cmd != nil && cmd.Name == "exec" {
			c.multi = nil
			e.unwatchAll(c)
			return Err("EXECABORT Transaction discarded because of: " + strings.TrimPrefix(errv.Str, "ERR "))
		}
		if c.multi != nil {
			c.multi.aborted = true
		}
		return *errv
	}
	if c.multi != nil && !runsInMulti(cmd) {
		c.multi.cmds = append(c.multi.cmds, cmd)
		c.multi.args = append(c.multi.args, args)
		return Simple("QUEUED")
	}
	reply := e.call(c, cmd, args)
	// As in Redis, clients blocked on keys this command (or a whole EXEC)
	// made ready are served once it has finished.
	if len(e.ready) > 0 {
		e.serveReady(e.clock().UnixMilli())
	}
	if len(e.pending) > 0 {
		e.journal(e.pending)
		e.pending = e.pending[:0]
	}
	return reply
}

// resolve finds the command (or subcommand) args name and checks its
// arity; on an arity error it returns the command along with the error.
func resolve(args []string) (*Command, *Value) {
	cmd := Lookup(args[0])
	if cmd == nil {
		v := unknownCommand(args)
		return nil, &v
	}
	if cmd.Subcommands != nil && len(args) >= 2 {
		sub := cmd.Subcommand(args[1])
		if sub == nil {
			v := Err(sanitizeError(errorf(ErrUnknownSubcmd, args[1], upper(cmd.Name))))
			return nil, &v
		}
		cmd = sub
	}
	if !checkArity(cmd.Arity, len(args)) || cmd.Run == nil {
		v := Err(errorf(ErrWrongArgs, cmd.FullName()))
		return cmd, &v
	}
	return cmd, nil
}

// call runs one resolved command. A panic in the handler is answered as an
// error and leaves the engine usable.
func (e *Engine) call(c *Client, cmd *Command, args []string) (reply Value) {
	now := e.clock()
	x := &Ctx{Engine: e, Client: c, Cmd: cmd, Args: args, DB: e.dbs[c.DB], Now: now.UnixMilli()}
	e.now = x.Now
	defer func() {
		if r := recover(); r != nil {
			reply = Err("ERR internal error in '" + cmd.FullName() + "': " + panicText(r))
		}
	}()
	e.stats.commands++
	c.lastCmd = cmd.FullName()
	c.lastAt = now
	dirty := e.dirty
	reply = cmd.Run(x)
	// EXEC's own writes are recorded command by command as it runs them.
	if e.journal != nil && e.dirty != dirty && cmd.Name != "exec" {
		e.record(x, args, reply)
	}
	return reply
}

// Tick does the periodic work Redis's serverCron does: it removes a sample
// of expired keys. Front ends call it about ten times a second.
func (e *Engine) Tick() {
	e.mu.Lock()
	defer e.mu.Unlock()
	now := e.clock().UnixMilli()
	for _, db := range e.dbs {
		db.activeExpire(now, 200)
	}
	e.expireBlocked(now)
}

// DB returns database i, for tests and front ends that show the keyspace.
// Callers must not use it while commands run concurrently.
func (e *Engine) DB(i int) *DB { return e.dbs[i] }

// nowMs returns the running command's time, or the clock's outside one.
func (e *Engine) nowMs() int64 {
	if e.now != 0 {
		return e.now
	}
	return e.clock().UnixMilli()
}

// keyModified is called for every change to key; WATCH and blocking
// commands hook in here.
func (e *Engine) keyModified(db *DB, key string) {
	if e.blockedCount > 0 {
		e.signalReady(db, key)
	}
	if len(e.watchers) > 0 {
		e.touchWatched(db, key)
	}
}

func upper(s string) string {
	b := []byte(s)
	for i, ch := range b {
		if 'a' <= ch && ch <= 'z' {
			b[i] = ch - 32
		}
	}
	return string(b)
}
