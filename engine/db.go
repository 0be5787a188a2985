package engine

// ObjType is the type of a stored value, as TYPE names it.
type ObjType uint8

// The value types.
const (
	TypeString ObjType = iota
	TypeList
	TypeSet
	TypeZSet
	TypeHash
	TypeStream
)

var typeNames = [...]string{"string", "list", "set", "zset", "hash", "stream"}

// String returns the name TYPE answers.
func (t ObjType) String() string { return typeNames[t] }

// Object is a stored value. Strings live in Str; the other types keep their
// structure in Val.
type Object struct {
	Type ObjType
	Str  string
	// Raw marks a string Redis would hold as "raw" whatever its length
	// (after APPEND or SETRANGE), for OBJECT ENCODING.
	Raw bool
	Val any
	// lru is when the value was created or last looked up, in Unix
	// milliseconds, for OBJECT IDLETIME.
	lru int64
	// size is the estimate of the value's bytes it was last charged
	// (memory.go).
	size int64
	// freq is the logarithmic access counter of the LFU policies
	// (memory.go).
	freq uint8
}

// DB is one numbered database: the keyspace and, apart, the expiry times
// (Unix milliseconds), as Redis keeps them in two dicts.
type DB struct {
	ID      int
	keys    map[string]*Object
	expires map[string]int64
	engine  *Engine
}

func newDB(e *Engine, id int) *DB {
	return &DB{ID: id, keys: map[string]*Object{}, expires: map[string]int64{}, engine: e}
}

// Len returns the number of keys, counting keys expired but not yet removed.
func (db *DB) Len() int { return len(db.keys) }

// ExpiresLen returns the number of keys with a time to live.
func (db *DB) ExpiresLen() int { return len(db.expires) }

// expireIfNeeded removes key if its time has passed and says whether it did.
func (db *DB) expireIfNeeded(key string, now int64) bool {
	when, ok := db.expires[key]
	if !ok || when > now {
		return false
	}
	db.remove(key)
	db.engine.stats.expiredKeys++
	db.engine.keyModified(db, key)
	return true
}

// Lookup returns the live value at key, or nil, removing it first if it has
// expired. It does not count keyspace hits or misses.
func (db *DB) Lookup(key string, now int64) *Object {
	o := db.keys[key]
	if o == nil {
		return nil
	}
	if len(db.expires) > 0 && db.expireIfNeeded(key, now) {
		return nil
	}
	if db.engine.config.policy.lfu() {
		o.freq = db.engine.lfuTouch(o, now)
	}
	o.lru = now
	return o
}

// Read looks key up for a command that reads it, counting a keyspace hit or
// miss as INFO stats reports them.
func (db *DB) Read(key string, now int64) *Object {
	o := db.Lookup(key, now)
	if o == nil {
		db.engine.stats.misses++
	} else {
		db.engine.stats.hits++
	}
	return o
}

// Exists reports whether key holds a live value.
func (db *DB) Exists(key string, now int64) bool { return db.Lookup(key, now) != nil }

// Set stores o at key and clears any time to live, as SET does.
func (db *DB) Set(key string, o *Object) {
	if o.lru == 0 {
		o.lru = db.engine.nowMs()
		o.freq = lfuInitVal
	}
	db.engine.charge(key, db.keys[key], o)
	db.keys[key] = o
	if len(db.expires) > 0 {
		delete(db.expires, key)
	}
}

// Replace stores o at key and keeps its time to live.
func (db *DB) Replace(key string, o *Object) {
	if o.lru == 0 {
		o.lru = db.engine.nowMs()
		o.freq = lfuInitVal
	}
	db.engine.charge(key, db.keys[key], o)
	db.keys[key] = o
}

// Delete removes key and reports whether it held a live value.
func (db *DB) Delete(key string, now int64) bool {
	if db.Lookup(key, now) == nil {
		return false
	}
	db.remove(key)
	return true
}

func (db *DB) remove(key string) {
	db.engine.uncharge(key, db.keys[key])
	delete(db.keys, key)
	if len(db.expires) > 0 {
		delete(db.expires, key)
	}
}

// Expire returns key's expiry time in Unix milliseconds, if it has one.
func (db *DB) Expire(key string) (int64, bool) {
	when, ok := db.expires[key]
	return when, ok
}

// SetExpire sets key's expiry time in Unix milliseconds; the key must exist.
func (db *DB) SetExpire(key string, when int64) { db.expires[key] = when }

// Persist removes key's time to live and reports whether it had one.
func (db *DB) Persist(key string) bool {
	if _, ok := db.expires[key]; !ok {
		return false
	}
	delete(db.expires, key)
	return true
}

// Flush removes every key.
func (db *DB) Flush() {
	for k, o := range db.keys {
		db.engine.uncharge(k, o)
	}
	db.keys = map[string]*Object{}
	db.expires = map[string]int64{}
}

// Keys returns every key, live or not yet removed, in no particular order.
// Callers check expiry with Lookup.
func (db *DB) Keys() []string {
	out := make([]string, 0, len(db.keys))
	for k := range db.keys {
		out = append(out, k)
	}
	return out
}

// activeExpire samples keys with a time to live and removes expired ones,
// as Redis's activeExpireCycle does: up to 20 keys a round, another round
// while more than a quarter of the sample had expired.
func (db *DB) activeExpire(now int64, budget int) int {
	removed := 0
	for budget > 0 && len(db.expires) > 0 {
		sampled, expired := 0, 0
		for k, when := range db.expires {
			if sampled == 20 || budget == 0 {
				break
			}
			sampled++
			budget--
			if when <= now {
				db.remove(k)
				db.engine.stats.expiredKeys++
				db.engine.keyModified(db, k)
				expired++
			}
		}
		removed += expired
		if expired*4 <= sampled {
			break
		}
	}
	return removed
}

// lookupAs returns the value of type t at key, for a command that reads
// it (counting a keyspace hit or miss) or writes it: the zero T when the
// key is missing, ok false when it holds another type.
func lookupAs[T any](x *Ctx, key string, t ObjType, read bool) (v T, ok bool) {
	var o *Object
	if read {
		o = x.DB.Read(key, x.Now)
	} else {
		o = x.DB.Lookup(key, x.Now)
	}
	if o == nil {
		return v, true
	}
	if o.Type != t {
		return v, false
	}
	return o.Val.(T), true
}
