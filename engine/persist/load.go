package persist

import (
	"redisplay/engine/resp"

	"strconv"
	"strings"

	"redisplay/engine"
)

// maxArgs and maxBulk bound what one record may claim, so a corrupt
// length cannot make the loader allocate without limit (Redis's limits).
const (
	maxArgs = 1 << 20
	maxBulk = 512 << 20
)

// CorruptError reports the part of a file that could not be loaded: what
// loaded is everything before Offset, as `redis-check-aof --fix` would
// keep it.
type CorruptError struct {
	// File is the file's name.
	File string
	// Offset is where the first record not loaded starts.
	Offset int64
	// Dropped is how many bytes from Offset to the end were not loaded.
	Dropped int64
	// Reason says what was wrong there.
	Reason string
}

// Error implements error.
func (e *CorruptError) Error() string {
	return "persist: " + e.File + ": " + e.Reason + " at offset " + strconv.FormatInt(e.Offset, 10) +
		"; dropped " + strconv.FormatInt(e.Dropped, 10) + " bytes"
}

// parser reads AOF records one by one.
type parser struct {
	data []byte
	pos  int
	// time is the last time annotation read (0: none).
	time int64
}

// errTruncated and errFormat are the two ways a record can be bad.
const (
	errTruncated = "unexpected end of file"
	errFormat    = "invalid record"
)

// next returns the next record and where it starts, skipping annotations.
// At the end of data it returns nil args and an empty reason.
func (p *parser) next() (args []string, start int, reason string) {
	for p.pos < len(p.data) && p.data[p.pos] == '#' {
		line, ok := p.line()
		if !ok {
			// Redis's loader and redis-check-aof skip an annotation
			// cut short by the end of the file; it holds no data.
			p.pos = len(p.data)
			return nil, p.pos, ""
		}
		if t, ok := strings.CutPrefix(line, timeTag); ok {
			if ms, err := strconv.ParseInt(t, 10, 64); err == nil {
				p.time = ms
			}
		}
	}
	start = p.pos
	if p.pos == len(p.data) {
		return nil, start, ""
	}
	if p.data[p.pos] != '*' {
		return nil, start, errFormat
	}
	n, reason := p.length('*', maxArgs)
	if reason != "" {
		p.pos = start
		return nil, start, reason
	}
	args = make([]string, 0, n)
	for i := 0; i < n; i++ {
		if p.pos == len(p.data) {
			p.pos = start
			return nil, start, errTruncated
		}
		size, reason := p.length('$', maxBulk)
		if reason != "" {
			p.pos = start
			return nil, start, reason
		}
		if len(p.data)-p.pos < size+2 {
			p.pos = start
			return nil, start, errTruncated
		}
		if p.data[p.pos+size] != '\r' || p.data[p.pos+size+1] != '\n' {
			p.pos = start
			return nil, start, errFormat
		}
		args = append(args, string(p.data[p.pos:p.pos+size]))
		p.pos += size + 2
	}
	if n == 0 {
		p.pos = start
		return nil, start, errFormat
	}
	return args, start, ""
}

// line reads up to and past the next "\n", returning the line without
// its "\r\n".
func (p *parser) line() (string, bool) {
	i := p.pos
	for i < len(p.data) && p.data[i] != '\n' {
		i++
	}
	if i == len(p.data) {
		return "", false
	}
	s := string(p.data[p.pos:i])
	p.pos = i + 1
	return strings.TrimSuffix(s, "\r"), true
}

// length reads "<prefix><n>\r\n" with 0 <= n <= limit.
func (p *parser) length(prefix byte, limit int) (int, string) {
	if p.data[p.pos] != prefix {
		return 0, errFormat
	}
	line, ok := p.line()
	if !ok {
		return 0, errTruncated
	}
	if len(line) < 2 || line[1] == '+' {
		return 0, errFormat
	}
	n, err := strconv.Atoi(line[1:])
	if err != nil || n < 0 || n > limit {
		return 0, errFormat
	}
	return n, ""
}

// replayer runs records through an engine client, holding back the
// commands of a transaction until its EXEC arrives, so that a transaction
// cut off by the end of the file is dropped whole.
type replayer struct {
	e      *engine.Engine
	c      *engine.Client
	setNow func(ms int64)

	multi      [][]string
	multiStart int
	inMulti    bool
	// Commands counts the commands run.
	commands int
}

func newReplayer(e *engine.Engine, setNow func(int64)) *replayer {
	return &replayer{e: e, c: e.NewClient(nil), setNow: setNow}
}

func (r *replayer) close() { r.c.Close() }

// replayable says whether a logged command may run on load: only commands
// that write and never block. Others would change the loading client's
// state (SUBSCRIBE, MULTI nesting, QUIT) or wait forever; the writer never
// logs them, so meeting one means the file is not ours or is damaged.
func replayable(name string) bool {
	if strings.EqualFold(name, "select") {
		return true
	}
	cmd := engine.Lookup(name)
	return cmd != nil && cmd.Run != nil && cmd.HasFlag("write") && !cmd.HasFlag("blocking")
}

// load replays data. On a damaged record it stops and reports what it
// dropped from there (or from the start of a transaction left open).
func (r *replayer) load(name string, data []byte) *CorruptError {
	p := &parser{data: data}
	r.inMulti, r.multi = false, nil
	corrupt := func(at int, reason string) *CorruptError {
		if r.inMulti {
			at = r.multiStart
			r.inMulti, r.multi = false, nil
		}
		return &CorruptError{File: name, Offset: int64(at), Dropped: int64(len(data) - at), Reason: reason}
	}
	for {
		args, start, reason := p.next()
		if reason != "" {
			return corrupt(start, reason)
		}
		if args == nil {
			if r.inMulti {
				return corrupt(start, "unfinished transaction")
			}
			return nil
		}
		switch {
		case strings.EqualFold(args[0], "multi") && len(args) == 1:
			if r.inMulti {
				return corrupt(start, "nested MULTI")
			}
			r.inMulti, r.multiStart, r.multi = true, start, r.multi[:0]
			continue
		case strings.EqualFold(args[0], "exec") && len(args) == 1:
			if !r.inMulti {
				return corrupt(start, "EXEC without MULTI")
			}
			r.run(p.time, []string{"MULTI"})
			for _, a := range r.multi {
				r.run(p.time, a)
			}
			r.run(p.time, args)
			r.inMulti, r.multi = false, nil
			continue
		case !replayable(args[0]):
			return corrupt(start, "unexpected command "+strconv.Quote(truncate(args[0], 32)))
		}
		if r.inMulti {
			r.multi = append(r.multi, args)
			continue
		}
		r.run(p.time, args)
	}
}

func (r *replayer) run(ms int64, args []string) {
	if ms != 0 && r.setNow != nil {
		r.setNow(ms)
	}
	r.e.Exec(r.c, args)
	r.commands++
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// Import runs every command of a RESP command file (an export, an AOF)
// through a new client of e, at e's current time, and returns how many
// ran. A damaged or foreign part stops it: everything before it has run
// and the error says what was dropped.
func Import(e *engine.Engine, data []byte) (int, error) {
	r := newReplayer(e, nil)
	defer r.close()
	if err := r.load("import", data); err != nil {
		return r.commands, err
	}
	return r.commands, nil
}

// Export returns the whole dataset as a RESP command file, the commands
// Engine.Rewrite emits: `redis-cli --pipe` loads it into a Redis server,
// and Import loads it back.
func Export(e *engine.Engine) []byte {
	var b []byte
	e.Rewrite(func(args []string) { b = resp.AppendCommand(b, args...) })
	return b
}
