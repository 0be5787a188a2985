package engine

import (
	"math"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// The generic (keyspace) group: DEL, EXISTS, TYPE, the expiry commands,
// KEYS, SCAN, RENAME, COPY, MOVE, RANDOMKEY, TOUCH and the OBJECT container.
// Arities, flags, ACL categories, key specs and argument trees are those
// Redis 7.0.15 reports; summaries are our own words.
var keyCommands = []*Command{
	{
		Name: "del", Arity: -2,
		Flags:    []string{"write"},
		ACL:      []string{"keyspace", "write", "slow"},
		FirstKey: 1, LastKey: -1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RM", "delete"}, Index: 1, LastKey: -1, KeyStep: 1}},
		Group:    "generic", Since: "1.0.0",
		Complexity: "O(N) where N is the number of keys that will be removed. When a key to remove holds a value other than a string, the individual complexity for this key is O(M) where M is the number of elements in the list, set, sorted set or hash. Removing a single key that holds a string value is O(1).",
		Summary:    "Removes the given keys and answers how many of them existed.",
		Tips:       []string{"request_policy:multi_shard", "response_policy:agg_sum"},
		Args: []Arg{
			{Name: "key", Type: ArgKey, KeySpecIndex: 0, Multiple: true},
		},
		Run: cmdDel,
	},
	{
		Name: "unlink", Arity: -2,
		Flags:    []string{"write", "fast"},
		ACL:      []string{"keyspace", "write", "fast"},
		FirstKey: 1, LastKey: -1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RM", "delete"}, Index: 1, LastKey: -1, KeyStep: 1}},
		Group:    "generic", Since: "4.0.0",
		Complexity: "O(1) for each key removed regardless of its size. Then the command does O(N) work in a different thread in order to reclaim memory, where N is the number of allocations the deleted objects where composed of.",
		Summary:    "Removes the given keys as DEL does, leaving the memory to be reclaimed in the background.",
		Tips:       []string{"request_policy:multi_shard", "response_policy:agg_sum"},
		Args: []Arg{
			{Name: "key", Type: ArgKey, KeySpecIndex: 0, Multiple: true},
		},
		Run: cmdUnlink,
	},
	{
		Name: "exists", Arity: -2,
		Flags:    []string{"readonly", "fast"},
		ACL:      []string{"keyspace", "read", "fast"},
		FirstKey: 1, LastKey: -1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO"}, Index: 1, LastKey: -1, KeyStep: 1}},
		Group:    "generic", Since: "1.0.0",
		Complexity: "O(N) where N is the number of keys to check.",
		Summary:    "Counts how many of the given keys exist; a key named twice counts twice.",
		History:    [][2]string{{"3.0.3", "Accepts multiple `key` arguments."}},
		Tips:       []string{"request_policy:multi_shard", "response_policy:agg_sum"},
		Args: []Arg{
			{Name: "key", Type: ArgKey, KeySpecIndex: 0, Multiple: true},
		},
		Run: cmdExists,
	},
	{
		Name: "type", Arity: 2,
		Flags:    []string{"readonly", "fast"},
		ACL:      []string{"keyspace", "read", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO"}, Index: 1, LastKey: 0, KeyStep: 1}},
		Group:    "generic", Since: "1.0.0",
		Complexity: "O(1)",
		Summary:    "Names the type of the value stored at a key, or none.",
		Args: []Arg{
			{Name: "key", Type: ArgKey, KeySpecIndex: 0},
		},
		Run: cmdType,
	},
	{
		Name: "expire", Arity: -3,
		Flags:    []string{"write", "fast"},
		ACL:      []string{"keyspace", "write", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "update"}, Index: 1, LastKey: 0, KeyStep: 1}},
		Group:    "generic", Since: "1.0.0",
		Complexity: "O(1)",
		Summary:    "Gives a key a time to live, in seconds from now.",
		History:    [][2]string{{"7.0.0", "Added options: `NX`, `XX`, `GT` and `LT`."}},
		Args: []Arg{
			{Name: "key", Type: ArgKey, KeySpecIndex: 0},
			{Name: "seconds", Type: ArgInteger},
			{Name: "condition", Type: ArgOneOf, Optional: true, Since: "7.0.0", Args: []Arg{
				{Name: "nx", Type: ArgPureToken, Token: "NX"},
				{Name: "xx", Type: ArgPureToken, Token: "XX"},
				{Name: "gt", Type: ArgPureToken, Token: "GT"},
				{Name: "lt", Type: ArgPureToken, Token: "LT"},
			}},
		},
		Run: cmdExpire,
	},
	{
		Name: "pexpire", Arity: -3,
		Flags:    []string{"write", "fast"},
		ACL:      []string{"keyspace", "write", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "update"}, Index: 1, LastKey: 0, KeyStep: 1}},
		Group:    "generic", Since: "2.6.0",
		Complexity: "O(1)",
		Summary:    "Gives a key a time to live, in milliseconds from now.",
		History:    [][2]string{{"7.0.0", "Added options: `NX`, `XX`, `GT` and `LT`."}},
		Args: []Arg{
			{Name: "key", Type: ArgKey, KeySpecIndex: 0},
			{Name: "milliseconds", Type: ArgInteger},
			{Name: "condition", Type: ArgOneOf, Optional: true, Since: "7.0.0", Args: []Arg{
				{Name: "nx", Type: ArgPureToken, Token: "NX"},
				{Name: "xx", Type: ArgPureToken, Token: "XX"},
				{Name: "gt", Type: ArgPureToken, Token: "GT"},
				{Name: "lt", Type: ArgPureToken, Token: "LT"},
			}},
		},
		Run: cmdPexpire,
	},
	{
		Name: "expireat", Arity: -3,
		Flags:    []string{"write", "fast"},
		ACL:      []string{"keyspace", "write", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "update"}, Index: 1, LastKey: 0, KeyStep: 1}},
		Group:    "generic", Since: "1.2.0",
		Complexity: "O(1)",
		Summary:    "Makes a key expire at a Unix time given in seconds.",
		History:    [][2]string{{"7.0.0", "Added options: `NX`, `XX`, `GT` and `LT`."}},
		Args: []Arg{
			{Name: "key", Type: ArgKey, KeySpecIndex: 0},
			{Name: "unix-time-seconds", Type: ArgUnixTime},
			{Name: "condition", Type: ArgOneOf, Optional: true, Since: "7.0.0", Args: []Arg{
				{Name: "nx", Type: ArgPureToken, Token: "NX"},
				{Name: "xx", Type: ArgPureToken, Token: "XX"},
				{Name: "gt", Type: ArgPureToken, Token: "GT"},
				{Name: "lt", Type: ArgPureToken, Token: "LT"},
			}},
		},
		Run: cmdExpireat,
	},
	{
		Name: "pexpireat", Arity: -3,
		Flags:    []string{"write", "fast"},
		ACL:      []string{"keyspace", "write", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "update"}, Index: 1, LastKey: 0, KeyStep: 1}},
		Group:    "generic", Since: "2.6.0",
		Complexity: "O(1)",
		Summary:    "Makes a key expire at a Unix time given in milliseconds.",
		History:    [][2]string{{"7.0.0", "Added options: `NX`, `XX`, `GT` and `LT`."}},
		Args: []Arg{
			{Name: "key", Type: ArgKey, KeySpecIndex: 0},
			{Name: "unix-time-milliseconds", Type: ArgUnixTime},
			{Name: "condition", Type: ArgOneOf, Optional: true, Since: "7.0.0", Args: []Arg{
				{Name: "nx", Type: ArgPureToken, Token: "NX"},
				{Name: "xx", Type: ArgPureToken, Token: "XX"},
				{Name: "gt", Type: ArgPureToken, Token: "GT"},
				{Name: "lt", Type: ArgPureToken, Token: "LT"},
			}},
		},
		Run: cmdPexpireat,
	},
	{
		Name: "expiretime", Arity: 2,
		Flags:    []string{"readonly", "fast"},
		ACL:      []string{"keyspace", "read", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: 0, KeyStep: 1}},
		Group:    "generic", Since: "7.0.0",
		Complexity: "O(1)",
		Summary:    "Tells the Unix time, in seconds, at which a key will expire.",
		Args: []Arg{
			{Name: "key", Type: ArgKey, KeySpecIndex: 0},
		},
		Run: cmdExpiretime,
	},
	{
		Name: "pexpiretime", Arity: 2,
		Flags:    []string{"readonly", "fast"},
		ACL:      []string{"keyspace", "read", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: 0, KeyStep: 1}},
		Group:    "generic", Since: "7.0.0",
		Complexity: "O(1)",
		Summary:    "Tells the Unix time, in milliseconds, at which a key will expire.",
		Args: []Arg{
			{Name: "key", Type: ArgKey, KeySpecIndex: 0},
		},
		Run: cmdPexpiretime,
	},
	{
		Name: "ttl", Arity: 2,
		Flags:    []string{"readonly", "fast"},
		ACL:      []string{"keyspace", "read", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: 0, KeyStep: 1}},
		Group:    "generic", Since: "1.0.0",
		Complexity: "O(1)",
		Summary:    "Tells how many seconds a key has left to live.",
		History:    [][2]string{{"2.8.0", "Added the -2 reply."}},
		Tips:       []string{"nondeterministic_output"},
		Args: []Arg{
			{Name: "key", Type: ArgKey, KeySpecIndex: 0},
		},
		Run: cmdTTL,
	},
	{
		Name: "pttl", Arity: 2,
		Flags:    []string{"readonly", "fast"},
		ACL:      []string{"keyspace", "read", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: 0, KeyStep: 1}},
		Group:    "generic", Since: "2.6.0",
		Complexity: "O(1)",
		Summary:    "Tells how many milliseconds a key has left to live.",
		History:    [][2]string{{"2.8.0", "Added the -2 reply."}},
		Tips:       []string{"nondeterministic_output"},
		Args: []Arg{
			{Name: "key", Type: ArgKey, KeySpecIndex: 0},
		},
		Run: cmdPTTL,
	},
	{
		Name: "persist", Arity: 2,
		Flags:    []string{"write", "fast"},
		ACL:      []string{"keyspace", "write", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "update"}, Index: 1, LastKey: 0, KeyStep: 1}},
		Group:    "generic", Since: "2.2.0",
		Complexity: "O(1)",
		Summary:    "Takes away a key's time to live so that it stays until removed.",
		Args: []Arg{
			{Name: "key", Type: ArgKey, KeySpecIndex: 0},
		},
		Run: cmdPersist,
	},
	{
		Name: "keys", Arity: 2,
		Flags: []string{"readonly"},
		ACL:   []string{"keyspace", "read", "slow", "dangerous"},
		Group: "generic", Since: "1.0.0",
		Complexity: "O(N) with N being the number of keys in the database, under the assumption that the key names in the database and the given pattern have limited length.",
		Summary:    "Lists every key whose name matches a glob-style pattern.",
		Tips:       []string{"request_policy:all_shards", "nondeterministic_output_order"},
		Args: []Arg{
			{Name: "pattern", Type: ArgPattern},
		},
		Run: cmdKeys,
	},
	{
		Name: "scan", Arity: -2,
		Flags: []string{"readonly"},
		ACL:   []string{"keyspace", "read", "slow"},
		Group: "generic", Since: "2.8.0",
		Complexity: "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection.",
		Summary:    "Walks through the keyspace a batch at a time, driven by a cursor.",
		History:    [][2]string{{"6.0.0", "Added the `TYPE` subcommand."}},
		Tips:       []string{"nondeterministic_output", "request_policy:special"},
		Args: []Arg{
			{Name: "cursor", Type: ArgInteger},
			{Name: "pattern", Type: ArgPattern, Token: "MATCH", Optional: true},
			{Name: "count", Type: ArgInteger, Token: "COUNT", Optional: true},
			{Name: "type", Type: ArgString, Token: "TYPE", Optional: true, Since: "6.0.0"},
		},
		Run: cmdScan,
	},
	{
		Name: "rename", Arity: 3,
		Flags:    []string{"write"},
		ACL:      []string{"keyspace", "write", "slow"},
		FirstKey: 1, LastKey: 2, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "access", "delete"}, Index: 1, LastKey: 0, KeyStep: 1}, {Flags: []string{"OW", "update"}, Index: 2, LastKey: 0, KeyStep: 1}},
		Group:    "generic", Since: "1.0.0",
		Complexity: "O(1)",
		Summary:    "Gives a key a new name, overwriting whatever held that name.",
		Args: []Arg{
			{Name: "key", Type: ArgKey, KeySpecIndex: 0},
			{Name: "newkey", Type: ArgKey, KeySpecIndex: 1},
		},
		Run: cmdRename,
	},
	{
		Name: "renamenx", Arity: 3,
		Flags:    []string{"write", "fast"},
		ACL:      []string{"keyspace", "write", "fast"},
		FirstKey: 1, LastKey: 2, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "access", "delete"}, Index: 1, LastKey: 0, KeyStep: 1}, {Flags: []string{"OW", "insert"}, Index: 2, LastKey: 0, KeyStep: 1}},
		Group:    "generic", Since: "1.0.0",
		Complexity: "O(1)",
		Summary:    "Gives a key a new name, but only when no key holds that name yet.",
		History:    [][2]string{{"3.2.0", "The command no longer returns an error when source and destination names are the same."}},
		Args: []Arg{
			{Name: "key", Type: ArgKey, KeySpecIndex: 0},
			{Name: "newkey", Type: ArgKey, KeySpecIndex: 1},
		},
		Run: cmdRenamenx,
	},
	{
		Name: "copy", Arity: -3,
		Flags:    []string{"write", "denyoom"},
		ACL:      []string{"keyspace", "write", "slow"},
		FirstKey: 1, LastKey: 2, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: 0, KeyStep: 1}, {Flags: []string{"OW", "update"}, Index: 2, LastKey: 0, KeyStep: 1}},
		Group:    "generic", Since: "6.2.0",
		Complexity: "O(N) worst case for collections, where N is the number of nested items. O(1) for string values.",
		Summary:    "Duplicates a key's value under another name, possibly in another database.",
		Args: []Arg{
			{Name: "source", Type: ArgKey, KeySpecIndex: 0},
			{Name: "destination", Type: ArgKey, KeySpecIndex: 1},
			{Name: "destination-db", Type: ArgInteger, Token: "DB", Optional: true},
			{Name: "replace", Type: ArgPureToken, Token: "REPLACE", Optional: true},
		},
		Run: cmdCopy,
	},
	{
		Name: "move", Arity: 3,
		Flags:    []string{"write", "fast"},
		ACL:      []string{"keyspace", "write", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "access", "update"}, Index: 1, LastKey: 0, KeyStep: 1}},
		Group:    "generic", Since: "1.0.0",
		Complexity: "O(1)",
		Summary:    "Moves a key from the selected database into another one.",
		Args: []Arg{
			{Name: "key", Type: ArgKey, KeySpecIndex: 0},
			{Name: "db", Type: ArgInteger},
		},
		Run: cmdMove,
	},
	{
		Name: "randomkey", Arity: 1,
		Flags: []string{"readonly"},
		ACL:   []string{"keyspace", "read", "slow"},
		Group: "generic", Since: "1.0.0",
		Complexity: "O(1)",
		Summary:    "Answers the name of a key picked at random.",
		Tips:       []string{"request_policy:all_shards", "nondeterministic_output"},
		Run:        cmdRandomkey,
	},
	{
		Name: "touch", Arity: -2,
		Flags:    []string{"readonly", "fast"},
		ACL:      []string{"keyspace", "read", "fast"},
		FirstKey: 1, LastKey: -1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO"}, Index: 1, LastKey: -1, KeyStep: 1}},
		Group:    "generic", Since: "3.2.1",
		Complexity: "O(N) where N is the number of keys that will be touched.",
		Summary:    "Marks keys as just used and answers how many of them exist.",
		Tips:       []string{"request_policy:multi_shard", "response_policy:agg_sum"},
		Args: []Arg{
			{Name: "key", Type: ArgKey, KeySpecIndex: 0, Multiple: true},
		},
		Run: cmdTouch,
	},
	{
		Name: "object", Arity: -2,
		ACL:   []string{"slow"},
		Group: "generic", Since: "2.2.3",
		Complexity: "Depends on subcommand.",
		Summary:    "Groups the subcommands that look at how a value is stored.",
		Subcommands: []*Command{
			{
				Name: "encoding", Arity: 3,
				Flags:    []string{"readonly"},
				ACL:      []string{"keyspace", "read", "slow"},
				FirstKey: 2, LastKey: 2, Step: 1,
				KeySpecs: []KeySpec{{Flags: []string{"RO"}, Index: 2, LastKey: 0, KeyStep: 1}},
				Group:    "generic", Since: "2.2.3",
				Complexity: "O(1)",
				Summary:    "Tells which internal representation holds a key's value.",
				Tips:       []string{"nondeterministic_output"},
				Args: []Arg{
					{Name: "key", Type: ArgKey, KeySpecIndex: 0},
				},
				Run: cmdObjectEncoding,
			},
			{
				Name: "freq", Arity: 3,
				Flags:    []string{"readonly"},
				ACL:      []string{"keyspace", "read", "slow"},
				FirstKey: 2, LastKey: 2, Step: 1,
				KeySpecs: []KeySpec{{Flags: []string{"RO"}, Index: 2, LastKey: 0, KeyStep: 1}},
				Group:    "generic", Since: "4.0.0",
				Complexity: "O(1)",
				Summary:    "Tells the logarithmic access counter of a key, kept under LFU eviction policies.",
				Tips:       []string{"nondeterministic_output"},
				Args: []Arg{
					{Name: "key", Type: ArgKey, KeySpecIndex: 0},
				},
				Run: cmdObjectFreq,
			},
			{
				Name: "help", Arity: 2,
				Flags: []string{"loading", "stale"},
				ACL:   []string{"keyspace", "slow"},
				Group: "generic", Since: "6.2.0",
				Complexity: "O(1)",
				Summary:    "Describes the OBJECT subcommands.",
				Run:        cmdObjectHelp,
			},
			{
				Name: "idletime", Arity: 3,
				Flags:    []string{"readonly"},
				ACL:      []string{"keyspace", "read", "slow"},
				FirstKey: 2, LastKey: 2, Step: 1,
				KeySpecs: []KeySpec{{Flags: []string{"RO"}, Index: 2, LastKey: 0, KeyStep: 1}},
				Group:    "generic", Since: "2.2.3",
				Complexity: "O(1)",
				Summary:    "Tells how many seconds have gone by since a key was last used.",
				Tips:       []string{"nondeterministic_output"},
				Args: []Arg{
					{Name: "key", Type: ArgKey, KeySpecIndex: 0},
				},
				Run: cmdObjectIdletime,
			},
			{
				Name: "refcount", Arity: 3,
				Flags:    []string{"readonly"},
				ACL:      []string{"keyspace", "read", "slow"},
				FirstKey: 2, LastKey: 2, Step: 1,
				KeySpecs: []KeySpec{{Flags: []string{"RO"}, Index: 2, LastKey: 0, KeyStep: 1}},
				Group:    "generic", Since: "2.2.3",
				Complexity: "O(1)",
				Summary:    "Tells how many references share a key's value.",
				Tips:       []string{"nondeterministic_output"},
				Args: []Arg{
					{Name: "key", Type: ArgKey, KeySpecIndex: 0},
				},
				Run: cmdObjectRefcount,
			},
		},
	},
}

func init() { register(keyCommands...) }

// Error texts of the generic group that errors.go does not hold.
const (
	errExpireNXCombo = "ERR NX and XX, GT or LT options at the same time are not compatible"
	errExpireGTLT    = "ERR GT and LT options at the same time are not compatible"
	errInvalidCursor = "ERR invalid cursor"
	errIntRange      = "ERR value is out of range, value must between -2147483648 and 2147483647"
	errUnknownType   = "ERR unknown type object"
	errNoLFU         = "ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust."
	errLFUIdle       = "ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust."
)

// encoder is implemented by the Val of every non-string type, so that
// OBJECT ENCODING can name the representation Redis would use.
type encoder interface{ Encoding() string }

// copier is implemented by the Val of every non-string type, so that COPY
// can give the destination a value that shares nothing with the source.
type copier interface{ Copy() any }

// lfuPolicy reports whether the maxmemory policy is an LFU one, which
// decides between OBJECT FREQ and OBJECT IDLETIME. Until the engine has a
// maxmemory-policy setting it is always false; the code that adds one
// replaces this function.
var lfuPolicy = func(e *Engine) bool { return false }

// sharedIntegers is the bound under which Redis shares integer string
// objects (0 to 9999), so OBJECT REFCOUNT reports them as never freed.
const sharedIntegers = 10000

// keyUnshared marks, in Object.Val, an integer string that COPY duplicated:
// Redis gives the copy its own object, with a reference count of 1, even
// for the small integers it otherwise shares.
type keyUnshared struct{}

// keyPeek looks key up for a command that inspects it without counting as
// an access (TYPE, EXISTS, TTL, OBJECT): expired keys go, the keyspace hit
// or miss is counted, and the idle time is left alone.
func keyPeek(db *DB, key string, now int64) *Object {
	o := db.keys[key]
	if o != nil && len(db.expires) > 0 && db.expireIfNeeded(key, now) {
		o = nil
	}
	if o == nil {
		db.engine.stats.misses++
	} else {
		db.engine.stats.hits++
	}
	return o
}

// modifiedIn records a change to key in db, which may not be the selected
// database (COPY ... DB, MOVE).
func modifiedIn(x *Ctx, db *DB, key string) {
	saved := x.DB
	x.DB = db
	x.Modified(key)
	x.DB = saved
}

// parseDBIndex reads a database number as COPY and MOVE do: an integer that
// fits in a C int, naming an existing database.
func parseDBIndex(x *Ctx, s string) (*DB, *Value) {
	n, ok := ParseInt(s)
	if !ok {
		e := Err(ErrNotInteger)
		return nil, &e
	}
	if n < math.MinInt32 || n > math.MaxInt32 {
		e := Err(errIntRange)
		return nil, &e
	}
	if n < 0 || n >= int64(len(x.Engine.dbs)) {
		e := Err(ErrDBIndex)
		return nil, &e
	}
	return x.Engine.dbs[n], nil
}

func cmdDel(x *Ctx) Value {
	var n int64
	for _, key := range x.Args[1:] {
		if x.DB.Delete(key, x.Now) {
			x.Modified(key)
			n++
		}
	}
	return Int(n)
}

func cmdUnlink(x *Ctx) Value { return cmdDel(x) }

func cmdExists(x *Ctx) Value {
	var n int64
	for _, key := range x.Args[1:] {
		if keyPeek(x.DB, key, x.Now) != nil {
			n++
		}
	}
	return Int(n)
}

func cmdType(x *Ctx) Value {
	o := keyPeek(x.DB, x.Args[1], x.Now)
	if o == nil {
		return Simple("none")
	}
	return Simple(o.Type.String())
}

func cmdExpire(x *Ctx) Value    { return expireGeneric(x, x.Now, true) }
func cmdPexpire(x *Ctx) Value   { return expireGeneric(x, x.Now, false) }
func cmdExpireat(x *Ctx) Value  { return expireGeneric(x, 0, true) }
func cmdPexpireat(x *Ctx) Value { return expireGeneric(x, 0, false) }

// expireGeneric serves the four EXPIRE commands: the time argument is
// added to base (now, or 0 for the absolute forms) after scaling seconds to
// milliseconds. Options are checked before the number, as Redis does, and
// a time at or before now deletes the key at once.
func expireGeneric(x *Ctx, base int64, seconds bool) Value {
	var nx, xx, gt, lt bool
	for _, opt := range x.Args[3:] {
		switch strings.ToLower(opt) {
		case "nx":
			nx = true
		case "xx":
			xx = true
		case "gt":
			gt = true
		case "lt":
			lt = true
		default:
			return Err(sanitizeError("ERR Unsupported option " + opt))
		}
	}
	if nx && (xx || gt || lt) {
		return Err(errExpireNXCombo)
	}
	if gt && lt {
		return Err(errExpireGTLT)
	}
	when, ok := ParseInt(x.Args[2])
	if !ok {
		return Err(ErrNotInteger)
	}
	invalid := Err(sanitizeError(strings.Replace(ErrInvalidExpire, "%s", x.Cmd.FullName(), 1)))
	if seconds {
		if when > math.MaxInt64/1000 || when < math.MinInt64/1000 {
			return invalid
		}
		when *= 1000
	}
	if when > math.MaxInt64-base {
		return invalid
	}
	when += base
	key := x.Args[1]
	if x.DB.Lookup(key, x.Now) == nil {
		return Int(0)
	}
	cur, has := x.DB.Expire(key)
	switch {
	case nx && has, xx && !has:
		return Int(0)
	case gt && (!has || when <= cur): // no TTL counts as forever: nothing is greater
		return Int(0)
	case lt && has && when >= cur: // no TTL counts as forever: anything is less
		return Int(0)
	}
	if when <= x.Now {
		x.DB.remove(key)
	} else {
		x.DB.SetExpire(key, when)
	}
	x.Modified(key)
	return Int(1)
}

func cmdTTL(x *Ctx) Value  { return ttlGeneric(x, false) }
func cmdPTTL(x *Ctx) Value { return ttlGeneric(x, true) }

// ttlGeneric answers -2 for a missing key, -1 for a key without a time to
// live, else the time left; TTL rounds it to the nearest second.
func ttlGeneric(x *Ctx, ms bool) Value {
	key := x.Args[1]
	if keyPeek(x.DB, key, x.Now) == nil {
		return Int(-2)
	}
	when, has := x.DB.Expire(key)
	if !has {
		return Int(-1)
	}
	ttl := max(when-x.Now, 0)
	if ms {
		return Int(ttl)
	}
	return Int((ttl + 500) / 1000)
}

func cmdExpiretime(x *Ctx) Value  { return expiretimeGeneric(x, false) }
func cmdPexpiretime(x *Ctx) Value { return expiretimeGeneric(x, true) }

func expiretimeGeneric(x *Ctx, ms bool) Value {
	key := x.Args[1]
	if keyPeek(x.DB, key, x.Now) == nil {
		return Int(-2)
	}
	when, has := x.DB.Expire(key)
	switch {
	case !has:
		return Int(-1)
	case ms:
		return Int(when)
	}
	return Int(when / 1000)
}

func cmdPersist(x *Ctx) Value {
	key := x.Args[1]
	if x.DB.Lookup(key, x.Now) == nil || !x.DB.Persist(key) {
		return Int(0)
	}
	x.Modified(key)
	return Int(1)
}

func cmdKeys(x *Ctx) Value {
	pattern := x.Args[1]
	// Redis tests "*" by itself without the matcher, which is why "*"
	// lists the empty key though "**" does not.
	all := pattern == "*"
	db := x.DB
	var out []Value
	for _, e := range keyOrder(db) {
		if !all && !Glob(pattern, e.key, false) {
			continue
		}
		// KEYS skips expired keys without removing them.
		if when, ok := db.expires[e.key]; ok && when <= x.Now {
			continue
		}
		out = append(out, Bulk(e.key))
	}
	return Array(out...)
}

// SCAN.
//
// Redis walks its hash table bucket by bucket, in an order that counts
// with the bits of the bucket index reversed, so that a walk survives the
// table growing or shrinking between calls. We keep that contract without
// a hash table: every key gets a fixed 64-bit hash, keys are ordered by
// the hash with its bits reversed, and a cursor is a position in that
// order, written as Redis writes one (the bit-reversed position). A batch
// is taken bucket by bucket for a table of the size Redis would have (a
// power of two, at least 4, holding every key), so cursors stay small and
// look like Redis's. Since a key's place never changes, every key present
// for the whole walk lies after the cursor until it is returned, and none
// is returned twice; keys added or removed meanwhile may or may not appear,
// as in Redis.
//
// To avoid sorting the whole keyspace on every call, the sorted order is
// kept in a small cache, rebuilt when a walk starts (cursor 0) and when it
// has been dropped; a stale order is still correct for every key it lists,
// and a key missing from it was added after the walk began.

// keyEntry is one key with its reversed hash, the SCAN order.
type keyEntry struct {
	pos uint64
	key string
}

// keyHash is FNV-1a with a final mix, so the low bits (the first bits of
// the SCAN order) depend on every byte of the key.
func keyHash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// keyOrder returns db's keys in SCAN order.
func keyOrder(db *DB) []keyEntry {
	out := make([]keyEntry, 0, len(db.keys))
	for k := range db.keys {
		out = append(out, keyEntry{bits.Reverse64(keyHash(k)), k})
	}
	slices.SortFunc(out, func(a, b keyEntry) int {
		if a.pos != b.pos {
			if a.pos < b.pos {
				return -1
			}
			return 1
		}
		return strings.Compare(a.key, b.key)
	})
	return out
}

// scanCacheSize bounds how many databases keep a SCAN order cached.
const scanCacheSize = 8

// scanCache holds the SCAN order of the databases scanned most recently,
// newest first. Engines run concurrently in one process, hence the lock.
var scanCache struct {
	sync.Mutex
	dbs    []*DB
	orders [][]keyEntry
}

// scanOrder returns db's SCAN order, rebuilding it when fresh is set or
// none is cached.
func scanOrder(db *DB, fresh bool) []keyEntry {
	scanCache.Lock()
	defer scanCache.Unlock()
	i := slices.Index(scanCache.dbs, db)
	if i >= 0 {
		order := scanCache.orders[i]
		scanCache.dbs = slices.Delete(scanCache.dbs, i, i+1)
		scanCache.orders = slices.Delete(scanCache.orders, i, i+1)
		if !fresh {
			scanCache.dbs = slices.Insert(scanCache.dbs, 0, db)
			scanCache.orders = slices.Insert(scanCache.orders, 0, order)
			return order
		}
	}
	order := keyOrder(db)
	if len(scanCache.dbs) == scanCacheSize {
		scanCache.dbs = scanCache.dbs[:scanCacheSize-1]
		scanCache.orders = scanCache.orders[:scanCacheSize-1]
	}
	scanCache.dbs = slices.Insert(scanCache.dbs, 0, db)
	scanCache.orders = slices.Insert(scanCache.orders, 0, order)
	return order
}

// scanTableBits is log2 of the size Redis's table would have for n keys.
func scanTableBits(n int) int {
	b := 2
	for 1<<b < n {
		b++
	}
	return b
}

// scanBatch collects keys from cursor on: whole buckets until count keys
// are gathered or count*10+1 buckets visited, as Redis's loop does. It
// answers the next cursor, 0 once the walk is over.
func scanBatch(db *DB, cursor uint64, count int64) ([]string, uint64) {
	order := scanOrder(db, cursor == 0)
	tb := scanTableBits(len(db.keys))
	shift := uint(64 - tb)
	size := uint64(1) << tb
	start := bits.Reverse64(cursor)
	i, _ := slices.BinarySearchFunc(order, start, func(e keyEntry, p uint64) int {
		if e.pos < p {
			return -1
		}
		if e.pos > p {
			return 1
		}
		return 0
	})
	// Entries of keys deleted since the order was built are not there.
	live := func() {
		for i < len(order) && db.keys[order[i].key] == nil {
			i++
		}
	}
	var keys []string
	bucket := start >> shift
	visits := int64(math.MaxInt64)
	if count < math.MaxInt64/10 {
		visits = count*10 + 1
	}
	for {
		live()
		for i < len(order) && order[i].pos>>shift == bucket {
			keys = append(keys, order[i].key)
			i++
			live()
		}
		visits--
		bucket++
		if bucket == size {
			return keys, 0
		}
		if int64(len(keys)) >= count || visits == 0 {
			return keys, bits.Reverse64(bucket << shift)
		}
		// Skip empty buckets in one step, each costing a visit.
		next := size
		if i < len(order) {
			next = order[i].pos >> shift
		}
		if empty := next - bucket; empty >= uint64(visits) {
			bucket += uint64(visits)
			if bucket == size {
				return keys, 0
			}
			return keys, bits.Reverse64(bucket << shift)
		}
		visits -= int64(next - bucket)
		bucket = next
		if bucket == size {
			return keys, 0
		}
	}
}

func cmdScan(x *Ctx) Value {
	cursor, ok := parseCursor(x.Args[1])
	if !ok {
		return Err(errInvalidCursor)
	}
	count := int64(10)
	var pattern, typ string
	usePattern, useType := false, false
	args := x.Args
	for i := 2; i < len(args); i += 2 {
		if i+1 >= len(args) {
			return Err(ErrSyntax)
		}
		switch strings.ToLower(args[i]) {
		case "count":
			n, ok := ParseInt(args[i+1])
			if !ok {
				return Err(ErrNotInteger)
			}
			if n < 1 {
				return Err(ErrSyntax)
			}
			count = n
		case "match":
			pattern = args[i+1]
			usePattern = pattern != "*"
		case "type":
			typ, useType = args[i+1], true
		default:
			return Err(ErrSyntax)
		}
	}
	keys, next := scanBatch(x.DB, cursor, count)
	var out []Value
	for _, k := range keys {
		if usePattern && !Glob(pattern, k, false) {
			continue
		}
		if useType {
			// An unknown type name is no error: it just matches nothing.
			name := "none"
			if o := keyPeek(x.DB, k, x.Now); o != nil {
				name = o.Type.String()
			}
			if !strings.EqualFold(typ, name) {
				continue
			}
		}
		if len(x.DB.expires) > 0 && x.DB.expireIfNeeded(k, x.Now) {
			continue
		}
		out = append(out, Bulk(k))
	}
	return Array(Bulk(strconv.FormatUint(next, 10)), Array(out...))
}

func cmdRename(x *Ctx) Value   { return renameGeneric(x, false) }
func cmdRenamenx(x *Ctx) Value { return renameGeneric(x, true) }

// renameGeneric moves the value and its time to live to the new name.
// Renaming a key to itself succeeds (RENAME) or does nothing (RENAMENX),
// but only if the key exists.
func renameGeneric(x *Ctx, nx bool) Value {
	src, dst := x.Args[1], x.Args[2]
	o := x.DB.Lookup(src, x.Now)
	if o == nil {
		return Err(ErrNoSuchKey)
	}
	if src == dst {
		if nx {
			return Int(0)
		}
		return OK
	}
	when, has := x.DB.Expire(src)
	if x.DB.Lookup(dst, x.Now) != nil && nx {
		return Int(0)
	}
	x.DB.remove(src)
	x.DB.Set(dst, o)
	if has {
		x.DB.SetExpire(dst, when)
	}
	x.Modified(src)
	x.Modified(dst)
	if nx {
		return Int(1)
	}
	return OK
}

func cmdCopy(x *Ctx) Value {
	src, dst := x.Args[1], x.Args[2]
	to := x.DB
	replace := false
	for j := 3; j < len(x.Args); j++ {
		switch strings.ToLower(x.Args[j]) {
		case "replace":
			replace = true
		case "db":
			if j+1 >= len(x.Args) {
				return Err(ErrSyntax)
			}
			db, err := parseDBIndex(x, x.Args[j+1])
			if err != nil {
				return *err
			}
			to = db
			j++
		default:
			return Err(ErrSyntax)
		}
	}
	if to == x.DB && src == dst {
		return Err(ErrSameObject)
	}
	o := x.DB.Read(src, x.Now)
	if o == nil {
		return Int(0)
	}
	when, has := x.DB.Expire(src)
	exists := to.Lookup(dst, x.Now) != nil
	if exists && !replace {
		return Int(0)
	}
	dup, ok := copyObject(o)
	if !ok {
		return Err(errUnknownType)
	}
	dup.lru = x.Now
	to.Set(dst, dup)
	if has {
		to.SetExpire(dst, when)
	}
	modifiedIn(x, to, dst)
	return Int(1)
}

// copyObject duplicates o for COPY. Strings are immutable in Go and copy
// as they are; other types must provide Copy on their Val.
func copyObject(o *Object) (*Object, bool) {
	dup := &Object{Type: o.Type, Str: o.Str, Raw: o.Raw, Val: o.Val}
	if o.Type == TypeString {
		if StringEncoding(o) == "int" {
			dup.Val = keyUnshared{}
		}
		return dup, true
	}
	c, ok := o.Val.(copier)
	if !ok {
		return nil, false
	}
	dup.Val = c.Copy()
	return dup, true
}

func cmdMove(x *Ctx) Value {
	key := x.Args[1]
	to, err := parseDBIndex(x, x.Args[2])
	if err != nil {
		return *err
	}
	if to == x.DB {
		return Err(ErrSameObject)
	}
	o := x.DB.Lookup(key, x.Now)
	if o == nil {
		return Int(0)
	}
	when, has := x.DB.Expire(key)
	if to.Lookup(key, x.Now) != nil {
		return Int(0)
	}
	x.DB.remove(key)
	to.Set(key, o)
	if has {
		to.SetExpire(key, when)
	}
	x.Modified(key)
	modifiedIn(x, to, key)
	return Int(1)
}

// cmdRandomkey relies on Go's randomised map iteration to pick a key; it
// drops expired keys it lands on and tries again, as Redis does.
func cmdRandomkey(x *Ctx) Value {
	for len(x.DB.keys) > 0 {
		var key string
		for key = range x.DB.keys {
			break
		}
		if len(x.DB.expires) > 0 && x.DB.expireIfNeeded(key, x.Now) {
			continue
		}
		return Bulk(key)
	}
	return Null
}

func cmdTouch(x *Ctx) Value {
	var n int64
	for _, key := range x.Args[1:] {
		if x.DB.Read(key, x.Now) != nil {
			n++
		}
	}
	return Int(n)
}

// objectEncoding names the representation Redis 7.0 would use for o.
func objectEncoding(o *Object) string {
	if o.Type == TypeString {
		return StringEncoding(o)
	}
	if e, ok := o.Val.(encoder); ok {
		return e.Encoding()
	}
	switch o.Type {
	case TypeList:
		return "quicklist"
	case TypeZSet:
		return "skiplist"
	case TypeStream:
		return "stream"
	}
	return "hashtable"
}

func cmdObjectEncoding(x *Ctx) Value {
	o := keyPeek(x.DB, x.Args[2], x.Now)
	if o == nil {
		return Null
	}
	return Bulk(objectEncoding(o))
}

// cmdObjectRefcount answers 1, except for the small integers Redis shares
// between keys, whose count is pinned at INT_MAX.
func cmdObjectRefcount(x *Ctx) Value {
	o := keyPeek(x.DB, x.Args[2], x.Now)
	if o == nil {
		return Null
	}
	if o.Type == TypeString {
		if _, copied := o.Val.(keyUnshared); !copied && StringEncoding(o) == "int" {
			if n, _ := ParseInt(o.Str); n >= 0 && n < sharedIntegers {
				return Int(math.MaxInt32)
			}
		}
	}
	return Int(1)
}

// cmdObjectIdletime counts whole seconds on Redis's LRU clock, which ticks
// once a second, so it is the difference of the two times in seconds.
func cmdObjectIdletime(x *Ctx) Value {
	o := keyPeek(x.DB, x.Args[2], x.Now)
	if o == nil {
		return Null
	}
	if lfuPolicy(x.Engine) {
		return Err(errLFUIdle)
	}
	return Int(max(x.Now/1000-o.lru/1000, 0))
}

// cmdObjectFreq answers Redis's error unless an LFU policy is selected,
// else the key's access counter as decayed by now (memory.go).
func cmdObjectFreq(x *Ctx) Value {
	o := keyPeek(x.DB, x.Args[2], x.Now)
	if o == nil {
		return Null
	}
	if !lfuPolicy(x.Engine) {
		return Err(errNoLFU)
	}
	return Int(int64(x.Engine.lfuDecayed(o, x.Now)))
}

func cmdObjectHelp(x *Ctx) Value {
	return subcommandHelp("OBJECT", []string{
		"ENCODING <key>",
		"    Name the internal representation that holds the value of <key>.",
		"FREQ <key>",
		"    Show the logarithmic access counter of <key> (LFU eviction policies",
		"    only).",
		"IDLETIME <key>",
		"    Show roughly how many seconds have gone by since <key> was last used.",
		"REFCOUNT <key>",
		"    Show how many references share the value of <key>.",
	})
}
