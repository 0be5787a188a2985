package engine

import (
	"math"
	"strconv"
	"strings"
)

// The string commands, registered as Redis 7.0 describes them in COMMAND
// INFO and COMMAND DOCS.
var stringCommands = []*Command{
	{
		Name: "set", Arity: -3,
		Flags:    []string{"write", "denyoom"},
		ACL:      []string{"write", "string", "slow"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "access", "update", "variable_flags"}, Notes: "RW and ACCESS due to the optional `GET` argument", Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "string", Since: "1.0.0",
		Complexity: "O(1)",
		Summary:    "Stores a string at a key, with optional expiry and conditions.",
		History: [][2]string{
			{"2.6.12", "Added the `EX`, `PX`, `NX` and `XX` options."},
			{"6.0.0", "Added the `KEEPTTL` option."},
			{"6.2.0", "Added the `GET`, `EXAT` and `PXAT` option."},
			{"7.0.0", "Allowed the `NX` and `GET` options to be used together."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "value", Type: ArgString},
			{Name: "condition", Type: ArgOneOf, Since: "2.6.12", Optional: true, Args: []Arg{
				{Name: "nx", Type: ArgPureToken, Token: "NX"},
				{Name: "xx", Type: ArgPureToken, Token: "XX"},
			}},
			{Name: "get", Type: ArgPureToken, Token: "GET", Since: "6.2.0", Optional: true},
			{Name: "expiration", Type: ArgOneOf, Optional: true, Args: []Arg{
				{Name: "seconds", Type: ArgInteger, Token: "EX", Since: "2.6.12"},
				{Name: "milliseconds", Type: ArgInteger, Token: "PX", Since: "2.6.12"},
				{Name: "unix-time-seconds", Type: ArgUnixTime, Token: "EXAT", Since: "6.2.0"},
				{Name: "unix-time-milliseconds", Type: ArgUnixTime, Token: "PXAT", Since: "6.2.0"},
				{Name: "keepttl", Type: ArgPureToken, Token: "KEEPTTL", Since: "6.0.0"},
			}},
		},
		Run: cmdSet,
	},
	{
		Name: "get", Arity: 2,
		Flags:    []string{"readonly", "fast"},
		ACL:      []string{"read", "string", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "string", Since: "1.0.0",
		Complexity: "O(1)",
		Summary:    "Returns the string stored at a key.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
		},
		Run: cmdGet,
	},
	{
		Name: "setnx", Arity: 3,
		Flags:    []string{"write", "denyoom", "fast"},
		ACL:      []string{"write", "string", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"OW", "insert"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "string", Since: "1.0.0",
		Complexity: "O(1)",
		Summary:    "Stores a string at a key only when the key is absent.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "value", Type: ArgString},
		},
		Run: cmdSetnx,
	},
	{
		Name: "setex", Arity: 4,
		Flags:    []string{"write", "denyoom"},
		ACL:      []string{"write", "string", "slow"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"OW", "update"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "string", Since: "2.0.0",
		Complexity: "O(1)",
		Summary:    "Stores a string at a key with a time to live in seconds.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "seconds", Type: ArgInteger},
			{Name: "value", Type: ArgString},
		},
		Run: cmdSetex,
	},
	{
		Name: "psetex", Arity: 4,
		Flags:    []string{"write", "denyoom"},
		ACL:      []string{"write", "string", "slow"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"OW", "update"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "string", Since: "2.6.0",
		Complexity: "O(1)",
		Summary:    "Stores a string at a key with a time to live in milliseconds.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "milliseconds", Type: ArgInteger},
			{Name: "value", Type: ArgString},
		},
		Run: cmdPsetex,
	},
	{
		Name: "getset", Arity: 3,
		Flags:    []string{"write", "denyoom", "fast"},
		ACL:      []string{"write", "string", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "access", "update"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "string", Since: "1.0.0",
		Complexity:      "O(1)",
		Summary:         "Stores a new string at a key and returns the old one.",
		DocFlags:        []string{"deprecated"},
		DeprecatedSince: "6.2.0",
		ReplacedBy:      "`SET` with the `!GET` argument",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "value", Type: ArgString},
		},
		Run: cmdGetset,
	},
	{
		Name: "getdel", Arity: 2,
		Flags:    []string{"write", "fast"},
		ACL:      []string{"write", "string", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "access", "delete"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "string", Since: "6.2.0",
		Complexity: "O(1)",
		Summary:    "Returns the string at a key and removes the key.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
		},
		Run: cmdGetdel,
	},
	{
		Name: "getex", Arity: -2,
		Flags:    []string{"write", "fast"},
		ACL:      []string{"write", "string", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "access", "update"}, Notes: "RW and UPDATE because it changes the TTL", Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "string", Since: "6.2.0",
		Complexity: "O(1)",
		Summary:    "Returns the string at a key and changes or removes its time to live.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "expiration", Type: ArgOneOf, Optional: true, Args: []Arg{
				{Name: "seconds", Type: ArgInteger, Token: "EX"},
				{Name: "milliseconds", Type: ArgInteger, Token: "PX"},
				{Name: "unix-time-seconds", Type: ArgUnixTime, Token: "EXAT"},
				{Name: "unix-time-milliseconds", Type: ArgUnixTime, Token: "PXAT"},
				{Name: "persist", Type: ArgPureToken, Token: "PERSIST"},
			}},
		},
		Run: cmdGetex,
	},
	{
		Name: "mset", Arity: -3,
		Flags:    []string{"write", "denyoom"},
		ACL:      []string{"write", "string", "slow"},
		FirstKey: 1, LastKey: -1, Step: 2,
		Tips:     []string{"request_policy:multi_shard", "response_policy:all_succeeded"},
		KeySpecs: []KeySpec{{Flags: []string{"OW", "update"}, Index: 1, LastKey: -1, KeyStep: 2, Limit: 0}},
		Group:    "string", Since: "1.0.1",
		Complexity: "O(N) where N is the number of keys to set.",
		Summary:    "Stores several strings at several keys at once.",
		Args: []Arg{
			{Name: "key_value", Type: ArgBlock, Multiple: true, Args: []Arg{
				{Name: "key", Type: ArgKey},
				{Name: "value", Type: ArgString},
			}},
		},
		Run: cmdMset,
	},
	{
		Name: "msetnx", Arity: -3,
		Flags:    []string{"write", "denyoom"},
		ACL:      []string{"write", "string", "slow"},
		FirstKey: 1, LastKey: -1, Step: 2,
		Tips:     []string{"request_policy:multi_shard", "response_policy:agg_min"},
		KeySpecs: []KeySpec{{Flags: []string{"OW", "insert"}, Index: 1, LastKey: -1, KeyStep: 2, Limit: 0}},
		Group:    "string", Since: "1.0.1",
		Complexity: "O(N) where N is the number of keys to set.",
		Summary:    "Stores several strings at once, only when none of the keys exist.",
		Args: []Arg{
			{Name: "key_value", Type: ArgBlock, Multiple: true, Args: []Arg{
				{Name: "key", Type: ArgKey},
				{Name: "value", Type: ArgString},
			}},
		},
		Run: cmdMsetnx,
	},
	{
		Name: "mget", Arity: -2,
		Flags:    []string{"readonly", "fast"},
		ACL:      []string{"read", "string", "fast"},
		FirstKey: 1, LastKey: -1, Step: 1,
		Tips:     []string{"request_policy:multi_shard"},
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: -1, KeyStep: 1, Limit: 0}},
		Group:    "string", Since: "1.0.0",
		Complexity: "O(N) where N is the number of keys to retrieve.",
		Summary:    "Returns the strings stored at several keys.",
		Args: []Arg{
			{Name: "key", Type: ArgKey, Multiple: true},
		},
		Run: cmdMget,
	},
	{
		Name: "append", Arity: 3,
		Flags:    []string{"write", "denyoom", "fast"},
		ACL:      []string{"write", "string", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "insert"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "string", Since: "2.0.0",
		Complexity: "O(1). The amortized time complexity is O(1) assuming the appended value is small and the already present value is of any size, since the dynamic string library used by Redis will double the free space available on every reallocation.",
		Summary:    "Adds a string to the end of the value at a key, creating it if needed.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "value", Type: ArgString},
		},
		Run: cmdAppend,
	},
	{
		Name: "strlen", Arity: 2,
		Flags:    []string{"readonly", "fast"},
		ACL:      []string{"read", "string", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "string", Since: "2.2.0",
		Complexity: "O(1)",
		Summary:    "Returns the length in bytes of the string at a key.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
		},
		Run: cmdStrlen,
	},
	{
		Name: "getrange", Arity: 4,
		Flags:    []string{"readonly"},
		ACL:      []string{"read", "string", "slow"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "string", Since: "2.4.0",
		Complexity: "O(N) where N is the length of the returned string. The complexity is ultimately determined by the returned length, but because creating a substring from an existing string is very cheap, it can be considered O(1) for small strings.",
		Summary:    "Returns part of the string at a key, by byte offsets.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "start", Type: ArgInteger},
			{Name: "end", Type: ArgInteger},
		},
		Run: cmdGetrange,
	},
	{
		Name: "setrange", Arity: 4,
		Flags:    []string{"write", "denyoom"},
		ACL:      []string{"write", "string", "slow"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "update"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "string", Since: "2.2.0",
		Complexity: "O(1), not counting the time taken to copy the new string in place. Usually, this string is very small so the amortized complexity is O(1). Otherwise, complexity is O(M) with M being the length of the value argument.",
		Summary:    "Overwrites part of the string at a key, from a byte offset.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "offset", Type: ArgInteger},
			{Name: "value", Type: ArgString},
		},
		Run: cmdSetrange,
	},
	{
		Name: "substr", Arity: 4,
		Flags:    []string{"readonly"},
		ACL:      []string{"read", "string", "slow"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "string", Since: "1.0.0",
		Complexity:      "O(N) where N is the length of the returned string. The complexity is ultimately determined by the returned length, but because creating a substring from an existing string is very cheap, it can be considered O(1) for small strings.",
		Summary:         "Returns part of the string at a key, by byte offsets.",
		DocFlags:        []string{"deprecated"},
		DeprecatedSince: "2.0.0",
		ReplacedBy:      "`GETRANGE`",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "start", Type: ArgInteger},
			{Name: "end", Type: ArgInteger},
		},
		Run: cmdSubstr,
	},
	{
		Name: "lcs", Arity: -3,
		Flags:    []string{"readonly"},
		ACL:      []string{"read", "string", "slow"},
		FirstKey: 1, LastKey: 2, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RO", "access"}, Index: 1, LastKey: 1, KeyStep: 1, Limit: 0}},
		Group:    "string", Since: "7.0.0",
		Complexity: "O(N*M) where N and M are the lengths of s1 and s2, respectively",
		Summary:    "Finds the longest common subsequence of two strings.",
		Args: []Arg{
			{Name: "key1", Type: ArgKey},
			{Name: "key2", Type: ArgKey},
			{Name: "len", Type: ArgPureToken, Token: "LEN", Optional: true},
			{Name: "idx", Type: ArgPureToken, Token: "IDX", Optional: true},
			{Name: "len", Type: ArgInteger, Token: "MINMATCHLEN", Optional: true},
			{Name: "withmatchlen", Type: ArgPureToken, Token: "WITHMATCHLEN", Optional: true},
		},
		Run: cmdLcs,
	},
	{
		Name: "incr", Arity: 2,
		Flags:    []string{"write", "denyoom", "fast"},
		ACL:      []string{"write", "string", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "access", "update"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "string", Since: "1.0.0",
		Complexity: "O(1)",
		Summary:    "Adds one to the integer stored at a key.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
		},
		Run: cmdIncr,
	},
	{
		Name: "decr", Arity: 2,
		Flags:    []string{"write", "denyoom", "fast"},
		ACL:      []string{"write", "string", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "access", "update"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "string", Since: "1.0.0",
		Complexity: "O(1)",
		Summary:    "Subtracts one from the integer stored at a key.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
		},
		Run: cmdDecr,
	},
	{
		Name: "incrby", Arity: 3,
		Flags:    []string{"write", "denyoom", "fast"},
		ACL:      []string{"write", "string", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "access", "update"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "string", Since: "1.0.0",
		Complexity: "O(1)",
		Summary:    "Adds an integer to the integer stored at a key.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "increment", Type: ArgInteger},
		},
		Run: cmdIncrby,
	},
	{
		Name: "decrby", Arity: 3,
		Flags:    []string{"write", "denyoom", "fast"},
		ACL:      []string{"write", "string", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "access", "update"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "string", Since: "1.0.0",
		Complexity: "O(1)",
		Summary:    "Subtracts an integer from the integer stored at a key.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "decrement", Type: ArgInteger},
		},
		Run: cmdDecrby,
	},
	{
		Name: "incrbyfloat", Arity: 3,
		Flags:    []string{"write", "denyoom", "fast"},
		ACL:      []string{"write", "string", "fast"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{{Flags: []string{"RW", "access", "update"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0}},
		Group:    "string", Since: "2.6.0",
		Complexity: "O(1)",
		Summary:    "Adds a floating point number to the number stored at a key.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "increment", Type: ArgDouble},
		},
		Run: cmdIncrbyfloat,
	},
}

func init() { register(stringCommands...) }

// Error texts of the string commands that errors.go does not hold.
const (
	errLCSWrongType   = "ERR The specified keys must contain string values"
	errLCSLenAndIdx   = "ERR If you want both the length and indexes, please just use IDX."
	errLCSTooLong     = "ERR String too long for LCS"
	errLCSMemory      = "ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len"
	errDecrOverflow   = "ERR decrement would overflow"
	stringMaxBulkSize = 512 * 1024 * 1024
)

// ProtoMaxBulkLen is the largest string APPEND, SETRANGE and LCS's working
// table may reach, Redis's proto-max-bulk-len (512 MB by default). A CONFIG
// SET of proto-max-bulk-len may change it.
var ProtoMaxBulkLen int64 = stringMaxBulkSize

// strNotInt marks, in Object.Val, a string Redis built as a plain string
// though it reads as an integer: INCRBYFLOAT's results ("3") are "embstr",
// where SET would have made them "int".
type strNotInt struct{}

// StringEncoding returns what OBJECT ENCODING answers for a string value:
// "int" for a value SET would store as a number, "embstr" for a short
// string, "raw" for a long one or one APPEND or SETRANGE changed in place.
func StringEncoding(o *Object) string {
	if o.Raw {
		return "raw"
	}
	if _, plain := o.Val.(strNotInt); !plain && len(o.Str) <= 20 {
		if _, ok := ParseInt(o.Str); ok {
			return "int"
		}
	}
	if len(o.Str) <= 44 {
		return "embstr"
	}
	return "raw"
}

// strArgInt parses a command argument as an integer, answering Redis's
// error when it is not one.
func strArgInt(s string) (int64, *Value) {
	n, ok := ParseInt(s)
	if !ok {
		e := Err(ErrNotInteger)
		return 0, &e
	}
	return n, nil
}

// strLookup finds key for a reading command, counting a hit or miss.
// It answers WRONGTYPE for a value that is not a string.
func strLookup(x *Ctx, key string) (*Object, *Value) {
	o := x.DB.Read(key, x.Now)
	if o != nil && o.Type != TypeString {
		e := Err(ErrWrongType)
		return nil, &e
	}
	return o, nil
}

// strLookupWrite finds key for a writing command, which does not count as
// a keyspace hit or miss. It answers WRONGTYPE for a non-string value.
func strLookupWrite(x *Ctx, key string) (*Object, *Value) {
	o := x.DB.Lookup(key, x.Now)
	if o != nil && o.Type != TypeString {
		e := Err(ErrWrongType)
		return nil, &e
	}
	return o, nil
}

// strCheckLength refuses a string that would grow past proto-max-bulk-len.
func strCheckLength(size, add int64) *Value {
	total := uint64(size) + uint64(add)
	if int64(total) > ProtoMaxBulkLen || int64(total) < size || int64(total) < add {
		e := Err(ErrStringTooLong)
		return &e
	}
	return nil
}

// The option bits SET and GETEX share, as Redis parses both with one
// function.
const (
	strNX = 1 << iota
	strXX
	strGet
	strKeepTTL
	strPersist
	strEX
	strPX
	strEXAT
	strPXAT
	strAnyExpire = strEX | strPX | strEXAT | strPXAT
)

// strParseOptions reads SET's options (from argument 3) or GETEX's (from
// argument 2). Conflicting options are a syntax error; a repeated option is
// not, and the last expire value given wins.
func strParseOptions(x *Ctx, getex bool) (flags int, expire string, err *Value) {
	start := 3
	if getex {
		start = 2
	}
	args := x.Args
	for j := start; j < len(args); j++ {
		opt := strings.ToUpper(args[j])
		more := j < len(args)-1
		switch {
		case opt == "NX" && flags&strXX == 0 && !getex:
			flags |= strNX
		case opt == "XX" && flags&strNX == 0 && !getex:
			flags |= strXX
		case opt == "GET" && !getex:
			flags |= strGet
		case opt == "KEEPTTL" && flags&(strPersist|strAnyExpire) == 0 && !getex:
			flags |= strKeepTTL
		case opt == "PERSIST" && flags&(strKeepTTL|strAnyExpire) == 0 && getex:
			flags |= strPersist
		case opt == "EX" && flags&(strKeepTTL|strPersist|strAnyExpire&^strEX) == 0 && more:
			flags |= strEX
			expire = args[j+1]
			j++
		case opt == "PX" && flags&(strKeepTTL|strPersist|strAnyExpire&^strPX) == 0 && more:
			flags |= strPX
			expire = args[j+1]
			j++
		case opt == "EXAT" && flags&(strKeepTTL|strPersist|strAnyExpire&^strEXAT) == 0 && more:
			flags |= strEXAT
			expire = args[j+1]
			j++
		case opt == "PXAT" && flags&(strKeepTTL|strPersist|strAnyExpire&^strPXAT) == 0 && more:
			flags |= strPXAT
			expire = args[j+1]
			j++
		default:
			e := Err(ErrSyntax)
			return 0, "", &e
		}
	}
	return flags, expire, nil
}

// strExpireAt turns an expire argument into a Unix time in milliseconds.
// Like Redis it refuses zero, negatives and values that overflow once
// scaled or added to the current time.
func strExpireAt(x *Ctx, arg string, flags int) (int64, *Value) {
	ms, errv := strArgInt(arg)
	if errv != nil {
		return 0, errv
	}
	seconds := flags&(strEX|strEXAT) != 0
	bad := func() (int64, *Value) {
		e := Err(errorf(ErrInvalidExpire, x.Cmd.FullName()))
		return 0, &e
	}
	if ms <= 0 || (seconds && ms > (1<<63-1)/1000) {
		return bad()
	}
	if seconds {
		ms *= 1000
	}
	if flags&(strEX|strPX) != 0 {
		// Redis lets this wrap and then rejects the negative result.
		ms = int64(uint64(ms) + uint64(x.Now))
	}
	if ms <= 0 {
		return bad()
	}
	return ms, nil
}

// strSet is the body SET, SETNX, SETEX and PSETEX share. okReply and
// abortReply replace OK and nil for SETNX's 1 and 0.
func strSet(x *Ctx, flags int, key, val, expire string, okReply, abortReply Value) Value {
	var when int64
	if expire != "" || flags&strAnyExpire != 0 {
		var errv *Value
		if when, errv = strExpireAt(x, expire, flags); errv != nil {
			return *errv
		}
	}
	reply := okReply
	if flags&strGet != 0 {
		old, errv := strLookup(x, key)
		if errv != nil {
			return *errv
		}
		reply = Null
		if old != nil {
			reply = Bulk(old.Str)
		}
	}
	found := x.DB.Lookup(key, x.Now) != nil
	if (flags&strNX != 0 && found) || (flags&strXX != 0 && !found) {
		if flags&strGet != 0 {
			return reply
		}
		return abortReply
	}
	o := &Object{Type: TypeString, Str: val}
	if flags&strKeepTTL != 0 {
		x.DB.Replace(key, o)
	} else {
		x.DB.Set(key, o)
	}
	if flags&strAnyExpire != 0 {
		x.DB.SetExpire(key, when)
	}
	x.Modified(key)
	return reply
}

func cmdSet(x *Ctx) Value {
	flags, expire, errv := strParseOptions(x, false)
	if errv != nil {
		return *errv
	}
	return strSet(x, flags, x.Args[1], x.Args[2], expire, OK, Null)
}

func cmdSetnx(x *Ctx) Value {
	return strSet(x, strNX, x.Args[1], x.Args[2], "", Int(1), Int(0))
}

func cmdSetex(x *Ctx) Value {
	return strSet(x, strEX, x.Args[1], x.Args[3], x.Args[2], OK, Null)
}

func cmdPsetex(x *Ctx) Value {
	return strSet(x, strPX, x.Args[1], x.Args[3], x.Args[2], OK, Null)
}

func cmdGet(x *Ctx) Value {
	o, errv := strLookup(x, x.Args[1])
	if errv != nil {
		return *errv
	}
	if o == nil {
		return Null
	}
	return Bulk(o.Str)
}

func cmdGetset(x *Ctx) Value {
	key := x.Args[1]
	o, errv := strLookup(x, key)
	if errv != nil {
		return *errv
	}
	reply := Null
	if o != nil {
		reply = Bulk(o.Str)
	}
	x.DB.Set(key, &Object{Type: TypeString, Str: x.Args[2]})
	x.Modified(key)
	return reply
}

func cmdGetdel(x *Ctx) Value {
	key := x.Args[1]
	o, errv := strLookup(x, key)
	if errv != nil {
		return *errv
	}
	if o == nil {
		return Null
	}
	x.DB.Delete(key, x.Now)
	x.Modified(key)
	return Bulk(o.Str)
}

func cmdGetex(x *Ctx) Value {
	flags, expire, errv := strParseOptions(x, true)
	if errv != nil {
		return *errv
	}
	key := x.Args[1]
	o, errv := strLookup(x, key)
	if errv != nil {
		return *errv
	}
	if o == nil {
		return Null
	}
	var when int64
	if flags&strAnyExpire != 0 {
		if when, errv = strExpireAt(x, expire, flags); errv != nil {
			return *errv
		}
	}
	reply := Bulk(o.Str)
	switch {
	case flags&(strEXAT|strPXAT) != 0 && when <= x.Now:
		// An absolute time already past deletes the key at once.
		x.DB.Delete(key, x.Now)
		x.Modified(key)
	case flags&strAnyExpire != 0:
		x.DB.SetExpire(key, when)
		x.Modified(key)
	case flags&strPersist != 0:
		if x.DB.Persist(key) {
			x.Modified(key)
		}
	}
	return reply
}

func cmdMset(x *Ctx) Value {
	if len(x.Args)%2 == 0 {
		return x.WrongArgs()
	}
	for j := 1; j < len(x.Args); j += 2 {
		x.DB.Set(x.Args[j], &Object{Type: TypeString, Str: x.Args[j+1]})
		x.Modified(x.Args[j])
	}
	return OK
}

func cmdMsetnx(x *Ctx) Value {
	if len(x.Args)%2 == 0 {
		return x.WrongArgs()
	}
	for j := 1; j < len(x.Args); j += 2 {
		if x.DB.Lookup(x.Args[j], x.Now) != nil {
			return Int(0)
		}
	}
	for j := 1; j < len(x.Args); j += 2 {
		x.DB.Set(x.Args[j], &Object{Type: TypeString, Str: x.Args[j+1]})
		x.Modified(x.Args[j])
	}
	return Int(1)
}

func cmdMget(x *Ctx) Value {
	out := make([]Value, 0, len(x.Args)-1)
	for _, key := range x.Args[1:] {
		o := x.DB.Read(key, x.Now)
		if o == nil || o.Type != TypeString {
			out = append(out, Null)
		} else {
			out = append(out, Bulk(o.Str))
		}
	}
	return Array(out...)
}

func cmdAppend(x *Ctx) Value {
	key, add := x.Args[1], x.Args[2]
	o, errv := strLookupWrite(x, key)
	if errv != nil {
		return *errv
	}
	if o == nil {
		// A new key holds the value as SET would store it.
		x.DB.Set(key, &Object{Type: TypeString, Str: add})
		x.Modified(key)
		return Int(int64(len(add)))
	}
	if errv := strCheckLength(int64(len(o.Str)), int64(len(add))); errv != nil {
		return *errv
	}
	// Redis grows the existing string in place, which leaves it "raw".
	x.DB.Replace(key, &Object{Type: TypeString, Str: o.Str + add, Raw: true})
	x.Modified(key)
	return Int(int64(len(o.Str) + len(add)))
}

func cmdStrlen(x *Ctx) Value {
	o, errv := strLookup(x, x.Args[1])
	if errv != nil {
		return *errv
	}
	if o == nil {
		return Int(0)
	}
	return Int(int64(len(o.Str)))
}

// cmdGetrange also serves SUBSTR, its old name.
func cmdGetrange(x *Ctx) Value {
	start, errv := strArgInt(x.Args[2])
	if errv != nil {
		return *errv
	}
	end, errv := strArgInt(x.Args[3])
	if errv != nil {
		return *errv
	}
	o, errv := strLookup(x, x.Args[1])
	if errv != nil {
		return *errv
	}
	if o == nil {
		return Bulk("")
	}
	return Bulk(strRange(o.Str, start, end))
}

// strRange applies GETRANGE's index rules: negative indexes count from the
// end, both ends are clamped, and an empty range gives "".
func strRange(s string, start, end int64) string {
	n := int64(len(s))
	if start < 0 && end < 0 && start > end {
		return ""
	}
	if start < 0 {
		start += n
	}
	if end < 0 {
		end += n
	}
	if start < 0 {
		start = 0
	}
	if end < 0 {
		end = 0
	}
	if end >= n {
		end = n - 1
	}
	if start > end || n == 0 {
		return ""
	}
	return s[start : end+1]
}

func cmdSubstr(x *Ctx) Value { return cmdGetrange(x) }

func cmdSetrange(x *Ctx) Value {
	key, val := x.Args[1], x.Args[3]
	offset, errv := strArgInt(x.Args[2])
	if errv != nil {
		return *errv
	}
	if offset < 0 {
		return Err(ErrOffsetRange)
	}
	o, errv := strLookupWrite(x, key)
	if errv != nil {
		return *errv
	}
	old := ""
	if o != nil {
		old = o.Str
	}
	if val == "" {
		return Int(int64(len(old)))
	}
	if errv := strCheckLength(offset, int64(len(val))); errv != nil {
		return *errv
	}
	size := int64(len(old))
	if end := offset + int64(len(val)); end > size {
		size = end
	}
	b := make([]byte, size)
	copy(b, old)
	copy(b[offset:], val)
	no := &Object{Type: TypeString, Str: string(b), Raw: true}
	if o == nil {
		x.DB.Set(key, no)
	} else {
		x.DB.Replace(key, no)
	}
	x.Modified(key)
	return Int(size)
}

// strIncr adds incr to the integer at key, keeping its time to live.
func strIncr(x *Ctx, incr int64) Value {
	key := x.Args[1]
	o, errv := strLookupWrite(x, key)
	if errv != nil {
		return *errv
	}
	var val int64
	if o != nil {
		var ok bool
		if val, ok = ParseInt(o.Str); !ok {
			return Err(ErrNotInteger)
		}
	}
	if (incr < 0 && val < 0 && incr < math.MinInt64-val) || (incr > 0 && val > 0 && incr > math.MaxInt64-val) {
		return Err(ErrOverflow)
	}
	val += incr
	no := &Object{Type: TypeString, Str: strconv.FormatInt(val, 10)}
	if o == nil {
		x.DB.Set(key, no)
	} else {
		x.DB.Replace(key, no)
	}
	x.Modified(key)
	return Int(val)
}

func cmdIncr(x *Ctx) Value { return strIncr(x, 1) }

func cmdDecr(x *Ctx) Value { return strIncr(x, -1) }

func cmdIncrby(x *Ctx) Value {
	incr, errv := strArgInt(x.Args[2])
	if errv != nil {
		return *errv
	}
	return strIncr(x, incr)
}

func cmdDecrby(x *Ctx) Value {
	incr, errv := strArgInt(x.Args[2])
	if errv != nil {
		return *errv
	}
	if incr == math.MinInt64 {
		// Its negation does not fit.
		return Err(errDecrOverflow)
	}
	return strIncr(x, -incr)
}

func cmdIncrbyfloat(x *Ctx) Value {
	key := x.Args[1]
	o, errv := strLookupWrite(x, key)
	if errv != nil {
		return *errv
	}
	var val LongDouble
	if o != nil {
		var ok bool
		if val, ok = ParseLongDouble(o.Str); !ok {
			return Err(ErrNotFloat)
		}
	}
	incr, ok := ParseLongDouble(x.Args[2])
	if !ok {
		return Err(ErrNotFloat)
	}
	sum, ok := val.Add(incr)
	if !ok || sum.IsInf() {
		return Err(ErrIncrFloatNaN)
	}
	s := sum.HumanString()
	no := &Object{Type: TypeString, Str: s, Val: strNotInt{}}
	if o == nil {
		x.DB.Set(key, no)
	} else {
		x.DB.Replace(key, no)
	}
	x.Modified(key)
	return Bulk(s)
}

func cmdLcs(x *Ctx) Value {
	oa := x.DB.Read(x.Args[1], x.Now)
	ob := x.DB.Read(x.Args[2], x.Now)
	if (oa != nil && oa.Type != TypeString) || (ob != nil && ob.Type != TypeString) {
		return Err(errLCSWrongType)
	}
	var a, b string
	if oa != nil {
		a = oa.Str
	}
	if ob != nil {
		b = ob.Str
	}
	var getLen, getIdx, withMatchLen bool
	var minMatchLen int64
	for j := 3; j < len(x.Args); j++ {
		opt := strings.ToUpper(x.Args[j])
		more := j < len(x.Args)-1
		switch {
		case opt == "IDX":
			getIdx = true
		case opt == "LEN":
			getLen = true
		case opt == "WITHMATCHLEN":
			withMatchLen = true
		case opt == "MINMATCHLEN" && more:
			n, errv := strArgInt(x.Args[j+1])
			if errv != nil {
				return *errv
			}
			if n < 0 {
				n = 0
			}
			minMatchLen = n
			j++
		default:
			return Err(ErrSyntax)
		}
	}
	if getIdx && getLen {
		return Err(errLCSLenAndIdx)
	}
	if int64(len(a)) >= 1<<32-2 || int64(len(b)) >= 1<<32-2 {
		return Err(errLCSTooLong)
	}
	alen, blen := len(a), len(b)
	if uint64(alen+1)*uint64(blen+1)*4 > uint64(ProtoMaxBulkLen) {
		return Err(errLCSMemory)
	}
	// table[i*(blen+1)+j] is the LCS length of a[:i] and b[:j].
	w := blen + 1
	table := make([]uint32, (alen+1)*w)
	for i := 1; i <= alen; i++ {
		for j := 1; j <= blen; j++ {
			switch {
			case a[i-1] == b[j-1]:
				table[i*w+j] = table[(i-1)*w+j-1] + 1
			case table[(i-1)*w+j] > table[i*w+j-1]:
				table[i*w+j] = table[(i-1)*w+j]
			default:
				table[i*w+j] = table[i*w+j-1]
			}
		}
	}
	total := table[alen*w+blen]
	if getLen {
		return Int(int64(total))
	}
	// Walk back from the end, collecting the common bytes and, for IDX, the
	// matching ranges, last range first as Redis reports them.
	result := make([]byte, total)
	idx := total
	var matches []Value
	const unset = -1
	aStart, aEnd, bStart, bEnd := unset, 0, 0, 0
	i, j := alen, blen
	for i > 0 && j > 0 {
		emit := false
		if a[i-1] == b[j-1] {
			result[idx-1] = a[i-1]
			if aStart == unset {
				aStart, aEnd, bStart, bEnd = i-1, i-1, j-1, j-1
			} else if aStart == i && bStart == j {
				aStart--
				bStart--
			} else {
				emit = true
			}
			if aStart == 0 || bStart == 0 {
				emit = true
			}
			idx--
			i--
			j--
		} else {
			if table[(i-1)*w+j] > table[i*w+j-1] {
				i--
			} else {
				j--
			}
			if aStart != unset {
				emit = true
			}
		}
		if emit {
			matchLen := int64(aEnd - aStart + 1)
			if getIdx && (minMatchLen == 0 || matchLen >= minMatchLen) {
				m := []Value{
					Array(Int(int64(aStart)), Int(int64(aEnd))),
					Array(Int(int64(bStart)), Int(int64(bEnd))),
				}
				if withMatchLen {
					m = append(m, Int(matchLen))
				}
				matches = append(matches, Array(m...))
			}
			aStart = unset
		}
	}
	if getIdx {
		return Map(Bulk("matches"), Array(matches...), Bulk("len"), Int(int64(total)))
	}
	return Bulk(string(result))
}
