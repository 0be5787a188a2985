package engine

import "sort"

// Inspection is a picture of one database for a front end that draws the
// keyspace (the page's inspector): its keys, and one key's contents.
//
// Taking it is not a command: it counts no command or keyspace hit, leaves
// every key's idle time alone, fires no WATCH and writes no journal entry.
// Keys whose time to live has passed are left where they are (the next
// command or the active sweep removes them) but are treated as gone.
type Inspection struct {
	// DB is the database shown.
	DB int
	// Keys are the live keys in byte order, at most the limit asked for.
	Keys []KeyInfo
	// Total is how many live keys the database holds.
	Total int
	// Key describes the key asked for, or is nil when it does not exist.
	Key *KeyDetail
}

// KeyInfo is one key of an Inspection's list.
type KeyInfo struct {
	Key  string
	Type string
	// TTL is the time to live in milliseconds, or -1 without one.
	TTL int64
}

// KeyDetail is the contents of one key, capped at the limit asked for.
type KeyDetail struct {
	Key      string
	Type     string
	Encoding string
	// TTL is the time to live in milliseconds, or -1 without one.
	TTL int64
	// Len is the full size: bytes of a string, elements of a collection.
	Len int
	// Str is a string's value.
	Str string
	// Elems are a list's elements from the head, or a set's members
	// (ascending for integer sets, in storage order otherwise).
	Elems []string
	// Fields are a hash's fields in storage order.
	Fields []FieldValue
	// Members are a sorted set's members, lowest score first.
	Members []ScoredMember
}

// FieldValue is one field of a hash.
type FieldValue struct{ Field, Value string }

// ScoredMember is one member of a sorted set.
type ScoredMember struct {
	Member string
	Score  float64
}

// Engine returns the engine the client belongs to.
func (c *Client) Engine() *Engine { return c.engine }

// Inspect is Engine.Inspect on the database the client has selected.
func (c *Client) Inspect(key string, limit int) Inspection {
	e := c.engine
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.inspect(c.DB, key, limit)
}

// Inspect describes database db: up to limit keys, and key's contents (up
// to limit elements) when key is not empty. A db out of range gives an
// empty Inspection.
func (e *Engine) Inspect(db int, key string, limit int) Inspection {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.inspect(db, key, limit)
}

func (e *Engine) inspect(id int, key string, limit int) Inspection {
	out := Inspection{DB: id}
	if id < 0 || id >= len(e.dbs) {
		return out
	}
	limit = max(limit, 0)
	db := e.dbs[id]
	now := e.clock().UnixMilli()
	names := make([]string, 0, len(db.keys))
	for k := range db.keys {
		if ttl(db, k, now) != 0 {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	out.Total = len(names)
	if len(names) > limit {
		names = names[:limit]
	}
	out.Keys = make([]KeyInfo, len(names))
	for i, k := range names {
		out.Keys[i] = KeyInfo{Key: k, Type: db.keys[k].Type.String(), TTL: ttl(db, k, now)}
	}
	if key != "" {
		out.Key = detail(db, key, now, limit)
	}
	return out
}

// ttl is key's time to live in milliseconds: -1 without one, 0 once it has
// passed (so the key counts as gone).
func ttl(db *DB, key string, now int64) int64 {
	when, ok := db.expires[key]
	if !ok {
		return -1
	}
	return max(when-now, 0)
}

func detail(db *DB, key string, now int64, limit int) *KeyDetail {
	o := db.keys[key]
	left := ttl(db, key, now)
	if o == nil || left == 0 {
		return nil
	}
	d := &KeyDetail{Key: key, Type: o.Type.String(), Encoding: objectEncoding(o), TTL: left}
	switch v := o.Val.(type) {
	case *list:
		d.Len = v.Len()
		d.Elems = v.Range(0, min(v.Len(), limit)-1)
	case *set:
		d.Len = v.Len()
		d.Elems = v.Members()
		d.Elems = d.Elems[:min(len(d.Elems), limit)]
	case *hash:
		d.Len = v.Len()
		for _, f := range v.fields[:min(len(v.fields), limit)] {
			d.Fields = append(d.Fields, FieldValue{f.name, f.value})
		}
	case *zset:
		d.Len = v.Len()
		for n := v.first(); n != nil && len(d.Members) < limit; n = n.next() {
			d.Members = append(d.Members, ScoredMember{n.member, n.score})
		}
	default:
		if o.Type == TypeString {
			d.Len = len(o.Str)
			d.Str = o.Str
			if len(d.Str) > limit*64 {
				// A long string is shown by its beginning only.
				d.Str = d.Str[:limit*64]
			}
		}
	}
	return d
}
