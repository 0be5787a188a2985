package engine

import (
	"math"
	"strings"
)

// The list commands, as Redis 7.0's t_list.c has them.
var listCommands = []*Command{
	{
		Name: "lpush", Arity: -3, Flags: []string{"write", "denyoom", "fast"}, ACL: []string{"write", "list", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "insert"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "list", Since: "1.0.0",
		Complexity: "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.",
		Summary:    "Adds one or more elements to the head of a list, creating it if needed.",
		History:    [][2]string{{"2.4.0", "Accepts multiple `element` arguments."}},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "element", Type: ArgString, Multiple: true},
		},
		Run: cmdLpush,
	},
	{
		Name: "rpush", Arity: -3, Flags: []string{"write", "denyoom", "fast"}, ACL: []string{"write", "list", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "insert"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "list", Since: "1.0.0",
		Complexity: "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.",
		Summary:    "Adds one or more elements to the tail of a list, creating it if needed.",
		History:    [][2]string{{"2.4.0", "Accepts multiple `element` arguments."}},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "element", Type: ArgString, Multiple: true},
		},
		Run: cmdRpush,
	},
	{
		Name: "lpushx", Arity: -3, Flags: []string{"write", "denyoom", "fast"}, ACL: []string{"write", "list", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "insert"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "list", Since: "2.2.0",
		Complexity: "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.",
		Summary:    "Adds elements to the head of a list, only if the list already exists.",
		History:    [][2]string{{"4.0.0", "Accepts multiple `element` arguments."}},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "element", Type: ArgString, Multiple: true},
		},
		Run: cmdLpushx,
	},
	{
		Name: "rpushx", Arity: -3, Flags: []string{"write", "denyoom", "fast"}, ACL: []string{"write", "list", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "insert"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "list", Since: "2.2.0",
		Complexity: "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.",
		Summary:    "Adds elements to the tail of a list, only if the list already exists.",
		History:    [][2]string{{"4.0.0", "Accepts multiple `element` arguments."}},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "element", Type: ArgString, Multiple: true},
		},
		Run: cmdRpushx,
	},
	{
		Name: "lpop", Arity: -2, Flags: []string{"write", "fast"}, ACL: []string{"write", "list", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "access", "delete"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "list", Since: "1.0.0",
		Complexity: "O(N) where N is the number of elements returned",
		Summary:    "Removes and returns elements from the head of a list.",
		History:    [][2]string{{"6.2.0", "Added the `count` argument."}},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "count", Type: ArgInteger, Optional: true, Since: "6.2.0"},
		},
		Run: cmdLpop,
	},
	{
		Name: "rpop", Arity: -2, Flags: []string{"write", "fast"}, ACL: []string{"write", "list", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "access", "delete"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "list", Since: "1.0.0",
		Complexity: "O(N) where N is the number of elements returned",
		Summary:    "Removes and returns elements from the tail of a list.",
		History:    [][2]string{{"6.2.0", "Added the `count` argument."}},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "count", Type: ArgInteger, Optional: true, Since: "6.2.0"},
		},
		Run: cmdRpop,
	},
	{
		Name: "llen", Arity: 2, Flags: []string{"readonly", "fast"}, ACL: []string{"read", "list", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "list", Since: "1.0.0",
		Complexity: "O(1)",
		Summary:    "Returns how many elements a list holds.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
		},
		Run: cmdLlen,
	},
	{
		Name: "lrange", Arity: 4, Flags: []string{"readonly"}, ACL: []string{"read", "list", "slow"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "list", Since: "1.0.0",
		Complexity: "O(S+N) where S is the distance of start offset from HEAD for small lists, from nearest end (HEAD or TAIL) for large lists; and N is the number of elements in the specified range.",
		Summary:    "Returns the elements of a list between two indexes.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "start", Type: ArgInteger},
			{Name: "stop", Type: ArgInteger},
		},
		Run: cmdLrange,
	},
	{
		Name: "lindex", Arity: 3, Flags: []string{"readonly"}, ACL: []string{"read", "list", "slow"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "list", Since: "1.0.0",
		Complexity: "O(N) where N is the number of elements to traverse to get to the element at index. This makes asking for the first or the last element of the list O(1).",
		Summary:    "Returns the element at an index of a list.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "index", Type: ArgInteger},
		},
		Run: cmdLindex,
	},
	{
		Name: "lset", Arity: 4, Flags: []string{"write", "denyoom"}, ACL: []string{"write", "list", "slow"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "update"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "list", Since: "1.0.0",
		Complexity: "O(N) where N is the length of the list. Setting either the first or the last element of the list is O(1).",
		Summary:    "Replaces the element at an index of a list.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "index", Type: ArgInteger},
			{Name: "element", Type: ArgString},
		},
		Run: cmdLset,
	},
	{
		Name: "linsert", Arity: 5, Flags: []string{"write", "denyoom"}, ACL: []string{"write", "list", "slow"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "insert"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "list", Since: "2.2.0",
		Complexity: "O(N) where N is the number of elements to traverse before seeing the value pivot. This means that inserting somewhere on the left end on the list (head) can be considered O(1) and inserting somewhere on the right end (tail) is O(N).",
		Summary:    "Inserts an element just before or just after a pivot element of a list.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "where", Type: ArgOneOf, Args: []Arg{
				{Name: "before", Type: ArgPureToken, Token: "BEFORE"},
				{Name: "after", Type: ArgPureToken, Token: "AFTER"},
			}},
			{Name: "pivot", Type: ArgString},
			{Name: "element", Type: ArgString},
		},
		Run: cmdLinsert,
	},
	{
		Name: "lrem", Arity: 4, Flags: []string{"write"}, ACL: []string{"write", "list", "slow"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "delete"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "list", Since: "1.0.0",
		Complexity: "O(N+M) where N is the length of the list and M is the number of elements removed.",
		Summary:    "Removes occurrences of an element from a list.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "count", Type: ArgInteger},
			{Name: "element", Type: ArgString},
		},
		Run: cmdLrem,
	},
	{
		Name: "ltrim", Arity: 4, Flags: []string{"write"}, ACL: []string{"write", "list", "slow"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "delete"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "list", Since: "1.0.0",
		Complexity: "O(N) where N is the number of elements to be removed by the operation.",
		Summary:    "Keeps only the elements of a list between two indexes.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "start", Type: ArgInteger},
			{Name: "stop", Type: ArgInteger},
		},
		Run: cmdLtrim,
	},
	{
		Name: "lpos", Arity: -3, Flags: []string{"readonly"}, ACL: []string{"read", "list", "slow"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "list", Since: "6.0.6",
		Complexity: "O(N) where N is the number of elements in the list, for the average case. When searching for elements near the head or the tail of the list, or when the MAXLEN option is provided, the command may run in constant time.",
		Summary:    "Returns the positions of an element in a list.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "element", Type: ArgString},
			{Name: "rank", Type: ArgInteger, Token: "RANK", Optional: true},
			{Name: "num-matches", Type: ArgInteger, Token: "COUNT", Optional: true},
			{Name: "len", Type: ArgInteger, Token: "MAXLEN", Optional: true},
		},
		Run: cmdLpos,
	},
	{
		Name: "lmove", Arity: 5, Flags: []string{"write", "denyoom"}, ACL: []string{"write", "list", "slow"},
		FirstKey: 1, LastKey: 2, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "access", "delete"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}, {Flags: []string{"RW", "insert"}, Index: 2, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "list", Since: "6.2.0",
		Complexity: "O(1)",
		Summary:    "Takes an element from one end of a list and pushes it onto an end of another list.",
		Args: []Arg{
			{Name: "source", Type: ArgKey},
			{Name: "destination", Type: ArgKey, KeySpecIndex: 1},
			{Name: "wherefrom", Type: ArgOneOf, Args: []Arg{
				{Name: "left", Type: ArgPureToken, Token: "LEFT"},
				{Name: "right", Type: ArgPureToken, Token: "RIGHT"},
			}},
			{Name: "whereto", Type: ArgOneOf, Args: []Arg{
				{Name: "left", Type: ArgPureToken, Token: "LEFT"},
				{Name: "right", Type: ArgPureToken, Token: "RIGHT"},
			}},
		},
		Run: cmdLmove,
	},
	{
		Name: "rpoplpush", Arity: 3, Flags: []string{"write", "denyoom"}, ACL: []string{"write", "list", "slow"},
		FirstKey: 1, LastKey: 2, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "access", "delete"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}, {Flags: []string{"RW", "insert"}, Index: 2, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "list", Since: "1.2.0",
		Complexity: "O(1)",
		Summary:    "Takes the last element of a list and pushes it onto the head of another list.",
		DocFlags:   []string{"deprecated"},
		ReplacedBy: "`LMOVE` with the `RIGHT` and `LEFT` arguments",
		Args: []Arg{
			{Name: "source", Type: ArgKey},
			{Name: "destination", Type: ArgKey, KeySpecIndex: 1},
		},
		Run: cmdRpoplpush,
	},
	{
		Name: "lmpop", Arity: -4, Flags: []string{"write", "movablekeys"}, ACL: []string{"write", "list", "slow"},
		FirstKey: 0, LastKey: 0, Step: 0,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "access", "delete"}, Index: 1, Keynum: true, NumKeysIndex: 0, FirstKey: 1, KeyStep: 1}},
		Group:    "list", Since: "7.0.0",
		Complexity: "O(N+M) where N is the number of provided keys and M is the number of elements returned.",
		Summary:    "Removes elements from one end of the first non-empty list among several.",
		Args: []Arg{
			{Name: "numkeys", Type: ArgInteger},
			{Name: "key", Type: ArgKey, Multiple: true},
			{Name: "where", Type: ArgOneOf, Args: []Arg{
				{Name: "left", Type: ArgPureToken, Token: "LEFT"},
				{Name: "right", Type: ArgPureToken, Token: "RIGHT"},
			}},
			{Name: "count", Type: ArgInteger, Token: "COUNT", Optional: true},
		},
		Run: cmdLmpop,
	},
	{
		Name: "blpop", Arity: -3, Flags: []string{"write", "noscript", "blocking"}, ACL: []string{"write", "list", "slow", "blocking"},
		FirstKey: 1, LastKey: -2, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "access", "delete"}, Index: 1, LastKey: -2, KeyStep: 1, Limit: 0}},
		Group:    "list", Since: "2.0.0",
		Complexity: "O(N) where N is the number of provided keys.",
		Summary:    "Removes the first element of the first non-empty list, waiting for one if all are empty.",
		History:    [][2]string{{"6.0.0", "`timeout` is interpreted as a double instead of an integer."}},
		Args: []Arg{
			{Name: "key", Type: ArgKey, Multiple: true},
			{Name: "timeout", Type: ArgDouble},
		},
		Run: cmdBlpop,
	},
	{
		Name: "brpop", Arity: -3, Flags: []string{"write", "noscript", "blocking"}, ACL: []string{"write", "list", "slow", "blocking"},
		FirstKey: 1, LastKey: -2, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "access", "delete"}, Index: 1, LastKey: -2, KeyStep: 1, Limit: 0}},
		Group:    "list", Since: "2.0.0",
		Complexity: "O(N) where N is the number of provided keys.",
		Summary:    "Removes the last element of the first non-empty list, waiting for one if all are empty.",
		History:    [][2]string{{"6.0.0", "`timeout` is interpreted as a double instead of an integer."}},
		Args: []Arg{
			{Name: "key", Type: ArgKey, Multiple: true},
			{Name: "timeout", Type: ArgDouble},
		},
		Run: cmdBrpop,
	},
	{
		Name: "blmove", Arity: 6, Flags: []string{"write", "denyoom", "noscript", "blocking"}, ACL: []string{"write", "list", "slow", "blocking"},
		FirstKey: 1, LastKey: 2, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "access", "delete"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}, {Flags: []string{"RW", "insert"}, Index: 2, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "list", Since: "6.2.0",
		Complexity: "O(1)",
		Summary:    "Moves an element between lists like LMOVE, waiting for one if the source is empty.",
		Args: []Arg{
			{Name: "source", Type: ArgKey},
			{Name: "destination", Type: ArgKey, KeySpecIndex: 1},
			{Name: "wherefrom", Type: ArgOneOf, Args: []Arg{
				{Name: "left", Type: ArgPureToken, Token: "LEFT"},
				{Name: "right", Type: ArgPureToken, Token: "RIGHT"},
			}},
			{Name: "whereto", Type: ArgOneOf, Args: []Arg{
				{Name: "left", Type: ArgPureToken, Token: "LEFT"},
				{Name: "right", Type: ArgPureToken, Token: "RIGHT"},
			}},
			{Name: "timeout", Type: ArgDouble},
		},
		Run: cmdBlmove,
	},
	{
		Name: "brpoplpush", Arity: 4, Flags: []string{"write", "denyoom", "noscript", "blocking"}, ACL: []string{"write", "list", "slow", "blocking"},
		FirstKey: 1, LastKey: 2, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "access", "delete"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}, {Flags: []string{"RW", "insert"}, Index: 2, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "list", Since: "2.2.0",
		Complexity: "O(1)",
		Summary:    "Moves the last element of a list onto another list, waiting for one if the source is empty.",
		DocFlags:   []string{"deprecated"},
		ReplacedBy: "`BLMOVE` with the `RIGHT` and `LEFT` arguments",
		History:    [][2]string{{"6.0.0", "`timeout` is interpreted as a double instead of an integer."}},
		Args: []Arg{
			{Name: "source", Type: ArgKey},
			{Name: "destination", Type: ArgKey, KeySpecIndex: 1},
			{Name: "timeout", Type: ArgDouble},
		},
		Run: cmdBrpoplpush,
	},
	{
		Name: "blmpop", Arity: -5, Flags: []string{"write", "blocking", "movablekeys"}, ACL: []string{"write", "list", "slow", "blocking"},
		FirstKey: 0, LastKey: 0, Step: 0,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "access", "delete"}, Index: 2, Keynum: true, NumKeysIndex: 0, FirstKey: 1, KeyStep: 1}},
		Group:    "list", Since: "7.0.0",
		Complexity: "O(N+M) where N is the number of provided keys and M is the number of elements returned.",
		Summary:    "Removes elements from the first non-empty list among several, waiting if all are empty.",
		Args: []Arg{
			{Name: "timeout", Type: ArgDouble},
			{Name: "numkeys", Type: ArgInteger},
			{Name: "key", Type: ArgKey, Multiple: true},
			{Name: "where", Type: ArgOneOf, Args: []Arg{
				{Name: "left", Type: ArgPureToken, Token: "LEFT"},
				{Name: "right", Type: ArgPureToken, Token: "RIGHT"},
			}},
			{Name: "count", Type: ArgInteger, Token: "COUNT", Optional: true},
		},
		Run: cmdBlmpop,
	},
}

func init() { register(listCommands...) }

// List errors as Redis 7.0 words them.
const (
	errMustBePositive = "ERR value is out of range, must be positive"
	errIndexRange     = "ERR index out of range"
	errRankZero       = "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list"
	errCountNegative  = "ERR COUNT can't be negative"
	errMaxlenNegative = "ERR MAXLEN can't be negative"
	errNumkeys        = "ERR numkeys should be greater than 0"
	errCountPositive  = "ERR count should be greater than 0"
	errTimeoutFloat   = "ERR timeout is not a float or out of range"
	errTimeoutNeg     = "ERR timeout is negative"
)

var wrongType = Err(ErrWrongType)

// listAt returns the list at key for a command that reads it: nil when the
// key is missing, ok false when it holds another type.
func listAt(x *Ctx, key string, read bool) (*list, bool) {
	return lookupAs[*list](x, key, TypeList, read)
}

// listPop removes one element from the head or tail of the list at key and
// deletes the key once the list is empty.
func listPop(x *Ctx, key string, l *list, head bool) string {
	var v string
	if head {
		v = l.PopHead()
	} else {
		v = l.PopTail()
	}
	if l.Len() == 0 {
		x.DB.Delete(key, x.Now)
	}
	return v
}

// listPush pushes v at the head or tail of the list at key, creating it.
func listPush(x *Ctx, key string, l *list, v string, head bool) {
	if l == nil {
		l = newList()
		x.DB.Set(key, &Object{Type: TypeList, Val: l})
	}
	if head {
		l.PushHead(v)
	} else {
		l.PushTail(v)
	}
}

func pushGeneric(x *Ctx, head, onlyExisting bool) Value {
	key := x.Args[1]
	l, ok := listAt(x, key, false)
	if !ok {
		return wrongType
	}
	if l == nil {
		if onlyExisting {
			return Int(0)
		}
		l = newList()
		x.DB.Set(key, &Object{Type: TypeList, Val: l})
	}
	for _, v := range x.Args[2:] {
		if head {
			l.PushHead(v)
		} else {
			l.PushTail(v)
		}
	}
	x.Modified(key)
	return Int(int64(l.Len()))
}

func cmdLpush(x *Ctx) Value  { return pushGeneric(x, true, false) }
func cmdRpush(x *Ctx) Value  { return pushGeneric(x, false, false) }
func cmdLpushx(x *Ctx) Value { return pushGeneric(x, true, true) }
func cmdRpushx(x *Ctx) Value { return pushGeneric(x, false, true) }

func popGeneric(x *Ctx, head bool) Value {
	if len(x.Args) > 3 {
		return x.WrongArgs()
	}
	hasCount := len(x.Args) == 3
	count := int64(1)
	if hasCount {
		n, ok := ParseInt(x.Args[2])
		if !ok || n < 0 {
			return Err(errMustBePositive)
		}
		count = n
	}
	key := x.Args[1]
	l, ok := listAt(x, key, false)
	if !ok {
		return wrongType
	}
	if l == nil {
		if hasCount {
			return NullArray
		}
		return Null
	}
	if !hasCount {
		v := listPop(x, key, l, head)
		x.Modified(key)
		return Bulk(v)
	}
	if count == 0 {
		return Array()
	}
	n := int(min(count, int64(l.Len())))
	out := make([]Value, n)
	for i := range out {
		out[i] = Bulk(listPop(x, key, l, head))
	}
	x.Modified(key)
	return Array(out...)
}

func cmdLpop(x *Ctx) Value { return popGeneric(x, true) }
func cmdRpop(x *Ctx) Value { return popGeneric(x, false) }

func cmdLlen(x *Ctx) Value {
	l, ok := listAt(x, x.Args[1], true)
	if !ok {
		return wrongType
	}
	if l == nil {
		return Int(0)
	}
	return Int(int64(l.Len()))
}

// clampRange turns Redis's inclusive, possibly negative start and stop into
// slice bounds over n elements; empty is true when nothing is in range.
func clampRange(start, stop int64, n int) (int, int, bool) {
	ln := int64(n)
	if start < 0 {
		start += ln
	}
	if stop < 0 {
		stop += ln
	}
	if start < 0 {
		start = 0
	}
	if start > stop || start >= ln {
		return 0, 0, true
	}
	if stop >= ln {
		stop = ln - 1
	}
	return int(start), int(stop), false
}

func parseTwoInts(a, b string) (int64, int64, bool) {
	x, ok1 := ParseInt(a)
	y, ok2 := ParseInt(b)
	return x, y, ok1 && ok2
}

func cmdLrange(x *Ctx) Value {
	start, stop, ok := parseTwoInts(x.Args[2], x.Args[3])
	if !ok {
		return Err(ErrNotInteger)
	}
	l, ok := listAt(x, x.Args[1], true)
	if !ok {
		return wrongType
	}
	if l == nil {
		return Array()
	}
	s, e, empty := clampRange(start, stop, l.Len())
	if empty {
		return Array()
	}
	return BulkStrings(l.Range(s, e))
}

// listIndex turns a possibly negative index into a position, or -1.
func listIndex(l *list, idx int64) int {
	if idx < 0 {
		idx += int64(l.Len())
	}
	if idx < 0 || idx >= int64(l.Len()) {
		return -1
	}
	return int(idx)
}

func cmdLindex(x *Ctx) Value {
	l, ok := listAt(x, x.Args[1], true)
	if !ok {
		return wrongType
	}
	if l == nil {
		return Null
	}
	idx, ok := ParseInt(x.Args[2])
	if !ok {
		return Err(ErrNotInteger)
	}
	i := listIndex(l, idx)
	if i < 0 {
		return Null
	}
	return Bulk(l.At(i))
}

func cmdLset(x *Ctx) Value {
	key := x.Args[1]
	l, ok := listAt(x, key, false)
	if !ok {
		return wrongType
	}
	if l == nil {
		return Err(ErrNoSuchKey)
	}
	idx, ok := ParseInt(x.Args[2])
	if !ok {
		return Err(ErrNotInteger)
	}
	i := listIndex(l, idx)
	if i < 0 {
		return Err(errIndexRange)
	}
	l.SetAt(i, x.Args[3])
	x.Modified(key)
	return OK
}

func cmdLinsert(x *Ctx) Value {
	var after bool
	switch strings.ToLower(x.Args[2]) {
	case "before":
	case "after":
		after = true
	default:
		return Err(ErrSyntax)
	}
	key := x.Args[1]
	l, ok := listAt(x, key, false)
	if !ok {
		return wrongType
	}
	if l == nil {
		return Int(0)
	}
	pivot := -1
	for i := 0; i < l.Len(); i++ {
		if l.At(i) == x.Args[3] {
			pivot = i
			break
		}
	}
	if pivot < 0 {
		return Int(-1)
	}
	if after {
		pivot++
	}
	elems := l.Range(0, l.Len()-1)
	elems = append(elems[:pivot], append([]string{x.Args[4]}, elems[pivot:]...)...)
	l.Replace(elems)
	x.Modified(key)
	return Int(int64(l.Len()))
}

func cmdLrem(x *Ctx) Value {
	count, ok := ParseInt(x.Args[2])
	if !ok {
		return Err(ErrNotInteger)
	}
	key := x.Args[1]
	l, ok := listAt(x, key, false)
	if !ok {
		return wrongType
	}
	if l == nil {
		return Int(0)
	}
	elems := l.Range(0, l.Len()-1)
	target := x.Args[3]
	removed := int64(0)
	limit := count
	if limit < 0 {
		limit = -limit
	}
	keep := make([]bool, len(elems))
	for i := range keep {
		keep[i] = true
	}
	visit := func(i int) {
		if elems[i] == target && (limit == 0 || removed < limit) {
			keep[i] = false
			removed++
		}
	}
	if count < 0 {
		for i := len(elems) - 1; i >= 0; i-- {
			visit(i)
		}
	} else {
		for i := range elems {
			visit(i)
		}
	}
	if removed == 0 {
		return Int(0)
	}
	out := elems[:0]
	for i, v := range elems {
		if keep[i] {
			out = append(out, v)
		}
	}
	l.Replace(out)
	if l.Len() == 0 {
		x.DB.Delete(key, x.Now)
	}
	x.Modified(key)
	return Int(removed)
}

func cmdLtrim(x *Ctx) Value {
	start, stop, ok := parseTwoInts(x.Args[2], x.Args[3])
	if !ok {
		return Err(ErrNotInteger)
	}
	key := x.Args[1]
	l, ok := listAt(x, key, false)
	if !ok {
		return wrongType
	}
	if l == nil {
		return OK
	}
	s, e, empty := clampRange(start, stop, l.Len())
	if empty {
		x.DB.Delete(key, x.Now)
	} else {
		l.Replace(l.Range(s, e))
	}
	x.Modified(key)
	return OK
}

func cmdLpos(x *Ctx) Value {
	rank, count, maxlen := int64(1), int64(-1), int64(0)
	args := x.Args
	for j := 3; j < len(args); j++ {
		more := j < len(args)-1
		switch opt := strings.ToLower(args[j]); {
		case opt == "rank" && more:
			j++
			n, ok := ParseInt(args[j])
			if !ok {
				return Err(ErrNotInteger)
			}
			if n == 0 {
				return Err(errRankZero)
			}
			rank = n
		case opt == "count" && more:
			j++
			n, ok := ParseInt(args[j])
			if !ok || n < 0 {
				return Err(errCountNegative)
			}
			count = n
		case opt == "maxlen" && more:
			j++
			n, ok := ParseInt(args[j])
			if !ok || n < 0 {
				return Err(errMaxlenNegative)
			}
			maxlen = n
		default:
			return Err(ErrSyntax)
		}
	}
	l, ok := listAt(x, args[1], true)
	if !ok {
		return wrongType
	}
	if l == nil {
		if count >= 0 {
			return Array()
		}
		return Null
	}
	fromTail := rank < 0
	if fromTail {
		rank = -rank // wraps for the most negative rank, as in Redis
	}
	n := l.Len()
	var found []Value
	matches := int64(0)
	for seen := 0; seen < n && (maxlen == 0 || int64(seen) < maxlen); seen++ {
		i := seen
		if fromTail {
			i = n - 1 - seen
		}
		if l.At(i) != args[2] {
			continue
		}
		matches++
		if matches < rank {
			continue
		}
		if count < 0 {
			return Int(int64(i))
		}
		found = append(found, Int(int64(i)))
		if count != 0 && int64(len(found)) == count {
			break
		}
	}
	if count < 0 {
		return Null
	}
	return Array(found...)
}

// parseEnd reads LEFT or RIGHT; head is true for LEFT.
func parseEnd(s string) (head bool, ok bool) {
	switch strings.ToLower(s) {
	case "left":
		return true, true
	case "right":
		return false, true
	}
	return false, false
}

// lmove pops from src and pushes onto dst: LMOVE, RPOPLPUSH and the
// blocking forms once they can run.
func lmove(x *Ctx, src, dst string, fromHead, toHead bool) Value {
	sl, ok := listAt(x, src, false)
	if !ok {
		return wrongType
	}
	if sl == nil {
		return Null
	}
	dl, ok := listAt(x, dst, false)
	if !ok {
		return wrongType
	}
	var v string
	if fromHead {
		v = sl.PopHead()
	} else {
		v = sl.PopTail()
	}
	listPush(x, dst, dl, v, toHead)
	if sl.Len() == 0 {
		x.DB.Delete(src, x.Now)
	}
	x.Modified(src)
	x.Modified(dst)
	return Bulk(v)
}

func cmdLmove(x *Ctx) Value {
	from, ok1 := parseEnd(x.Args[3])
	to, ok2 := parseEnd(x.Args[4])
	if !ok1 || !ok2 {
		return Err(ErrSyntax)
	}
	return lmove(x, x.Args[1], x.Args[2], from, to)
}

func cmdRpoplpush(x *Ctx) Value { return lmove(x, x.Args[1], x.Args[2], false, true) }

// mpopArgs parses "numkeys key [key ...] LEFT|RIGHT [COUNT count]" from
// args[at:], for LMPOP and BLMPOP.
func mpopArgs(args []string, at int) (keys []string, head bool, count int64, errv *Value) {
	fail := func(msg string) ([]string, bool, int64, *Value) {
		v := Err(msg)
		return nil, false, 0, &v
	}
	numkeys, ok := ParseInt(args[at])
	if !ok || numkeys < 1 {
		return fail(errNumkeys)
	}
	if numkeys > int64(len(args)) {
		return fail(ErrSyntax)
	}
	where := at + int(numkeys) + 1
	if where >= len(args) {
		return fail(ErrSyntax)
	}
	head, ok = parseEnd(args[where])
	if !ok {
		return fail(ErrSyntax)
	}
	count = -1
	for j := where + 1; j < len(args); j++ {
		if count == -1 && strings.EqualFold(args[j], "count") && j < len(args)-1 {
			j++
			n, ok := ParseInt(args[j])
			if !ok || n < 1 {
				return fail(errCountPositive)
			}
			count = n
			continue
		}
		return fail(ErrSyntax)
	}
	if count == -1 {
		count = 1
	}
	return args[at+1 : where], head, count, nil
}

// mpopFrom pops up to count elements from the list at key and answers
// [key, [elements]].
func mpopFrom(x *Ctx, key string, l *list, head bool, count int64) Value {
	n := int(min(count, int64(l.Len())))
	out := make([]Value, n)
	for i := range out {
		out[i] = Bulk(listPop(x, key, l, head))
	}
	x.Modified(key)
	return Array(Bulk(key), Array(out...))
}

// firstList finds the first key holding a non-empty list.
func firstList(x *Ctx, keys []string) (string, *list, *Value) {
	for _, k := range keys {
		l, ok := listAt(x, k, false)
		if !ok {
			return "", nil, &wrongType
		}
		if l != nil && l.Len() > 0 {
			return k, l, nil
		}
	}
	return "", nil, nil
}

func cmdLmpop(x *Ctx) Value {
	keys, head, count, errv := mpopArgs(x.Args, 1)
	if errv != nil {
		return *errv
	}
	key, l, errv := firstList(x, keys)
	if errv != nil {
		return *errv
	}
	if l == nil {
		return NullArray
	}
	return mpopFrom(x, key, l, head, count)
}

// parseTimeout reads a blocking command's timeout in seconds, as Redis's
// getTimeoutFromObjectOrReply does, and returns it in milliseconds.
func parseTimeout(s string) (int64, *Value) {
	f, ok := ParseFloat(s)
	if !ok {
		v := Err(errTimeoutFloat)
		return 0, &v
	}
	ms := f * 1000
	// Redis converts to a long long; values beyond its range come out
	// negative on the platforms it runs on, and are refused as negative.
	if ms < 0 || ms >= math.MaxInt64 || math.IsNaN(ms) {
		v := Err(errTimeoutNeg)
		return 0, &v
	}
	return int64(ms), nil
}

// servePop answers a client blocked in BLPOP or BRPOP once key has elements.
func servePop(head bool) func(x *Ctx, key string) (Value, bool) {
	return func(x *Ctx, key string) (Value, bool) {
		l, ok := listAt(x, key, false)
		if !ok || l == nil || l.Len() == 0 {
			return Value{}, false
		}
		v := listPop(x, key, l, head)
		x.Modified(key)
		return Array(Bulk(key), Bulk(v)), true
	}
}

func blockingPop(x *Ctx, head bool) Value {
	timeout, errv := parseTimeout(x.Args[len(x.Args)-1])
	if errv != nil {
		return *errv
	}
	keys := x.Args[1 : len(x.Args)-1]
	key, l, errv := firstList(x, keys)
	if errv != nil {
		return *errv
	}
	if l != nil {
		v := listPop(x, key, l, head)
		x.Modified(key)
		return Array(Bulk(key), Bulk(v))
	}
	return x.Block(keys, timeout, NullArray, servePop(head))
}

func cmdBlpop(x *Ctx) Value { return blockingPop(x, true) }
func cmdBrpop(x *Ctx) Value { return blockingPop(x, false) }

func blockingMove(x *Ctx, src, dst string, fromHead, toHead bool, timeoutArg string) Value {
	timeout, errv := parseTimeout(timeoutArg)
	if errv != nil {
		return *errv
	}
	l, ok := listAt(x, src, false)
	if !ok {
		return wrongType
	}
	if l != nil {
		return lmove(x, src, dst, fromHead, toHead)
	}
	return x.Block([]string{src}, timeout, Null, func(x *Ctx, key string) (Value, bool) {
		if l, ok := listAt(x, key, false); !ok || l == nil {
			return Value{}, false
		}
		return lmove(x, src, dst, fromHead, toHead), true
	})
}

func cmdBlmove(x *Ctx) Value {
	from, ok1 := parseEnd(x.Args[3])
	to, ok2 := parseEnd(x.Args[4])
	if !ok1 || !ok2 {
		return Err(ErrSyntax)
	}
	return blockingMove(x, x.Args[1], x.Args[2], from, to, x.Args[5])
}

func cmdBrpoplpush(x *Ctx) Value {
	return blockingMove(x, x.Args[1], x.Args[2], false, true, x.Args[3])
}

func cmdBlmpop(x *Ctx) Value {
	timeout, errv := parseTimeout(x.Args[1])
	if errv != nil {
		return *errv
	}
	keys, head, count, errv := mpopArgs(x.Args, 2)
	if errv != nil {
		return *errv
	}
	key, l, errv := firstList(x, keys)
	if errv != nil {
		return *errv
	}
	if l != nil {
		return mpopFrom(x, key, l, head, count)
	}
	return x.Block(keys, timeout, NullArray, func(x *Ctx, key string) (Value, bool) {
		l, ok := listAt(x, key, false)
		if !ok || l == nil || l.Len() == 0 {
			return Value{}, false
		}
		return mpopFrom(x, key, l, head, count), true
	})
}
