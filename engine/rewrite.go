package engine

import (
	"math"
	"sort"
	"strconv"
)

// rewriteItemsPerCmd is how many elements one rebuilding command carries,
// as Redis's AOF rewrite does, so no command grows without bound.
const rewriteItemsPerCmd = 64

// Rewrite hands emit the commands that rebuild the whole dataset from
// nothing: SELECT before each non-empty database, then per key a SET,
// RPUSH, SADD, HSET or ZADD (several for big values) and PEXPIREAT for a
// key with a time to live. Keys already expired are left out. Keys come in
// sorted order so the output is reproducible. The commands are what an AOF
// rewrite writes, so the same stream serves as a snapshot and as an export
// that `redis-cli --pipe` loads into Redis. emit runs with the engine
// locked and must not call back into it; args is reused between calls.
func (e *Engine) Rewrite(emit func(args []string)) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.rewrite(e.clock().UnixMilli(), emit)
}

func (e *Engine) rewrite(now int64, emit func(args []string)) {
	args := make([]string, 0, 2+2*rewriteItemsPerCmd)
	for _, db := range e.dbs {
		keys := make([]string, 0, len(db.keys))
		for k := range db.keys {
			if when, ok := db.expires[k]; ok && when <= now {
				continue
			}
			keys = append(keys, k)
		}
		if len(keys) == 0 {
			continue
		}
		sort.Strings(keys)
		emit(append(args[:0], "SELECT", strconv.Itoa(db.ID)))
		for _, k := range keys {
			rewriteObject(k, db.keys[k], args, emit)
			if when, ok := db.expires[k]; ok {
				emit(append(args[:0], "PEXPIREAT", k, strconv.FormatInt(when, 10)))
			}
		}
	}
}

// rewriteObject emits the commands that create key with o's value.
func rewriteObject(key string, o *Object, args []string, emit func([]string)) {
	// chunk emits cmd key items... in commands of at most
	// rewriteItemsPerCmd elements; item appends element i's arguments.
	chunk := func(cmd string, n int, item func(i int, args []string) []string) {
		for i := 0; i < n; {
			a := append(args[:0], cmd, key)
			for j := 0; j < rewriteItemsPerCmd && i < n; j, i = j+1, i+1 {
				a = item(i, a)
			}
			emit(a)
		}
	}
	switch o.Type {
	case TypeString:
		emit(append(args[:0], "SET", key, o.Str))
	case TypeList:
		l := o.Val.(*list)
		chunk("RPUSH", l.Len(), func(i int, a []string) []string { return append(a, l.At(i)) })
	case TypeSet:
		m := o.Val.(*set).Members()
		chunk("SADD", len(m), func(i int, a []string) []string { return append(a, m[i]) })
	case TypeHash:
		h := o.Val.(*hash)
		chunk("HSET", len(h.fields), func(i int, a []string) []string {
			return append(a, h.fields[i].name, h.fields[i].value)
		})
	case TypeZSet:
		z := o.Val.(*zset)
		n := z.first()
		chunk("ZADD", z.Len(), func(_ int, a []string) []string {
			a = append(a, RewriteScore(n.score), n.member)
			n = n.next()
			return a
		})
	}
}

// RewriteScore formats a sorted set score so that parsing it gives back
// the same float64: the shortest exact decimal, with infinities spelled as
// ZADD accepts them.
func RewriteScore(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}
