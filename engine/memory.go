package engine

import "math/rand/v2"

// Memory accounting and eviction, Redis's maxmemory. The engine keeps an
// estimate of the bytes its data takes: every stored Object remembers the
// size it was charged (Object.size), the collection types keep the total
// length of their elements as they change, so an Object's size is O(1) to
// work out, and DB.Set, the removal of a key and Ctx.Modified move the
// total by the difference. Nothing walks the dataset on a write.
//
// The per-entry overheads below approximate what the Go runtime spends
// (string headers, map entries, skiplist nodes), not what Redis would:
// the limit is there to keep the process, a browser tab above all, alive.
const (
	// keyOverhead is a key's cost apart from its bytes: the map entry, the
	// Object and its string header.
	keyOverhead = 96
	// listElemOverhead is a list element's string header.
	listElemOverhead = 16
	// setElemOverhead is a member's slot in the member slice and its index
	// entry.
	setElemOverhead = 64
	// hashFieldOverhead is a field's slot (two strings) and its index entry.
	hashFieldOverhead = 80
	// zsetElemOverhead is a member's dict entry and its skiplist node.
	zsetElemOverhead = 128
)

// ErrOOM is Redis's answer to a command that could grow memory beyond
// maxmemory when nothing can be evicted.
const ErrOOM = "OOM command not allowed when used memory > 'maxmemory'."

// objectSize estimates the bytes o's value takes, without its key.
func objectSize(o *Object) int64 {
	switch v := o.Val.(type) {
	case *list:
		return int64(v.bytes + v.n*listElemOverhead)
	case *set:
		return int64(v.bytes + len(v.members)*setElemOverhead)
	case *hash:
		return int64(v.bytes + len(v.fields)*hashFieldOverhead)
	case *zset:
		return int64(v.bytes + v.zsl.length*zsetElemOverhead)
	}
	return int64(len(o.Str))
}

func keyCost(key string) int64 { return int64(len(key)) + keyOverhead }

// charge accounts for o being stored at key in place of old (nil if the
// key was free).
func (e *Engine) charge(key string, old, o *Object) {
	if old != nil {
		e.config.used -= keyCost(key) + old.size
	}
	o.size = objectSize(o)
	e.config.used += keyCost(key) + o.size
	if e.config.used > e.config.peak {
		e.config.peak = e.config.used
	}
}

// uncharge accounts for the removal of o from key.
func (e *Engine) uncharge(key string, o *Object) {
	if o != nil {
		e.config.used -= keyCost(key) + o.size
	}
}

// resize charges the change in size of the value at key, which a command
// has just modified in place.
func (e *Engine) resize(db *DB, key string) {
	o := db.keys[key]
	if o == nil {
		return
	}
	n := objectSize(o)
	e.config.used += n - o.size
	o.size = n
	if e.config.used > e.config.peak {
		e.config.peak = e.config.used
	}
}

// UsedMemory returns the estimated bytes the data takes, which maxmemory
// limits and INFO reports as used_memory.
func (e *Engine) UsedMemory() int64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.config.used
}

// memoryCheck runs before each command when maxmemory is set, as Redis's
// processCommand does: it evicts keys if the policy allows, and refuses,
// with Redis's OOM error, a command that may add data while memory stays
// over the limit. Inside MULTI every command but EXEC and DISCARD is
// refused, since queueing itself takes memory; EXEC is refused when it
// would run a command that may add data.
func (e *Engine) memoryCheck(c *Client, cmd *Command) *Value {
	if e.config.exempt[c] || e.evict() {
		return nil
	}
	reject := cmd.HasFlag("denyoom")
	if c.multi != nil {
		switch cmd.Name {
		case "exec":
			for _, q := range c.multi.cmds {
				reject = reject || q.HasFlag("denyoom")
			}
		case "discard", "quit", "reset":
		default:
			reject = true
		}
	}
	if !reject {
		return nil
	}
	v := Err(ErrOOM)
	return &v
}

// ExemptFromMaxmemory makes c's commands ignore maxmemory (exempt true)
// or obey it again. A persister replaying its log uses it, as Redis does
// not enforce the limit while loading: the first command after the load
// evicts, or is refused, as the policy says.
func (e *Engine) ExemptFromMaxmemory(c *Client, exempt bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if !exempt {
		delete(e.config.exempt, c)
		return
	}
	if e.config.exempt == nil {
		e.config.exempt = map[*Client]bool{}
	}
	e.config.exempt[c] = true
}

func (e *Engine) underLimit() bool { return uint64(max(e.config.used, 0)) <= e.config.maxmemory }

// evict removes keys as maxmemory-policy says until the data fits under
// maxmemory, and reports whether it does.
func (e *Engine) evict() bool {
	if e.underLimit() {
		return true
	}
	now := e.clock().UnixMilli()
	for !e.underLimit() {
		if e.config.policy == policyNoEviction {
			return false
		}
		db, key := e.evictionCandidate(now)
		if db == nil {
			return false
		}
		db.remove(key)
		e.config.evicted++
		e.keyModified(db, key)
		// Persistence must forget the key too, as Redis propagates a DEL.
		if e.journal != nil {
			e.pending = append(e.pending, Write{DB: db.ID, Args: []string{"DEL", key}, Reply: Int(1),
				Keys: []DBKey{{db.ID, key}}, Now: now})
		}
	}
	return true
}

// evictionCandidate samples maxmemory-samples keys of every database (all
// keys, or those with a time to live for the volatile policies) and picks
// the best to evict: the one idle longest (LRU), the one used least often
// (LFU), the one expiring soonest (TTL), or the first one seen (random;
// Go's map order is random). It returns a nil DB when no key qualifies.
func (e *Engine) evictionCandidate(now int64) (*DB, string) {
	samples := e.config.samples
	if samples <= 0 {
		samples = 5
	}
	volatile := e.config.policy >= policyVolatileLRU
	var bestDB *DB
	var bestKey string
	var bestScore int64
	// Random policies start at a different database each time, as Redis
	// walks them round robin.
	start := 0
	if e.config.policy == policyAllKeysRandom || e.config.policy == policyVolatileRandom {
		e.config.nextDB = (e.config.nextDB + 1) % len(e.dbs)
		start = e.config.nextDB
	}
	for i := range e.dbs {
		db := e.dbs[(start+i)%len(e.dbs)]
		n := 0
		consider := func(key string, when int64) bool {
			o := db.keys[key]
			if o == nil {
				return true
			}
			var score int64
			switch e.config.policy {
			case policyAllKeysRandom, policyVolatileRandom:
				bestDB, bestKey = db, key
				return false
			case policyVolatileTTL:
				score = -when
			case policyAllKeysLFU, policyVolatileLFU:
				score = 255 - int64(e.lfuDecayed(o, now))
			default:
				score = now - o.lru
			}
			if bestDB == nil || score > bestScore {
				bestDB, bestKey, bestScore = db, key, score
			}
			n++
			return n < samples
		}
		if volatile {
			for k, when := range db.expires {
				if !consider(k, when) {
					break
				}
			}
		} else {
			for k := range db.keys {
				if !consider(k, 0) {
					break
				}
			}
		}
		if bestDB != nil && (e.config.policy == policyAllKeysRandom || e.config.policy == policyVolatileRandom) {
			break
		}
	}
	return bestDB, bestKey
}

// lfuInitVal is the counter a new value starts at, as in Redis, so that a
// new key is not the first to go.
const lfuInitVal = 5

// lfuDecayed returns o's access counter less one for every lfu-decay-time
// minutes since it was last accessed, as Redis's LFU counters age.
func (e *Engine) lfuDecayed(o *Object, now int64) uint8 {
	decay := 1
	if e.config.lfuSet {
		decay = e.config.lfuDecay
	}
	if decay <= 0 {
		return o.freq
	}
	periods := (now/60000 - o.lru/60000) / int64(decay)
	if periods >= int64(o.freq) {
		return 0
	}
	return o.freq - uint8(max(periods, 0))
}

// lfuTouch returns o's counter after an access: aged, then incremented
// with a probability that falls as the counter grows (lfu-log-factor), so
// that 255 stands for about a million accesses at the default factor.
func (e *Engine) lfuTouch(o *Object, now int64) uint8 {
	c := e.lfuDecayed(o, now)
	if c == 255 {
		return c
	}
	factor := 10
	if e.config.lfuSet {
		factor = e.config.lfuLog
	}
	base := max(float64(c)-lfuInitVal, 0)
	if rand.Float64() < 1/(base*float64(factor)+1) {
		c++
	}
	return c
}
