package persist

import (
	"redisplay/engine/resp"

	"strconv"
	"strings"

	"redisplay/engine"
)

// timeTag starts the annotation line that gives the time, in Unix
// milliseconds, at which the records after it ran. Redis skips lines that
// start with '#' in an AOF (its own "#TS:" annotations carry seconds), so
// the log stays loadable by Redis tools; replaying each record at its own
// time makes expiries come out exactly as they did, including keys that
// expired between two writes.
const timeTag = "#T:"

func appendTime(b []byte, ms int64) []byte {
	b = append(b, timeTag...)
	b = strconv.AppendInt(b, ms, 10)
	return append(b, '\r', '\n')
}

// logWriter turns journaled writes into log records. It remembers the
// database and time the log is at, so that SELECT and time annotations are
// written only when they change.
type logWriter struct {
	db   int
	time int64
}

// reset starts a new log file, which begins in database 0 at no time.
func (w *logWriter) reset() { w.db, w.time = -1, 0 }

// append adds the records for one command's writes to b.
func (w *logWriter) append(b []byte, ws []engine.Write) []byte {
	for i := 0; i < len(ws); {
		if !ws[i].InExec {
			b = w.appendOne(b, ws[i], true)
			i++
			continue
		}
		// The writes of one EXEC are replayed as one transaction.
		j := i
		for j < len(ws) && ws[j].InExec {
			j++
		}
		b = w.at(b, ws[i].Now)
		b = w.selectDB(b, ws[i].DB)
		b = resp.AppendCommand(b, "MULTI")
		for _, x := range ws[i:j] {
			b = w.appendOne(b, x, false)
		}
		b = resp.AppendCommand(b, "EXEC")
		i = j
	}
	return b
}

func (w *logWriter) at(b []byte, ms int64) []byte {
	if ms != w.time {
		w.time = ms
		b = appendTime(b, ms)
	}
	return b
}

func (w *logWriter) selectDB(b []byte, db int) []byte {
	if db != w.db {
		w.db = db
		b = resp.AppendCommand(b, "SELECT", strconv.Itoa(db))
	}
	return b
}

func (w *logWriter) appendOne(b []byte, x engine.Write, timed bool) []byte {
	if timed {
		b = w.at(b, x.Now)
	}
	b = w.selectDB(b, x.DB)
	for _, args := range deterministic(x) {
		// A command the loader would refuse (one that changed only a
		// cache, say) must not make the log unloadable.
		if replayable(args[0]) {
			b = resp.AppendCommand(b, args...)
		}
	}
	return b
}

// deterministic returns the commands that redo x on replay whatever the
// time and whatever the random choices: relative expiry times become
// absolute, SPOP becomes the SREM of what it popped, and a blocking pop
// becomes the non-blocking pop of what it took.
func deterministic(x engine.Write) [][]string {
	args := x.Args
	name := strings.ToLower(args[0])
	key := func() string {
		if len(args) > 1 {
			return args[1]
		}
		return ""
	}
	switch name {
	case "set":
		return [][]string{absoluteSet(args, x.Now)}
	case "setex", "psetex":
		if len(args) == 4 {
			if at, ok := absolute(args[2], x.Now, name == "setex", false); ok {
				return [][]string{{"SET", args[1], args[3], "PXAT", at}}
			}
		}
	case "expire", "pexpire", "expireat", "pexpireat":
		if len(args) >= 3 {
			unixTime := name == "expireat" || name == "pexpireat"
			secs := name == "expire" || name == "expireat"
			if at, ok := absolute(args[2], x.Now, secs, unixTime); ok {
				return [][]string{append([]string{"PEXPIREAT", args[1], at}, args[3:]...)}
			}
		}
	case "getex":
		return getex(args, x.Now)
	case "spop":
		if m := strs(x.Reply); len(m) > 0 {
			return [][]string{append([]string{"SREM", key()}, m...)}
		}
	case "blpop", "brpop", "bzpopmin", "bzpopmax":
		if len(x.Reply.Elems) > 0 {
			return [][]string{{strings.ToUpper(name[1:]), x.Reply.Elems[0].Str}}
		}
	case "blmove":
		if len(args) == 6 {
			return [][]string{{"LMOVE", args[1], args[2], args[3], args[4]}}
		}
	case "brpoplpush":
		if len(args) == 4 {
			return [][]string{{"RPOPLPUSH", args[1], args[2]}}
		}
	case "blmpop", "bzmpop":
		// The reply is [key, [elements]]: pop that many from that key,
		// at the end the command named.
		if len(x.Reply.Elems) == 2 && len(args) > 3 {
			k, n := x.Reply.Elems[0].Str, strconv.Itoa(len(x.Reply.Elems[1].Elems))
			numkeys, err := strconv.Atoi(args[2])
			if err != nil || numkeys < 1 || 3+numkeys >= len(args) {
				break
			}
			var pop string
			switch strings.ToLower(args[3+numkeys]) {
			case "left":
				pop = "LPOP"
			case "right":
				pop = "RPOP"
			case "min":
				pop = "ZPOPMIN"
			case "max":
				pop = "ZPOPMAX"
			}
			if pop != "" {
				return [][]string{{pop, k, n}}
			}
		}
	}
	return [][]string{args}
}

// absolute turns an expiry argument into absolute Unix milliseconds.
func absolute(arg string, now int64, secs, unixTime bool) (string, bool) {
	n, err := strconv.ParseInt(arg, 10, 64)
	if err != nil {
		return "", false
	}
	if secs {
		if n > (1<<63-1)/1000 || n < -(1<<63-1)/1000 {
			return "", false
		}
		n *= 1000
	}
	if !unixTime {
		if (now > 0 && n > 1<<63-1-now) || (now < 0 && n < -(1<<63-1)-now) {
			return "", false
		}
		n += now
	}
	return strconv.FormatInt(n, 10), true
}

// absoluteSet rewrites SET's EX, PX and EXAT options as PXAT.
func absoluteSet(args []string, now int64) []string {
	for i := 3; i+1 < len(args); i++ {
		var secs, unixTime bool
		switch strings.ToLower(args[i]) {
		case "ex":
			secs = true
		case "px":
		case "exat":
			secs, unixTime = true, true
		default:
			continue
		}
		at, ok := absolute(args[i+1], now, secs, unixTime)
		if !ok {
			return args
		}
		out := append([]string(nil), args...)
		out[i], out[i+1] = "PXAT", at
		return out
	}
	return args
}

// getex keeps only GETEX's effect on the time to live.
func getex(args []string, now int64) [][]string {
	if len(args) == 3 && strings.EqualFold(args[2], "persist") {
		return [][]string{{"PERSIST", args[1]}}
	}
	if len(args) == 4 {
		var secs, unixTime bool
		switch strings.ToLower(args[2]) {
		case "ex":
			secs = true
		case "px":
		case "exat":
			secs, unixTime = true, true
		case "pxat":
			unixTime = true
		default:
			return [][]string{args}
		}
		if at, ok := absolute(args[3], now, secs, unixTime); ok {
			return [][]string{{"PEXPIREAT", args[1], at}}
		}
	}
	return [][]string{args}
}

// strs returns the strings of a bulk reply or of an array or set of them.
func strs(v engine.Value) []string {
	switch v.Kind {
	case engine.KindBulk:
		return []string{v.Str}
	case engine.KindArray, engine.KindSet:
		out := make([]string, 0, len(v.Elems))
		for _, e := range v.Elems {
			out = append(out, e.Str)
		}
		return out
	}
	return nil
}
