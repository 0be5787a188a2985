package main

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"redisplay/engine"
	"redisplay/engine/resp"
)

// runServer runs `redisplay server`: the engine as a Redis server speaking
// RESP2/RESP3 over TCP until SIGINT or SIGTERM.
func runServer(args []string) error {
	fs := flag.NewFlagSet("server", flag.ContinueOnError)
	port := fs.Int("port", 6379, "TCP port to listen on")
	bind := fs.String("bind", "127.0.0.1", "address to listen on")
	procs := fs.Int("procs", defaultProcs(), "OS threads running Go code at once (GOMAXPROCS)")
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
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(sig)
	go func() {
		<-sig
		srv.Close()
	}()
	fmt.Fprintf(os.Stderr, "redisplay: ready to accept connections on %s\n", ln.Addr())
	return srv.Serve(ln)
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
			c.cl.Close()
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

	mu  sync.Mutex // guards out
	out []byte

	wmu   sync.Mutex // serialises flushes; guards spare
	spare []byte

	pushOnce sync.Once
	pushed   chan struct{}
	quit     chan struct{}
}

func (s *server) newConn(nc net.Conn) *conn {
	c := &conn{srv: s, nc: nc, rd: resp.NewReader(nc),
		out: make([]byte, 0, 4096), spare: make([]byte, 0, 4096),
		pushed: make(chan struct{}, 1), quit: make(chan struct{})}
	c.emit = c.append
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
		var err error
		cmds, err = c.rd.ReadBatch(cmds[:0])
		closing := false
		if i := securityAttack(cmds); i >= 0 {
			// Redis drops a connection that looks like an HTTP request
			// (cross-protocol scripting) without answering it.
			cmds, err, closing = cmds[:i], nil, true
		}
		if len(cmds) > 0 {
			c.srv.clock.refresh()
			c.srv.eng.ExecBatch(c.cl, cmds, c.emit)
			clear(cmds) // let the arguments be collected
		}
		if err != nil && resp.IsProtocolError(err) && !c.cl.CloseAfterReply {
			c.append(engine.Err(err.Error()))
		}
		if c.flush() != nil || err != nil || closing || c.cl.CloseAfterReply {
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
