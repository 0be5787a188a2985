package engine

import (
	"math"
	"math/rand/v2"
	"strings"
)

// The set commands, as Redis 7.0's t_set.c has them.
var setCommands = []*Command{
	{
		Name: "sadd", Arity: -3, Flags: []string{"write", "denyoom", "fast"}, ACL: []string{"write", "set", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "insert"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "set", Since: "1.0.0",
		Complexity: "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.",
		Summary:    "Adds members to a set, creating it if needed.",
		History:    [][2]string{{"2.4.0", "Accepts multiple `member` arguments."}},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "member", Type: ArgString, Multiple: true},
		},
		Run: cmdSadd,
	},
	{
		Name: "srem", Arity: -3, Flags: []string{"write", "fast"}, ACL: []string{"write", "set", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "delete"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "set", Since: "1.0.0",
		Complexity: "O(N) where N is the number of members to be removed.",
		Summary:    "Removes members from a set.",
		History:    [][2]string{{"2.4.0", "Accepts multiple `member` arguments."}},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "member", Type: ArgString, Multiple: true},
		},
		Run: cmdSrem,
	},
	{
		Name: "sismember", Arity: 3, Flags: []string{"readonly", "fast"}, ACL: []string{"read", "set", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "set", Since: "1.0.0",
		Complexity: "O(1)",
		Summary:    "Tells whether a value is a member of a set.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "member", Type: ArgString},
		},
		Run: cmdSismember,
	},
	{
		Name: "smismember", Arity: -3, Flags: []string{"readonly", "fast"}, ACL: []string{"read", "set", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "set", Since: "6.2.0",
		Complexity: "O(N) where N is the number of elements being checked for membership",
		Summary:    "Tells, for each of several values, whether it is a member of a set.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "member", Type: ArgString, Multiple: true},
		},
		Run: cmdSmismember,
	},
	{
		Name: "smembers", Arity: 2, Flags: []string{"readonly"}, ACL: []string{"read", "set", "slow"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Tips:     []string{"nondeterministic_output_order"},
		Group:    "set", Since: "1.0.0",
		Complexity: "O(N) where N is the set cardinality.",
		Summary:    "Returns every member of a set.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
		},
		Run: cmdSmembers,
	},
	{
		Name: "scard", Arity: 2, Flags: []string{"readonly", "fast"}, ACL: []string{"read", "set", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "set", Since: "1.0.0",
		Complexity: "O(1)",
		Summary:    "Returns how many members a set has.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
		},
		Run: cmdScard,
	},
	{
		Name: "spop", Arity: -2, Flags: []string{"write", "fast"}, ACL: []string{"write", "set", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "access", "delete"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Tips:     []string{"nondeterministic_output"},
		Group:    "set", Since: "1.0.0",
		Complexity: "Without the count argument O(1), otherwise O(N) where N is the value of the passed count.",
		Summary:    "Removes and returns random members of a set.",
		History:    [][2]string{{"3.2.0", "Added the `count` argument."}},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "count", Type: ArgInteger, Optional: true, Since: "3.2.0"},
		},
		Run: cmdSpop,
	},
	{
		Name: "srandmember", Arity: -2, Flags: []string{"readonly"}, ACL: []string{"read", "set", "slow"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Tips:     []string{"nondeterministic_output"},
		Group:    "set", Since: "1.0.0",
		Complexity: "Without the count argument O(1), otherwise O(N) where N is the absolute value of the passed count.",
		Summary:    "Returns random members of a set without removing them.",
		History:    [][2]string{{"2.6.0", "Added the optional `count` argument."}},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "count", Type: ArgInteger, Optional: true, Since: "2.6.0"},
		},
		Run: cmdSrandmember,
	},
	{
		Name: "smove", Arity: 4, Flags: []string{"write", "fast"}, ACL: []string{"write", "set", "fast"},
		FirstKey: 1, LastKey: 2, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "access", "delete"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}, {Flags: []string{"RW", "insert"}, Index: 2, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "set", Since: "1.0.0",
		Complexity: "O(1)",
		Summary:    "Moves a member from one set to another.",
		Args: []Arg{
			{Name: "source", Type: ArgKey},
			{Name: "destination", Type: ArgKey, KeySpecIndex: 1},
			{Name: "member", Type: ArgString},
		},
		Run: cmdSmove,
	},
	{
		Name: "sunion", Arity: -2, Flags: []string{"readonly"}, ACL: []string{"read", "set", "slow"},
		FirstKey: 1, LastKey: -1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: -1, KeyStep: 1, Limit: 0}},
		Tips:     []string{"nondeterministic_output_order"},
		Group:    "set", Since: "1.0.0",
		Complexity: "O(N) where N is the total number of elements in all given sets.",
		Summary:    "Returns the members found in any of the given sets.",
		Args: []Arg{
			{Name: "key", Type: ArgKey, Multiple: true},
		},
		Run: cmdSunion,
	},
	{
		Name: "sinter", Arity: -2, Flags: []string{"readonly"}, ACL: []string{"read", "set", "slow"},
		FirstKey: 1, LastKey: -1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: -1, KeyStep: 1, Limit: 0}},
		Tips:     []string{"nondeterministic_output_order"},
		Group:    "set", Since: "1.0.0",
		Complexity: "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.",
		Summary:    "Returns the members found in all of the given sets.",
		Args: []Arg{
			{Name: "key", Type: ArgKey, Multiple: true},
		},
		Run: cmdSinter,
	},
	{
		Name: "sdiff", Arity: -2, Flags: []string{"readonly"}, ACL: []string{"read", "set", "slow"},
		FirstKey: 1, LastKey: -1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: -1, KeyStep: 1, Limit: 0}},
		Tips:     []string{"nondeterministic_output_order"},
		Group:    "set", Since: "1.0.0",
		Complexity: "O(N) where N is the total number of elements in all given sets.",
		Summary:    "Returns the members of the first set that no other given set has.",
		Args: []Arg{
			{Name: "key", Type: ArgKey, Multiple: true},
		},
		Run: cmdSdiff,
	},
	{
		Name: "sunionstore", Arity: -3, Flags: []string{"write", "denyoom"}, ACL: []string{"write", "set", "slow"},
		FirstKey: 1, LastKey: -1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"OW", "update"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}, {Flags: []string{"RO", "access"}, Index: 2, LastKey: -1, KeyStep: 1, Limit: 0}},
		Group:    "set", Since: "1.0.0",
		Complexity: "O(N) where N is the total number of elements in all given sets.",
		Summary:    "Stores the union of sets in a key.",
		Args: []Arg{
			{Name: "destination", Type: ArgKey},
			{Name: "key", Type: ArgKey, KeySpecIndex: 1, Multiple: true},
		},
		Run: cmdSunionstore,
	},
	{
		Name: "sinterstore", Arity: -3, Flags: []string{"write", "denyoom"}, ACL: []string{"write", "set", "slow"},
		FirstKey: 1, LastKey: -1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "update"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}, {Flags: []string{"RO", "access"}, Index: 2, LastKey: -1, KeyStep: 1, Limit: 0}},
		Group:    "set", Since: "1.0.0",
		Complexity: "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.",
		Summary:    "Stores the intersection of sets in a key.",
		Args: []Arg{
			{Name: "destination", Type: ArgKey},
			{Name: "key", Type: ArgKey, KeySpecIndex: 1, Multiple: true},
		},
		Run: cmdSinterstore,
	},
	{
		Name: "sdiffstore", Arity: -3, Flags: []string{"write", "denyoom"}, ACL: []string{"write", "set", "slow"},
		FirstKey: 1, LastKey: -1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"OW", "update"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}, {Flags: []string{"RO", "access"}, Index: 2, LastKey: -1, KeyStep: 1, Limit: 0}},
		Group:    "set", Since: "1.0.0",
		Complexity: "O(N) where N is the total number of elements in all given sets.",
		Summary:    "Stores the difference of sets in a key.",
		Args: []Arg{
			{Name: "destination", Type: ArgKey},
			{Name: "key", Type: ArgKey, KeySpecIndex: 1, Multiple: true},
		},
		Run: cmdSdiffstore,
	},
	{
		Name: "sintercard", Arity: -3, Flags: []string{"readonly", "movablekeys"}, ACL: []string{"read", "set", "slow"},
		FirstKey: 0, LastKey: 0, Step: 0,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, Keynum: true, NumKeysIndex: 0, FirstKey: 1, KeyStep: 1}},
		Group:    "set", Since: "7.0.0",
		Complexity: "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.",
		Summary:    "Counts the members found in all of the given sets.",
		Args: []Arg{
			{Name: "numkeys", Type: ArgInteger},
			{Name: "key", Type: ArgKey, Multiple: true},
			{Name: "limit", Type: ArgInteger, Token: "LIMIT", Optional: true},
		},
		Run: cmdSintercard,
	},
	{
		Name: "sscan", Arity: -3, Flags: []string{"readonly"}, ACL: []string{"read", "set", "slow"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Tips:     []string{"nondeterministic_output"},
		Group:    "set", Since: "2.8.0",
		Complexity: "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..",
		Summary:    "Walks the members of a set a few at a time.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "cursor", Type: ArgInteger},
			{Name: "pattern", Type: ArgPattern, Token: "MATCH", Optional: true},
			{Name: "count", Type: ArgInteger, Token: "COUNT", Optional: true},
		},
		Run: cmdSscan,
	},
}

func init() { register(setCommands...) }

const (
	errKeysOverArgs  = "ERR Number of keys can't be greater than number of args"
	errLimitNegative = "ERR LIMIT can't be negative"
)

// setAt returns the set at key: nil when missing, ok false for another type.
func setAt(x *Ctx, key string, read bool) (*set, bool) {
	return lookupAs[*set](x, key, TypeSet, read)
}

// setReply answers members as a set reply.
func setReply(members []string) Value {
	out := make([]Value, len(members))
	for i, m := range members {
		out[i] = Bulk(m)
	}
	return Set(out...)
}

func cmdSadd(x *Ctx) Value {
	key := x.Args[1]
	s, ok := setAt(x, key, false)
	if !ok {
		return wrongType
	}
	if s == nil {
		s = newSet()
		x.DB.Set(key, &Object{Type: TypeSet, Val: s})
	}
	var n int64
	for _, m := range x.Args[2:] {
		if s.Add(m) {
			n++
		}
	}
	if n > 0 {
		x.Modified(key)
	}
	return Int(n)
}

// setRemove removes members and deletes the key once the set is empty.
func setRemove(x *Ctx, key string, s *set, members ...string) int64 {
	var n int64
	for _, m := range members {
		if s.Remove(m) {
			n++
		}
	}
	if s.Len() == 0 {
		x.DB.Delete(key, x.Now)
	}
	if n > 0 {
		x.Modified(key)
	}
	return n
}

func cmdSrem(x *Ctx) Value {
	s, ok := setAt(x, x.Args[1], false)
	if !ok {
		return wrongType
	}
	if s == nil {
		return Int(0)
	}
	return Int(setRemove(x, x.Args[1], s, x.Args[2:]...))
}

func cmdSismember(x *Ctx) Value {
	s, ok := setAt(x, x.Args[1], true)
	if !ok {
		return wrongType
	}
	return boolInt(s != nil && s.Has(x.Args[2]))
}

func cmdSmismember(x *Ctx) Value {
	s, ok := setAt(x, x.Args[1], true)
	if !ok {
		return wrongType
	}
	out := make([]Value, len(x.Args)-2)
	for i, m := range x.Args[2:] {
		out[i] = boolInt(s != nil && s.Has(m))
	}
	return Array(out...)
}

func cmdSmembers(x *Ctx) Value {
	s, ok := setAt(x, x.Args[1], true)
	if !ok {
		return wrongType
	}
	if s == nil {
		return Set()
	}
	return setReply(s.Members())
}

func cmdScard(x *Ctx) Value {
	s, ok := setAt(x, x.Args[1], true)
	if !ok {
		return wrongType
	}
	if s == nil {
		return Int(0)
	}
	return Int(int64(s.Len()))
}

func cmdSpop(x *Ctx) Value {
	key := x.Args[1]
	if len(x.Args) > 3 {
		return Err(ErrSyntax)
	}
	if len(x.Args) == 2 {
		s, ok := setAt(x, key, false)
		if !ok {
			return wrongType
		}
		if s == nil {
			return Null
		}
		m := s.members[rand.IntN(s.Len())]
		setRemove(x, key, s, m)
		return Bulk(m)
	}
	count, ok := ParseInt(x.Args[2])
	if !ok || count < 0 {
		return Err(errMustBePositive)
	}
	s, ok := setAt(x, key, false)
	if !ok {
		return wrongType
	}
	if s == nil || count == 0 {
		return Set()
	}
	var popped []string
	if count >= int64(s.Len()) {
		popped = s.Members()
	} else {
		for _, i := range randomPicks(s.Len(), count) {
			popped = append(popped, s.members[i])
		}
	}
	setRemove(x, key, s, popped...)
	return setReply(popped)
}

func cmdSrandmember(x *Ctx) Value {
	if len(x.Args) > 3 {
		return Err(ErrSyntax)
	}
	if len(x.Args) == 2 {
		s, ok := setAt(x, x.Args[1], true)
		if !ok {
			return wrongType
		}
		if s == nil {
			return Null
		}
		return Bulk(s.members[rand.IntN(s.Len())])
	}
	count, errv := parseRandCount(x.Args[2])
	if errv != nil {
		return *errv
	}
	s, ok := setAt(x, x.Args[1], true)
	if !ok {
		return wrongType
	}
	if s == nil || count == 0 {
		return Array()
	}
	if count >= int64(s.Len()) {
		return BulkStrings(s.Members())
	}
	picks := randomPicks(s.Len(), count)
	out := make([]Value, len(picks))
	for i, p := range picks {
		out[i] = Bulk(s.members[p])
	}
	return Array(out...)
}

func cmdSmove(x *Ctx) Value {
	src, dst, m := x.Args[1], x.Args[2], x.Args[3]
	ss, ok1 := setAt(x, src, false)
	ds, ok2 := setAt(x, dst, false)
	if ok1 && ss == nil {
		return Int(0)
	}
	if !ok1 || !ok2 {
		return wrongType
	}
	if src == dst {
		return boolInt(ss.Has(m))
	}
	if !ss.Has(m) {
		return Int(0)
	}
	setRemove(x, src, ss, m)
	if ds == nil {
		ds = newSet()
		x.DB.Set(dst, &Object{Type: TypeSet, Val: ds})
	}
	ds.Add(m)
	x.Modified(dst)
	return Int(1)
}

// setsAt returns the sets at keys, nil for missing ones; ok is false when
// any key holds another type, which Redis checks before anything else.
func setsAt(x *Ctx, keys []string) ([]*set, bool) {
	sets := make([]*set, len(keys))
	for i, k := range keys {
		s, ok := setAt(x, k, true)
		if !ok {
			return nil, false
		}
		sets[i] = s
	}
	return sets, true
}

type setOp int

const (
	opUnion setOp = iota
	opInter
	opDiff
)

// combine computes a union, intersection or difference; limit stops an
// intersection early once it has that many members (0 for no limit).
func combine(op setOp, sets []*set, limit int) []string {
	var out []string
	switch op {
	case opUnion:
		seen := map[string]bool{}
		for _, s := range sets {
			if s == nil {
				continue
			}
			for _, m := range s.Members() {
				if !seen[m] {
					seen[m] = true
					out = append(out, m)
				}
			}
		}
	case opInter:
		for _, s := range sets {
			if s == nil {
				return nil
			}
		}
		smallest := sets[0]
		for _, s := range sets {
			if s.Len() < smallest.Len() {
				smallest = s
			}
		}
	members:
		for _, m := range smallest.Members() {
			for _, s := range sets {
				if !s.Has(m) {
					continue members
				}
			}
			out = append(out, m)
			if limit > 0 && len(out) == limit {
				break
			}
		}
	case opDiff:
		if sets[0] == nil {
			return nil
		}
	next:
		for _, m := range sets[0].Members() {
			for _, s := range sets[1:] {
				if s != nil && s.Has(m) {
					continue next
				}
			}
			out = append(out, m)
		}
	}
	return out
}

func setCombine(x *Ctx, op setOp) Value {
	sets, ok := setsAt(x, x.Args[1:])
	if !ok {
		return wrongType
	}
	return setReply(combine(op, sets, 0))
}

func setCombineStore(x *Ctx, op setOp) Value {
	dst := x.Args[1]
	sets, ok := setsAt(x, x.Args[2:])
	if !ok {
		return wrongType
	}
	members := combine(op, sets, 0)
	if len(members) == 0 {
		if x.DB.Delete(dst, x.Now) {
			x.Modified(dst)
		}
		return Int(0)
	}
	s := newSet()
	for _, m := range members {
		s.Add(m)
	}
	x.DB.Set(dst, &Object{Type: TypeSet, Val: s})
	x.Modified(dst)
	return Int(int64(s.Len()))
}

func cmdSunion(x *Ctx) Value      { return setCombine(x, opUnion) }
func cmdSinter(x *Ctx) Value      { return setCombine(x, opInter) }
func cmdSdiff(x *Ctx) Value       { return setCombine(x, opDiff) }
func cmdSunionstore(x *Ctx) Value { return setCombineStore(x, opUnion) }
func cmdSinterstore(x *Ctx) Value { return setCombineStore(x, opInter) }
func cmdSdiffstore(x *Ctx) Value  { return setCombineStore(x, opDiff) }

func cmdSintercard(x *Ctx) Value {
	numkeys, ok := ParseInt(x.Args[1])
	if !ok || numkeys < 1 {
		return Err(errNumkeys)
	}
	if numkeys > int64(len(x.Args)-2) {
		return Err(errKeysOverArgs)
	}
	keys := x.Args[2 : 2+numkeys]
	limit := int64(0)
	for j := 2 + int(numkeys); j < len(x.Args); j++ {
		if strings.EqualFold(x.Args[j], "limit") && j+1 < len(x.Args) {
			j++
			n, ok := ParseInt(x.Args[j])
			if !ok || n < 0 {
				return Err(errLimitNegative)
			}
			limit = n
			continue
		}
		return Err(ErrSyntax)
	}
	sets, ok := setsAt(x, keys)
	if !ok {
		return wrongType
	}
	return Int(int64(len(combine(opInter, sets, int(min(limit, math.MaxInt32))))))
}

func cmdSscan(x *Ctx) Value {
	o, errv := parseElemScan(x.Args)
	if errv != nil {
		return *errv
	}
	s, ok := setAt(x, x.Args[1], true)
	if !ok {
		return wrongType
	}
	var members []string
	if s != nil {
		members = s.Members()
	}
	return elemScanReply(o, members, 1)
}
