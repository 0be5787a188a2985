package engine

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
)

// The hash commands, as Redis 7.0's t_hash.c has them.
var hashCommands = []*Command{
	{
		Name: "hset", Arity: -4, Flags: []string{"write", "denyoom", "fast"}, ACL: []string{"write", "hash", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "update"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "hash", Since: "2.0.0",
		Complexity: "O(1) for each field/value pair added, so O(N) to add N field/value pairs when the command is called with multiple field/value pairs.",
		Summary:    "Sets one or more fields of a hash, creating the hash if needed.",
		History:    [][2]string{{"4.0.0", "Accepts multiple `field` and `value` arguments."}},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "field_value", Type: ArgBlock, Multiple: true, Args: []Arg{
				{Name: "field", Type: ArgString},
				{Name: "value", Type: ArgString},
			}},
		},
		Run: cmdHset,
	},
	{
		Name: "hsetnx", Arity: 4, Flags: []string{"write", "denyoom", "fast"}, ACL: []string{"write", "hash", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "insert"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "hash", Since: "2.0.0",
		Complexity: "O(1)",
		Summary:    "Sets a field of a hash only if the field does not exist yet.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "field", Type: ArgString},
			{Name: "value", Type: ArgString},
		},
		Run: cmdHsetnx,
	},
	{
		Name: "hmset", Arity: -4, Flags: []string{"write", "denyoom", "fast"}, ACL: []string{"write", "hash", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "update"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "hash", Since: "2.0.0",
		Complexity: "O(N) where N is the number of fields being set.",
		Summary:    "Sets several fields of a hash (the older form of HSET).",
		DocFlags:   []string{"deprecated"},
		ReplacedBy: "`HSET` with multiple field-value pairs",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "field_value", Type: ArgBlock, Multiple: true, Args: []Arg{
				{Name: "field", Type: ArgString},
				{Name: "value", Type: ArgString},
			}},
		},
		Run: cmdHmset,
	},
	{
		Name: "hget", Arity: 3, Flags: []string{"readonly", "fast"}, ACL: []string{"read", "hash", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "hash", Since: "2.0.0",
		Complexity: "O(1)",
		Summary:    "Returns the value of one field of a hash.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "field", Type: ArgString},
		},
		Run: cmdHget,
	},
	{
		Name: "hmget", Arity: -3, Flags: []string{"readonly", "fast"}, ACL: []string{"read", "hash", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "hash", Since: "2.0.0",
		Complexity: "O(N) where N is the number of fields being requested.",
		Summary:    "Returns the values of several fields of a hash.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "field", Type: ArgString, Multiple: true},
		},
		Run: cmdHmget,
	},
	{
		Name: "hgetall", Arity: 2, Flags: []string{"readonly"}, ACL: []string{"read", "hash", "slow"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Tips:     []string{"nondeterministic_output_order"},
		Group:    "hash", Since: "2.0.0",
		Complexity: "O(N) where N is the size of the hash.",
		Summary:    "Returns every field and value of a hash.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
		},
		Run: cmdHgetall,
	},
	{
		Name: "hdel", Arity: -3, Flags: []string{"write", "fast"}, ACL: []string{"write", "hash", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "delete"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "hash", Since: "2.0.0",
		Complexity: "O(N) where N is the number of fields to be removed.",
		Summary:    "Removes fields from a hash.",
		History:    [][2]string{{"2.4.0", "Accepts multiple `field` arguments."}},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "field", Type: ArgString, Multiple: true},
		},
		Run: cmdHdel,
	},
	{
		Name: "hexists", Arity: 3, Flags: []string{"readonly", "fast"}, ACL: []string{"read", "hash", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "hash", Since: "2.0.0",
		Complexity: "O(1)",
		Summary:    "Tells whether a hash has a field.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "field", Type: ArgString},
		},
		Run: cmdHexists,
	},
	{
		Name: "hlen", Arity: 2, Flags: []string{"readonly", "fast"}, ACL: []string{"read", "hash", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "hash", Since: "2.0.0",
		Complexity: "O(1)",
		Summary:    "Returns how many fields a hash has.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
		},
		Run: cmdHlen,
	},
	{
		Name: "hkeys", Arity: 2, Flags: []string{"readonly"}, ACL: []string{"read", "hash", "slow"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Tips:     []string{"nondeterministic_output_order"},
		Group:    "hash", Since: "2.0.0",
		Complexity: "O(N) where N is the size of the hash.",
		Summary:    "Returns every field name of a hash.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
		},
		Run: cmdHkeys,
	},
	{
		Name: "hvals", Arity: 2, Flags: []string{"readonly"}, ACL: []string{"read", "hash", "slow"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Tips:     []string{"nondeterministic_output_order"},
		Group:    "hash", Since: "2.0.0",
		Complexity: "O(N) where N is the size of the hash.",
		Summary:    "Returns every value of a hash.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
		},
		Run: cmdHvals,
	},
	{
		Name: "hstrlen", Arity: 3, Flags: []string{"readonly", "fast"}, ACL: []string{"read", "hash", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "hash", Since: "3.2.0",
		Complexity: "O(1)",
		Summary:    "Returns the length of the value of a hash field.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "field", Type: ArgString},
		},
		Run: cmdHstrlen,
	},
	{
		Name: "hincrby", Arity: 4, Flags: []string{"write", "denyoom", "fast"}, ACL: []string{"write", "hash", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "access", "update"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "hash", Since: "2.0.0",
		Complexity: "O(1)",
		Summary:    "Adds an integer to the number held in a hash field.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "field", Type: ArgString},
			{Name: "increment", Type: ArgInteger},
		},
		Run: cmdHincrby,
	},
	{
		Name: "hincrbyfloat", Arity: 4, Flags: []string{"write", "denyoom", "fast"}, ACL: []string{"write", "hash", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "access", "update"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "hash", Since: "2.6.0",
		Complexity: "O(1)",
		Summary:    "Adds a decimal number to the number held in a hash field.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "field", Type: ArgString},
			{Name: "increment", Type: ArgDouble},
		},
		Run: cmdHincrbyfloat,
	},
	{
		Name: "hrandfield", Arity: -2, Flags: []string{"readonly"}, ACL: []string{"read", "hash", "slow"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Tips:     []string{"nondeterministic_output"},
		Group:    "hash", Since: "6.2.0",
		Complexity: "O(N) where N is the number of fields returned",
		Summary:    "Returns random fields of a hash, optionally with their values.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "options", Type: ArgBlock, Optional: true, Args: []Arg{
				{Name: "count", Type: ArgInteger},
				{Name: "withvalues", Type: ArgPureToken, Token: "WITHVALUES", Optional: true},
			}},
		},
		Run: cmdHrandfield,
	},
	{
		Name: "hscan", Arity: -3, Flags: []string{"readonly"}, ACL: []string{"read", "hash", "slow"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Tips:     []string{"nondeterministic_output"},
		Group:    "hash", Since: "2.8.0",
		Complexity: "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..",
		Summary:    "Walks the fields and values of a hash a few at a time.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "cursor", Type: ArgInteger},
			{Name: "pattern", Type: ArgPattern, Token: "MATCH", Optional: true},
			{Name: "count", Type: ArgInteger, Token: "COUNT", Optional: true},
		},
		Run: cmdHscan,
	},
}

func init() { register(hashCommands...) }

const (
	errHashNotInt   = "ERR hash value is not an integer"
	errHashNotFloat = "ERR hash value is not a float"
	errNaNOrInf     = "ERR value is NaN or Infinity"
	errCountRange   = "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807"
)

// hashAt returns the hash at key: nil when missing, ok false for another type.
func hashAt(x *Ctx, key string, read bool) (*hash, bool) {
	return lookupAs[*hash](x, key, TypeHash, read)
}

// hashForWrite returns the hash at key, creating an empty one when missing.
func hashForWrite(x *Ctx, key string) (*hash, bool) {
	h, ok := hashAt(x, key, false)
	if ok && h == nil {
		h = newHash()
		x.DB.Set(key, &Object{Type: TypeHash, Val: h})
	}
	return h, ok
}

func hsetPairs(x *Ctx) (added int64, ok bool) {
	h, ok := hashForWrite(x, x.Args[1])
	if !ok {
		return 0, false
	}
	for i := 2; i+1 < len(x.Args); i += 2 {
		if h.Set(x.Args[i], x.Args[i+1]) {
			added++
		}
	}
	x.Modified(x.Args[1])
	return added, true
}

func cmdHset(x *Ctx) Value {
	if len(x.Args)%2 != 0 {
		return x.WrongArgs()
	}
	n, ok := hsetPairs(x)
	if !ok {
		return wrongType
	}
	return Int(n)
}

func cmdHmset(x *Ctx) Value {
	if len(x.Args)%2 != 0 {
		return x.WrongArgs()
	}
	if _, ok := hsetPairs(x); !ok {
		return wrongType
	}
	return OK
}

func cmdHsetnx(x *Ctx) Value {
	h, ok := hashAt(x, x.Args[1], false)
	if !ok {
		return wrongType
	}
	if h != nil {
		if _, exists := h.Get(x.Args[2]); exists {
			return Int(0)
		}
	}
	h, _ = hashForWrite(x, x.Args[1])
	h.Set(x.Args[2], x.Args[3])
	x.Modified(x.Args[1])
	return Int(1)
}

func cmdHget(x *Ctx) Value {
	h, ok := hashAt(x, x.Args[1], true)
	if !ok {
		return wrongType
	}
	if h == nil {
		return Null
	}
	if v, ok := h.Get(x.Args[2]); ok {
		return Bulk(v)
	}
	return Null
}

func cmdHmget(x *Ctx) Value {
	h, ok := hashAt(x, x.Args[1], true)
	if !ok {
		return wrongType
	}
	out := make([]Value, 0, len(x.Args)-2)
	for _, f := range x.Args[2:] {
		v, found := "", false
		if h != nil {
			v, found = h.Get(f)
		}
		if found {
			out = append(out, Bulk(v))
		} else {
			out = append(out, Null)
		}
	}
	return Array(out...)
}

// hashReply answers the fields, the values, or both as a map.
func hashReply(x *Ctx, fields, values bool) Value {
	h, ok := hashAt(x, x.Args[1], true)
	if !ok {
		return wrongType
	}
	if h == nil {
		if fields && values {
			return Map()
		}
		return Array()
	}
	out := make([]Value, 0, h.Len()*2)
	for _, f := range h.fields {
		if fields {
			out = append(out, Bulk(f.name))
		}
		if values {
			out = append(out, Bulk(f.value))
		}
	}
	if fields && values {
		return Map(out...)
	}
	return Array(out...)
}

func cmdHgetall(x *Ctx) Value { return hashReply(x, true, true) }
func cmdHkeys(x *Ctx) Value   { return hashReply(x, true, false) }
func cmdHvals(x *Ctx) Value   { return hashReply(x, false, true) }

func cmdHdel(x *Ctx) Value {
	key := x.Args[1]
	h, ok := hashAt(x, key, false)
	if !ok {
		return wrongType
	}
	if h == nil {
		return Int(0)
	}
	var n int64
	for _, f := range x.Args[2:] {
		if h.Delete(f) {
			n++
		}
	}
	if n > 0 {
		if h.Len() == 0 {
			x.DB.Delete(key, x.Now)
		}
		x.Modified(key)
	}
	return Int(n)
}

func cmdHexists(x *Ctx) Value {
	h, ok := hashAt(x, x.Args[1], true)
	if !ok {
		return wrongType
	}
	if h == nil {
		return Int(0)
	}
	_, found := h.Get(x.Args[2])
	return boolInt(found)
}

func boolInt(b bool) Value {
	if b {
		return Int(1)
	}
	return Int(0)
}

func cmdHlen(x *Ctx) Value {
	h, ok := hashAt(x, x.Args[1], true)
	if !ok {
		return wrongType
	}
	if h == nil {
		return Int(0)
	}
	return Int(int64(h.Len()))
}

func cmdHstrlen(x *Ctx) Value {
	h, ok := hashAt(x, x.Args[1], true)
	if !ok {
		return wrongType
	}
	if h == nil {
		return Int(0)
	}
	v, _ := h.Get(x.Args[2])
	return Int(int64(len(v)))
}

func cmdHincrby(x *Ctx) Value {
	incr, ok := ParseInt(x.Args[3])
	if !ok {
		return Err(ErrNotInteger)
	}
	key, field := x.Args[1], x.Args[2]
	h, ok := hashForWrite(x, key)
	if !ok {
		return wrongType
	}
	var cur int64
	if v, found := h.Get(field); found {
		if cur, ok = ParseInt(v); !ok {
			return Err(errHashNotInt)
		}
	}
	if (incr < 0 && cur < 0 && incr < math.MinInt64-cur) || (incr > 0 && cur > 0 && incr > math.MaxInt64-cur) {
		return Err(ErrOverflow)
	}
	cur += incr
	h.Set(field, strconv.FormatInt(cur, 10))
	x.Modified(key)
	return Int(cur)
}

func cmdHincrbyfloat(x *Ctx) Value {
	incr, ok := ParseLongDouble(x.Args[3])
	if !ok {
		return Err(ErrNotFloat)
	}
	if incr.IsInf() {
		return Err(errNaNOrInf)
	}
	key, field := x.Args[1], x.Args[2]
	h, ok := hashForWrite(x, key)
	if !ok {
		return wrongType
	}
	var cur LongDouble
	if v, found := h.Get(field); found {
		if cur, ok = ParseLongDouble(v); !ok {
			return Err(errHashNotFloat)
		}
	}
	sum, ok := cur.Add(incr)
	if !ok || sum.IsInf() {
		return Err(ErrIncrFloatNaN)
	}
	s := sum.HumanString()
	h.Set(field, s)
	x.Modified(key)
	return Bulk(s)
}

// Pairs answers field/value pairs as Redis 7 does: one flat array to a
// RESP2 client, an array of two-element arrays to a RESP3 client.
func (x *Ctx) Pairs(flat []Value) Value {
	if x.Client.Proto < 3 {
		return Array(flat...)
	}
	out := make([]Value, len(flat)/2)
	for i := range out {
		out[i] = Array(flat[2*i], flat[2*i+1])
	}
	return Array(out...)
}

// parseRandCount reads the count of HRANDFIELD, SRANDMEMBER and ZRANDMEMBER.
func parseRandCount(s string) (int64, *Value) {
	n, ok := ParseInt(s)
	if !ok {
		v := Err(ErrNotInteger)
		return 0, &v
	}
	if n == math.MinInt64 {
		v := Err(errCountRange)
		return 0, &v
	}
	return n, nil
}

func cmdHrandfield(x *Ctx) Value {
	if len(x.Args) == 2 {
		h, ok := hashAt(x, x.Args[1], true)
		if !ok {
			return wrongType
		}
		if h == nil {
			return Null
		}
		return Bulk(h.fields[rand.IntN(h.Len())].name)
	}
	count, errv := parseRandCount(x.Args[2])
	if errv != nil {
		return *errv
	}
	withValues := false
	if len(x.Args) == 4 && strings.EqualFold(x.Args[3], "withvalues") {
		withValues = true
	} else if len(x.Args) >= 4 {
		return Err(ErrSyntax)
	}
	h, ok := hashAt(x, x.Args[1], true)
	if !ok {
		return wrongType
	}
	if h == nil || count == 0 {
		return Array()
	}
	picks := randomPicks(h.Len(), count)
	out := make([]Value, 0, len(picks)*2)
	for _, i := range picks {
		out = append(out, Bulk(h.fields[i].name))
		if withValues {
			out = append(out, Bulk(h.fields[i].value))
		}
	}
	if withValues {
		return x.Pairs(out)
	}
	return Array(out...)
}

// randomPicks chooses positions among n elements as Redis's random-member
// commands do: a negative count picks -count positions that may repeat; a
// positive count picks distinct positions, all of them in order when count
// is at least n.
func randomPicks(n int, count int64) []int {
	if count < 0 {
		out := make([]int, -count)
		for i := range out {
			out[i] = rand.IntN(n)
		}
		return out
	}
	if count >= int64(n) {
		out := make([]int, n)
		for i := range out {
			out[i] = i
		}
		return out
	}
	if count*3 > int64(n) {
		return rand.Perm(n)[:count]
	}
	seen := make(map[int]bool, count)
	out := make([]int, 0, count)
	for int64(len(out)) < count {
		if i := rand.IntN(n); !seen[i] {
			seen[i] = true
			out = append(out, i)
		}
	}
	return out
}

func cmdHscan(x *Ctx) Value {
	o, errv := parseElemScan(x.Args)
	if errv != nil {
		return *errv
	}
	h, ok := hashAt(x, x.Args[1], true)
	if !ok {
		return wrongType
	}
	var elems []string
	if h != nil {
		elems = make([]string, 0, 2*h.Len())
		for _, f := range h.fields {
			elems = append(elems, f.name, f.value)
		}
	}
	return elemScanReply(o, elems, 2)
}
