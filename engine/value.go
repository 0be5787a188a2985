package engine

import (
	"math"
	"strconv"
)

// Kind says which RESP type a Value is.
type Kind uint8

// The reply kinds. RESP2 clients see the RESP3-only kinds in their RESP2
// shape (see Value.RESP2): maps and sets as flat arrays, doubles as bulk
// strings, booleans as integers and every null as a null bulk string, except
// NullArray which stays "*-1".
const (
	KindSimple Kind = iota
	KindError
	KindInt
	KindBulk
	KindNull
	KindNullArray
	KindArray
	KindMap
	KindSet
	KindDouble
	KindBool
	KindPush
	KindVerbatim
	// KindMulti holds several replies to one command (SUBSCRIBE to many
	// channels), written one after another.
	KindMulti
	// KindNone is the reply of a command that answers later (a blocked
	// client) or not at all; front ends write nothing for it.
	KindNone
)

// Value is one reply. Str holds simple strings, errors, bulk strings and
// verbatim text; Int holds integers and booleans (0 or 1); Float holds doubles;
// Elems holds aggregates (a map's keys and values interleave).
type Value struct {
	Kind  Kind
	Str   string
	Int   int64
	Float float64
	Elems []Value
}

// OK is the "+OK" reply.
var OK = Value{Kind: KindSimple, Str: "OK"}

// Null is the null bulk string ("$-1" in RESP2, "_" in RESP3).
var Null = Value{Kind: KindNull}

// NullArray is the null array ("*-1" in RESP2, "_" in RESP3).
var NullArray = Value{Kind: KindNullArray}

// None is the reply of a command that has no reply now.
var None = Value{Kind: KindNone}

// Simple returns a simple string reply.
func Simple(s string) Value { return Value{Kind: KindSimple, Str: s} }

// Err returns an error reply; msg carries its code prefix ("ERR ...").
func Err(msg string) Value { return Value{Kind: KindError, Str: msg} }

// Int returns an integer reply.
func Int(n int64) Value { return Value{Kind: KindInt, Int: n} }

// Bulk returns a bulk string reply.
func Bulk(s string) Value { return Value{Kind: KindBulk, Str: s} }

// Double returns a double reply (a bulk string under RESP2).
func Double(f float64) Value { return Value{Kind: KindDouble, Float: f} }

// Bool returns a boolean reply (an integer under RESP2).
func Bool(b bool) Value {
	if b {
		return Value{Kind: KindBool, Int: 1}
	}
	return Value{Kind: KindBool}
}

// Array returns an array reply.
func Array(elems ...Value) Value { return Value{Kind: KindArray, Elems: elems} }

// Map returns a map reply from interleaved keys and values.
func Map(kv ...Value) Value { return Value{Kind: KindMap, Elems: kv} }

// Set returns a set reply (an array under RESP2).
func Set(elems ...Value) Value { return Value{Kind: KindSet, Elems: elems} }

// Multi returns several replies to one command, sent one after another.
func Multi(replies ...Value) Value { return Value{Kind: KindMulti, Elems: replies} }

// Push returns an out-of-band push reply (pub/sub messages under RESP3).
func Push(elems ...Value) Value { return Value{Kind: KindPush, Elems: elems} }

// BulkStrings returns an array of bulk strings.
func BulkStrings(ss []string) Value {
	elems := make([]Value, len(ss))
	for i, s := range ss {
		elems[i] = Bulk(s)
	}
	return Value{Kind: KindArray, Elems: elems}
}

// IsError reports whether v is an error reply.
func (v Value) IsError() bool { return v.Kind == KindError }

// FormatDouble writes f as Redis 7.0 writes a double reply: "%.17g", with
// "inf" and "-inf" for the infinities.
func FormatDouble(f float64) string {
	return string(AppendDouble(nil, f))
}

// AppendDouble appends f formatted as FormatDouble does.
func AppendDouble(b []byte, f float64) []byte {
	switch {
	case math.IsInf(f, 1):
		return append(b, "inf"...)
	case math.IsInf(f, -1):
		return append(b, "-inf"...)
	case math.IsNaN(f):
		return append(b, "nan"...)
	}
	return strconv.AppendFloat(b, f, 'g', 17, 64)
}

// RESP2 returns v as a RESP2 client receives it: maps and sets become
// arrays, doubles bulk strings, booleans integers, push messages arrays.
func (v Value) RESP2() Value {
	switch v.Kind {
	case KindMulti:
		elems := make([]Value, len(v.Elems))
		for i, e := range v.Elems {
			elems[i] = e.RESP2()
		}
		return Value{Kind: KindMulti, Elems: elems}
	case KindMap, KindSet, KindPush, KindArray:
		elems := make([]Value, len(v.Elems))
		for i, e := range v.Elems {
			elems[i] = e.RESP2()
		}
		return Value{Kind: KindArray, Elems: elems}
	case KindDouble:
		return Bulk(FormatDouble(v.Float))
	case KindBool:
		return Int(v.Int)
	case KindVerbatim:
		return Bulk(v.Str)
	}
	return v
}
