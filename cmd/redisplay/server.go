package main

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	hpos "github.com/hack-pad/hackpadfs/os"

	"redisplay/engine"
	"redisplay/engine/persist"
	"redisplay/engine/resp"
)

// runServer runs `redisplay server`: the engine as a Redis server speaking
// RESP2/RESP3 over TCP until SIGINT or SIGTERM.
func runServer(args []string) error {
	fs := flag.NewFlagSet("server", flag.ContinueOnError)
	port := fs.Int("port", 6379, "TCP port to listen on")
	bind := fs.String("bind", "127.0.0.1", "address to listen on")
	procs := fs.Int("procs", defaultProcs(), "OS threads running Go code at once (GOMAXPROCS)")
	dir := fs.String("dir", "", "directory the data is kept in and loaded from at start (none: data lives in memory only)")
	appendOnly := fs.String("appendonly", "no", "yes: log every write to --dir (else only SAVE, BGSAVE and BGREWRITEAOF store it)")
	appendFsync := fs.String("appendfsync", "everysec", "when the log is synced: everysec, always or no")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *procs > 0 {
		runtime.GOMAXPROCS(*procs)
	}
	if os.Getenv("GOGC") == "" {
		// The live heap of a small keyspace is tiny, so the default
		// target makes the collector run many times a second under load;
		// a larger one trades a few MB for throughput.
		debug.SetGCPercent(400)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("server: unexpected argument %q", fs.Arg(0))
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(*bind, strconv.Itoa(*port)))
	if err != nil {
		return err
	}
	srv := newServer(nil)
	store, err := openStore(srv, *dir, *appendOnly, *appendFsync)
	if err != nil {
		ln.Close()
		return err
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(sig)
	go func() {
		<-sig
		srv.Close()
	}()
	fmt.Fprintf(os.Stderr, "redisplay: ready to accept connections on %s\n", ln.Addr())
	err = srv.Serve(ln)
	if store != nil {
		// Serve has waited for the connections: nothing writes any more.
		if cerr := store.Close(); err == nil {
			err = cerr
		}
	}
	return err
}

// openStore loads --dir into the server's engine and keeps storing its
// writes there, flushing the log every second as appendfsync everysec
// does. Without --dir (and without --appendonly yes, which uses the
// current directory, as Redis does) it returns nil: data lives in memory.
func openStore(srv *server, dir, appendOnly, fsync string) (*persist.Store, error) {
	var aof bool
	switch strings.ToLower(appendOnly) {
	case "yes":
		aof = true
	case "no":
	default:
		return nil, fmt.Errorf("server: --appendonly must be yes or no, not %q", appendOnly)
	}
	policy, ok := persist.ParseFsync(fsync)
	if !ok {
		return nil, fmt.Errorf("server: --appendfsync must be everysec, always or no, not %q", fsync)
	}
	if dir == "" && !aof {
		return nil, nil
	}
	if dir == "" {
		dir = "."
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return nil, err
	}
	fsys, err := hpos.NewFS().Sub(strings.TrimPrefix(filepath.ToSlash(abs), "/"))
	if err != nil {
		return nil, err
	}
	store, err := persist.Open(fsys, persist.Options{Engine: engine.Options{Clock: srv.clock.now}, AppendOnly: aof, Fsync: policy})
	var corrupt *persist.CorruptError
	if errors.As(err, &corrupt) {
		// As Redis with aof-load-truncated: load what is whole, say so.
		fmt.Fprintf(os.Stderr, "redisplay: %v\n", err)
	} else if err != nil {
		return nil, err
	}
	srv.eng = store.Engine()
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-srv.done:
				return
			case <-t.C:
				if err := store.Flush(); err != nil {
					fmt.Fprintf(os.Stderr, "redisplay: writing %s: %v\n", abs, err)
				}
			}
		}
	}()
	return store, nil
}

// defaultProcs picks GOMAXPROCS for the server: commands run one at a time
// under the engine lock, so more threads only overlap socket system calls,
// and on a small machine they compete with the clients and the kernel's
// network work instead (measured: 1 thread beats 2 on a 2-core box by
// 15-30% under redis-benchmark). Use half the CPUs; GOMAXPROCS in the
// environment wins.
func defaultProcs() int {
	if os.Getenv("GOMAXPROCS") != "" {
		return 0
	}
	return max(1, runtime.NumCPU()/2)
}

// server accepts connections and runs their commands on one engine.
type server struct {
	eng   *engine.Engine
	clock batchClock

	mu     sync.Mutex
	ln     net.Listener
	conns  map[*conn]struct{}
	closed bool
	done   chan struct{}
	wg     sync.WaitGroup
}

// newServer returns a server for eng, or for a new engine on the server's
// batch clock when eng is nil.
func newServer(eng *engine.Engine) *server {
	s := &server{eng: eng, conns: map[*conn]struct{}{}, done: make(chan struct{})}
	s.clock.refresh()
	if eng == nil {
		s.eng = engine.New(engine.Options{Clock: s.clock.now})
	}
	return s
}

// batchClock is the engine's clock in the server: the time is read once
// per batch of pipelined commands rather than several times per command,
// as Redis caches its clock per event-loop turn. Reading the real clock
// cost about 12% of a pipelined SET's CPU time. The stored time only moves
// forward, whichever connection refreshes it.
type batchClock struct{ ns atomic.Int64 }

func (c *batchClock) refresh() {
	n := time.Now().UnixNano()
	for {
		old := c.ns.Load()
		if n <= old || c.ns.CompareAndSwap(old, n) {
			return
		}
	}
}

func (c *batchClock) now() time.Time { return time.Unix(0, c.ns.Load()) }

// Serve accepts connections on ln until Close; it returns nil after Close.
func (s *server) Serve(ln net.Listener) error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		ln.Close()
		return nil
	}
	s.ln = ln
	s.mu.Unlock()

	s.wg.Add(1)
	go s.tick()
	defer s.wg.Wait()
	for {
		nc, err := ln.Accept()
		if err != nil {
			select {
			case <-s.done:
				return nil
			default:
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				time.Sleep(5 * time.Millisecond)
				continue
			}
			s.Close()
			return err
		}
		c := s.newConn(nc)
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			nc.Close()
			c.cl.Close() // takes the engine lock: not under s.mu
			continue
		}
		s.conns[c] = struct{}{}
		s.wg.Add(1)
		s.mu.Unlock()
		go c.serve()
	}
}

// Close stops accepting, closes every connection and stops the ticker.
func (s *server) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	s.closed = true
	close(s.done)
	if s.ln != nil {
		s.ln.Close()
	}
	for c := range s.conns {
		c.nc.Close()
	}
}

// tick drives the engine's periodic work (active expiry, blocking
// timeouts) ten times a second, as Redis's serverCron does at hz 10.
func (s *server) tick() {
	defer s.wg.Done()
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-s.done:
			return
		case <-t.C:
			s.clock.refresh()
			s.eng.Tick()
		}
	}
}

// conn is one client connection. Replies are appended to out while the
// engine lock is held (by ExecBatch's emit or by push for replies that
// arrive later), so out's order is the engine's order; flush swaps out for
// an empty buffer and writes it, under wmu so writes keep that order.
type conn struct {
	srv  *server
	nc   net.Conn
	cl   *engine.Client
	rd   *resp.Reader
	emit func(engine.Value)

	// batch is the batch ExecBatch is running and emitted the number of
	// replies it gave so far; emit uses them to spot CLIENT KILL.
	batch   [][]string
	emitted int
	// quitting and blocked copy the client's CloseAfterReply and Blocked
	// while the engine lock is held, so the connection's goroutine can read
	// them after the batch.
	quitting, blocked bool

	mu  sync.Mutex // guards out
	out []byte

	wmu   sync.Mutex // serialises flushes; guards spare
	spare []byte

	pushOnce sync.Once
	pushed   chan struct{}
	quit     chan struct{}
	// unblocked is signalled when a push leaves the client unblocked.
	unblocked chan struct{}
}

func (s *server) newConn(nc net.Conn) *conn {
	c := &conn{srv: s, nc: nc, rd: resp.NewReader(nc),
		out: make([]byte, 0, 4096), spare: make([]byte, 0, 4096),
		pushed: make(chan struct{}, 1), quit: make(chan struct{}), unblocked: make(chan struct{}, 1)}
	c.emit = c.reply
	c.cl = s.eng.NewClient(c.push)
	c.cl.Addr = nc.RemoteAddr().String()
	c.cl.LocalAddr = nc.LocalAddr().String()
	return c
}

// append adds a reply in the client's current protocol; HELLO changes the
// protocol before its own reply is emitted, so that reply uses the new one.
func (c *conn) append(v engine.Value) {
	c.mu.Lock()
	c.out = resp.AppendValue(c.out, v, c.cl.Proto)
	c.mu.Unlock()
}

// reply is ExecBatch's emit: it appends the reply and, after a CLIENT
// command, closes the connections it killed. The engine only marks a killed
// client (CloseAfterReply); its connection may sit idle in a read, so the
// killer's goroutine closes it, here, where the engine lock makes reading
// the mark safe.
func (c *conn) reply(v engine.Value) {
	c.append(v)
	c.quitting = c.cl.CloseAfterReply
	c.blocked = c.cl.Blocked()
	i := c.emitted
	c.emitted++
	if i < len(c.batch) && strings.EqualFold(c.batch[i][0], "client") && v.Kind != engine.KindError {
		c.srv.closeKilled(c)
	}
}

// closeKilled closes the connections of clients marked to close, except
// self, which closes after its own batch. The engine lock is held.
func (s *server) closeKilled(self *conn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.conns {
		if c != self && c.cl.CloseAfterReply {
			c.nc.Close()
		}
	}
}

// push receives replies that arrive outside the client's own commands
// (pub/sub messages, a blocked command served by another client). It runs
// with the engine locked, so it only queues and wakes the pusher.
func (c *conn) push(v engine.Value) {
	c.append(v)
	c.pushOnce.Do(func() { go c.pusher() })
	select {
	case c.pushed <- struct{}{}:
	default:
	}
	if !c.cl.Blocked() {
		select {
		case c.unblocked <- struct{}{}:
		default:
		}
	}
}

// pusher writes pushed replies; it exists only for clients that get them.
func (c *conn) pusher() {
	for {
		select {
		case <-c.quit:
			return
		case <-c.pushed:
			if c.flush() != nil {
				c.nc.Close()
				return
			}
		}
	}
}

func (c *conn) flush() error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	c.mu.Lock()
	buf := c.out
	c.out = c.spare[:0]
	c.mu.Unlock()
	var err error
	if len(buf) > 0 {
		_, err = c.nc.Write(buf)
	}
	if cap(buf) > 1<<20 {
		buf = make([]byte, 0, 4096) // do not keep a huge reply's buffer
	}
	c.spare = buf[:0]
	return err
}

// serve reads batches of pipelined requests, runs each batch under one
// engine lock and answers it with one write.
func (c *conn) serve() {
	defer func() {
		close(c.quit)
		c.nc.Close()
		c.cl.Close()
		s := c.srv
		s.mu.Lock()
		delete(s.conns, c)
		s.mu.Unlock()
		s.wg.Done()
	}()
	cmds := make([][]string, 0, 64)
	for {
		b := c.read(cmds[:0])
		cmds = b.cmds
		if len(cmds) > 0 {
			if n := c.run(cmds); c.blocked {
				c.serveBlocked(cmds[n:], b)
				return
			}
			clear(cmds) // let the arguments be collected
		}
		if c.finish(b) {
			return
		}
	}
}

// batch is one read: the complete requests, the error that ended the read
// and whether the connection must close after them.
type batch struct {
	cmds    [][]string
	err     error
	closing bool
}

func (c *conn) read(cmds [][]string) batch {
	cmds, err := c.rd.ReadBatch(cmds)
	closing := false
	if i := securityAttack(cmds); i >= 0 {
		// Redis drops a connection that looks like an HTTP request
		// (cross-protocol scripting) without answering it.
		cmds, err, closing = cmds[:i], nil, true
	}
	return batch{cmds, err, closing}
}

// run executes cmds and returns how many ran before the client blocked or
// asked to close.
func (c *conn) run(cmds [][]string) int {
	c.srv.clock.refresh()
	c.batch, c.emitted = cmds, 0
	n := c.srv.eng.ExecBatch(c.cl, cmds, c.emit)
	c.batch = nil
	return n
}

// finish answers a read's protocol error, writes the replies and reports
// whether the connection is done.
func (c *conn) finish(b batch) bool {
	if b.err != nil && resp.IsProtocolError(b.err) && !c.quitting {
		c.append(engine.Err(b.err.Error()))
	}
	return c.flush() != nil || b.err != nil || b.closing || c.quitting
}

// serveBlocked takes over once a command leaves the client blocked. As in
// Redis, the client's further commands wait until the blocked reply has
// been pushed; meanwhile a goroutine keeps reading, so a client that hangs
// up is noticed (closing it ends the wait) and what it sends is queued.
func (c *conn) serveBlocked(pending [][]string, last batch) {
	pending = append([][]string(nil), pending...)
	batches := make(chan batch)
	stop := make(chan struct{})
	defer close(stop)
	reading := last.err == nil && !last.closing
	if reading {
		go func() {
			for {
				b := c.read(nil)
				select {
				case batches <- b:
				case <-stop:
					return
				}
				if b.err != nil || b.closing {
					return
				}
			}
		}()
	}
	if c.flush() != nil {
		return
	}
	end := last
	for {
		if !c.srv.eng.IsBlocked(c.cl) {
			c.blocked = false
			if len(pending) > 0 {
				n := c.run(pending)
				pending = pending[n:]
				if c.quitting {
					c.flush()
					return
				}
				if c.flush() != nil {
					return
				}
				continue
			}
			if !reading {
				c.finish(end)
				return
			}
		} else if !reading && end.err != nil {
			return // the client hung up while blocked
		}
		select {
		case b := <-batches:
			pending = append(pending, b.cmds...)
			if b.err != nil || b.closing {
				reading, end = false, b
			}
		case <-c.unblocked:
		case <-c.quit:
			return
		}
	}
}

// securityAttack returns the index of the first command that is an HTTP
// request line or header ("POST", "Host:"), or -1.
func securityAttack(cmds [][]string) int {
	for i, args := range cmds {
		if n := len(args[0]); (n == 4 || n == 5) && (strings.EqualFold(args[0], "post") || strings.EqualFold(args[0], "host:")) {
			return i
		}
	}
	return -1
}
