package redistest

import (
	"sort"
	"strconv"

	"redisplay/engine"
)

// Key is one key's canonical contents: its type, its value as quoted
// strings (sets and hashes sorted, a hash as "field=value" items, a sorted
// set as member then score) and its absolute expiry in ms (-1 for none).
type Key struct {
	Type     string
	Value    []string
	ExpireAt int64
}

// Keyspace reads every key of the 16 databases through do, which runs one
// command on a connection or client, and returns them by "db key" (the key
// quoted). It leaves database 0 selected. Comparing two Keyspaces compares
// two servers' data, whatever their iteration orders.
func Keyspace(do func(args ...string) engine.Value) map[string]Key {
	out := map[string]Key{}
	quoted := func(v engine.Value) []string {
		s := []string{}
		for _, e := range v.Elems {
			s = append(s, strconv.Quote(e.Str))
		}
		return s
	}
	for db := 0; db < 16; db++ {
		do("SELECT", strconv.Itoa(db))
		for _, k := range do("KEYS", "*").Elems {
			key := k.Str
			typ := do("TYPE", key).Str
			var val []string
			switch typ {
			case "string":
				val = []string{strconv.Quote(do("GET", key).Str)}
			case "list":
				val = quoted(do("LRANGE", key, "0", "-1"))
			case "set":
				val = quoted(do("SMEMBERS", key))
				sort.Strings(val)
			case "hash":
				kv := quoted(do("HGETALL", key))
				for i := 0; i+1 < len(kv); i += 2 {
					val = append(val, kv[i]+"="+kv[i+1])
				}
				sort.Strings(val)
			case "zset":
				val = quoted(do("ZRANGE", key, "0", "-1", "WITHSCORES"))
			}
			out[strconv.Itoa(db)+" "+strconv.Quote(key)] = Key{typ, val, do("PEXPIRETIME", key).Int}
		}
	}
	do("SELECT", "0")
	return out
}
