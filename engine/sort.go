package engine

import (
	"math"
	"strconv"
	"strings"
)

// SORT and SORT_RO, as Redis 7.0's sort.c has them.
var sortCommands = []*Command{
	{
		Name: "sort", Arity: -2, Flags: []string{"write", "denyoom", "movablekeys"}, ACL: []string{"write", "set", "sortedset", "list", "slow", "dangerous"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{
			{Flags: []string{"RO", "access"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0},
			sortPatternSpec,
			{Flags: []string{"OW", "update"}, Notes: "For the optional STORE keyword. It is marked 'unknown' because the keyword can appear anywhere in the argument array"},
		},
		Group: "generic", Since: "1.0.0",
		Complexity: sortComplexity,
		Summary:    "Returns the elements of a list, set or sorted set in sorted order, optionally weighted by or fetching other keys, or stores them as a list.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "pattern", Type: ArgPattern, KeySpecIndex: 1, Token: "BY", Optional: true},
			{Name: "offset_count", Type: ArgBlock, Token: "LIMIT", Optional: true, Args: []Arg{
				{Name: "offset", Type: ArgInteger},
				{Name: "count", Type: ArgInteger},
			}},
			{Name: "pattern", Type: ArgPattern, KeySpecIndex: 1, Token: "GET", Optional: true, Multiple: true, MultipleToken: true},
			{Name: "order", Type: ArgOneOf, Optional: true, Args: []Arg{
				{Name: "asc", Type: ArgPureToken, Token: "ASC"},
				{Name: "desc", Type: ArgPureToken, Token: "DESC"},
			}},
			{Name: "sorting", Type: ArgPureToken, Token: "ALPHA", Optional: true},
			{Name: "destination", Type: ArgKey, KeySpecIndex: 2, Token: "STORE", Optional: true},
		},
		Run: cmdSort,
	},
	{
		Name: "sort_ro", Arity: -2, Flags: []string{"readonly", "movablekeys"}, ACL: []string{"read", "set", "sortedset", "list", "slow", "dangerous"},
		FirstKey: 1, LastKey: 1, Step: 1,
		KeySpecs: []KeySpec{
			{Flags: []string{"RO", "access"}, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0},
			sortPatternSpec,
		},
		Group: "generic", Since: "7.0.0",
		Complexity: sortComplexity,
		Summary:    "Returns the elements of a list, set or sorted set in sorted order, like SORT without its STORE option.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "pattern", Type: ArgPattern, KeySpecIndex: 1, Token: "BY", Optional: true},
			{Name: "offset_count", Type: ArgBlock, Token: "LIMIT", Optional: true, Args: []Arg{
				{Name: "offset", Type: ArgInteger},
				{Name: "count", Type: ArgInteger},
			}},
			{Name: "pattern", Type: ArgPattern, KeySpecIndex: 1, Token: "GET", Optional: true, Multiple: true, MultipleToken: true},
			{Name: "order", Type: ArgOneOf, Optional: true, Args: []Arg{
				{Name: "asc", Type: ArgPureToken, Token: "ASC"},
				{Name: "desc", Type: ArgPureToken, Token: "DESC"},
			}},
			{Name: "sorting", Type: ArgPureToken, Token: "ALPHA", Optional: true},
		},
		Run: cmdSortRo,
	},
}

// The key spec and complexity SORT and SORT_RO share.
var sortPatternSpec = KeySpec{Flags: []string{"RO", "access"}, Notes: "For the optional BY/GET keyword. It is marked 'unknown' because the key names derive from the content of the key we sort"}

const sortComplexity = "O(N+M*log(M)) where N is the number of elements in the list or set to sort, and M the number of returned elements. When the elements are not sorted, complexity is O(N)."

func init() { register(sortCommands...) }

const errSortScores = "ERR One or more scores can't be converted into double"

// sortItem is one element being sorted with the weight it sorts by: a
// number, or with ALPHA and BY the weight key's value (hasCmp false when
// that key is missing).
type sortItem struct {
	elem   string
	score  float64
	cmp    string
	hasCmp bool
}

// sortOptions are SORT's parsed options.
type sortOptions struct {
	desc, alpha, dontsort  bool
	limitStart, limitCount int64
	by                     string
	hasBy                  bool
	gets                   []string
	store                  string
	hasStore               bool
}

func cmdSort(x *Ctx) Value   { return sortGeneric(x, false) }
func cmdSortRo(x *Ctx) Value { return sortGeneric(x, true) }

// parseSortOptions reads the options after the key. Like Redis, a later
// option overrides an earlier one, and an option missing its arguments is a
// syntax error.
func parseSortOptions(args []string, readonly bool) (sortOptions, *Value) {
	o := sortOptions{limitCount: -1}
	fail := func(msg string) (sortOptions, *Value) {
		v := Err(msg)
		return o, &v
	}
	for j := 2; j < len(args); j++ {
		left := len(args) - j - 1
		switch opt := strings.ToLower(args[j]); {
		case opt == "asc":
			o.desc = false
		case opt == "desc":
			o.desc = true
		case opt == "alpha":
			o.alpha = true
		case opt == "limit" && left >= 2:
			start, ok := ParseInt(args[j+1])
			if !ok {
				return fail(ErrNotInteger)
			}
			count, ok := ParseInt(args[j+2])
			if !ok {
				return fail(ErrNotInteger)
			}
			o.limitStart, o.limitCount = start, count
			j += 2
		case opt == "store" && left >= 1 && !readonly:
			o.store, o.hasStore = args[j+1], true
			j++
		case opt == "by" && left >= 1:
			o.by, o.hasBy = args[j+1], true
			// A pattern without '*' names one fixed key for every element:
			// nothing to sort by. Redis never clears this again, even when
			// a later BY has a '*'.
			if !strings.Contains(cString(o.by), "*") {
				o.dontsort = true
			}
			j++
		case opt == "get" && left >= 1:
			o.gets = append(o.gets, args[j+1])
			j++
		default:
			return fail(ErrSyntax)
		}
	}
	return o, nil
}

// cString is s as C string functions see it: up to its first NUL byte.
// Redis scans patterns and compares ALPHA weights that way.
func cString(s string) string {
	if i := strings.IndexByte(s, 0); i >= 0 {
		return s[:i]
	}
	return s
}

func sortGeneric(x *Ctx, readonly bool) Value {
	opt, errv := parseSortOptions(x.Args, readonly)
	if errv != nil {
		return *errv
	}
	obj := x.DB.Read(x.Args[1], x.Now)
	typ := TypeList // a missing key sorts as an empty list
	if obj != nil {
		typ = obj.Type
		if typ != TypeList && typ != TypeSet && typ != TypeZSet {
			return wrongType
		}
	}
	sortBy := opt.hasBy
	// A set has no order of its own, so storing it unsorted would make the
	// stored list depend on hashing: Redis sorts it by the elements then.
	if opt.dontsort && typ == TypeSet && opt.hasStore {
		opt.dontsort, opt.alpha, sortBy = false, true, false
	}
	var zs *zset
	if typ == TypeZSet {
		zs = obj.Val.(*zset)
		// Redis converts a compact sorted set to a skiplist before sorting.
		zs.listpack = false
	}

	n := 0
	if obj != nil {
		switch typ {
		case TypeList:
			n = obj.Val.(*list).Len()
		case TypeSet:
			n = obj.Val.(*set).Len()
		case TypeZSet:
			n = zs.Len()
		}
	}
	start, end := sortRange(opt.limitStart, opt.limitCount, n)

	var items []sortItem
	switch {
	case obj == nil:
	case opt.dontsort && (typ == TypeList || typ == TypeZSet):
		// Lists and sorted sets keep their own order, walked backwards for
		// DESC, and only the LIMIT range is loaded.
		if end >= start {
			for i := start; i <= end; i++ {
				pos := i
				if opt.desc {
					pos = n - 1 - i
				}
				if typ == TypeList {
					items = append(items, sortItem{elem: obj.Val.(*list).At(pos)})
				} else {
					items = append(items, sortItem{elem: zs.At(pos).member})
				}
			}
			end -= start
			start = 0
		}
	case typ == TypeList:
		l := obj.Val.(*list)
		items = make([]sortItem, n)
		for i := range items {
			items[i].elem = l.At(i)
		}
	case typ == TypeSet:
		for _, m := range obj.Val.(*set).Members() {
			items = append(items, sortItem{elem: m})
		}
	case typ == TypeZSet:
		items = make([]sortItem, 0, n)
		for nd := zs.first(); nd != nil; nd = nd.next() {
			items = append(items, sortItem{elem: nd.member})
		}
	}

	badScore := false
	if !opt.dontsort {
		for i := range items {
			it := &items[i]
			w := it.elem
			if sortBy {
				v, ok := sortLookup(x, opt.by, it.elem)
				if !ok {
					continue // a missing weight sorts as 0, or first with ALPHA
				}
				w = v
			}
			if opt.alpha {
				if sortBy {
					it.cmp, it.hasCmp = w, true
				}
				continue
			}
			f, ok := sortWeight(w)
			if !ok {
				badScore = true
			}
			it.score = f
		}
		order := make([]*sortItem, len(items))
		for i := range items {
			order[i] = &items[i]
		}
		cmp := sortCompare(opt.alpha, sortBy, opt.hasStore, opt.desc)
		if sortBy && (start != 0 || end != len(items)-1) {
			pqsort(order, cmp, start, end)
		} else {
			// glibc's qsort is a merge sort, so ties keep their order.
			mergeSort(order, make([]*sortItem, len(order)), cmp)
		}
		sorted := make([]sortItem, len(items))
		for i, it := range order {
			sorted[i] = *it
		}
		items = sorted
	}

	count := end - start + 1
	outLen := count
	if len(opt.gets) > 0 {
		outLen = len(opt.gets) * count
	}
	if badScore {
		return Err(errSortScores)
	}
	if !opt.hasStore {
		out := make([]Value, 0, outLen)
		for j := start; j <= end; j++ {
			if len(opt.gets) == 0 {
				out = append(out, Bulk(items[j].elem))
			}
			for _, g := range opt.gets {
				if v, ok := sortLookup(x, g, items[j].elem); ok {
					out = append(out, Bulk(v))
				} else {
					out = append(out, Null)
				}
			}
		}
		return Array(out...)
	}
	l := newList()
	for j := start; j <= end; j++ {
		if len(opt.gets) == 0 {
			l.PushTail(items[j].elem)
		}
		for _, g := range opt.gets {
			v, _ := sortLookup(x, g, items[j].elem) // missing stores ""
			l.PushTail(v)
		}
	}
	if outLen > 0 {
		x.DB.Set(opt.store, &Object{Type: TypeList, Val: l})
		x.Modified(opt.store)
	} else if x.DB.Delete(opt.store, x.Now) {
		x.Modified(opt.store)
	}
	return Int(int64(outLen))
}

// sortRange turns LIMIT offset count into the inclusive range of sorted
// positions to answer over n elements; end < start means none. Inputs are
// first clamped to n, as Redis does to stay clear of overflow.
func sortRange(offset, count int64, n int) (int, int) {
	ln := int64(n)
	start := min(max(offset, 0), ln)
	count = min(max(count, -1), ln)
	end := ln - 1
	if count >= 0 {
		end = start + count - 1
	}
	if start >= ln {
		start, end = ln-1, ln-2
	}
	if end >= ln {
		end = ln - 1
	}
	return int(start), int(end)
}

// sortLookup resolves a BY or GET pattern for one element, as Redis's
// lookupKeyByPattern does: "#" is the element itself; otherwise the first
// '*' is replaced by the element, and a "->field" after it reads that
// field of a hash instead of a string. ok is false when there is no such
// string or field, or the pattern has no '*'.
func sortLookup(x *Ctx, pattern, elem string) (string, bool) {
	cpat := cString(pattern)
	if cpat == "#" {
		return elem, true
	}
	star := strings.IndexByte(cpat, '*')
	if star < 0 {
		return "", false
	}
	field, hasField := "", false
	if f := strings.Index(cpat[star+1:], "->"); f >= 0 {
		f += star + 1
		if f+2 < len(cpat) {
			field, hasField = pattern[f+2:], true
		}
	}
	tail := len(pattern)
	if hasField {
		tail -= len(field) + 2
	}
	key := pattern[:star] + elem + pattern[star+1:tail]
	o := x.DB.Read(key, x.Now)
	if o == nil {
		return "", false
	}
	if hasField {
		if o.Type != TypeHash {
			return "", false
		}
		return o.Val.(*hash).Get(field)
	}
	if o.Type != TypeString {
		return "", false
	}
	return o.Str, true
}

// sortCompare returns Redis's SORT ordering. Numbers tie-break on the
// elements' bytes; ALPHA compares with strcoll, which in the C locale is
// byte order up to the first NUL, except that STORE compares whole strings;
// ALPHA with BY puts elements whose weight key is missing first and leaves
// their ties unbroken. DESC reverses every comparison, ties included.
func sortCompare(alpha, byPattern, store, desc bool) func(a, b *sortItem) int {
	coll := func(a, b string) int {
		if store {
			return strings.Compare(a, b)
		}
		return strings.Compare(cString(a), cString(b))
	}
	var cmp func(a, b *sortItem) int
	switch {
	case !alpha:
		cmp = func(a, b *sortItem) int {
			switch {
			case a.score > b.score:
				return 1
			case a.score < b.score:
				return -1
			}
			return strings.Compare(a.elem, b.elem)
		}
	case byPattern:
		cmp = func(a, b *sortItem) int {
			switch {
			case a.hasCmp && b.hasCmp:
				return coll(a.cmp, b.cmp)
			case a.hasCmp == b.hasCmp:
				return 0
			case !a.hasCmp:
				return -1
			}
			return 1
		}
	default:
		cmp = func(a, b *sortItem) int { return coll(a.elem, b.elem) }
	}
	if desc {
		return func(a, b *sortItem) int { return -cmp(a, b) }
	}
	return cmp
}

// mergeSort sorts v stably, using tmp (as long as v) as scratch space.
func mergeSort(v, tmp []*sortItem, cmp func(a, b *sortItem) int) {
	if len(v) < 2 {
		return
	}
	mid := len(v) / 2
	mergeSort(v[:mid], tmp[:mid], cmp)
	mergeSort(v[mid:], tmp[mid:], cmp)
	if cmp(v[mid-1], v[mid]) <= 0 {
		return // already in order
	}
	i, j, k := 0, mid, 0
	for i < mid && j < len(v) {
		if cmp(v[i], v[j]) <= 0 {
			tmp[k] = v[i]
			i++
		} else {
			tmp[k] = v[j]
			j++
		}
		k++
	}
	k += copy(tmp[k:], v[i:mid])
	copy(v, tmp[:k])
}

// pqsort is Redis's partial quicksort (Bentley and McIlroy's, from NetBSD)
// that only sorts the partitions overlapping positions lo..hi. Redis uses it
// for SORT with BY and LIMIT; it is replayed step by step because, unlike a
// full sort, it leaves ties (ALPHA BY weights that compare equal) in an
// order of its own.
func pqsort(v []*sortItem, cmp func(a, b *sortItem) int, lo, hi int) {
	pqsortPart(v, 0, len(v), cmp, lo, hi)
}

func pqsortPart(v []*sortItem, a, n int, cmp func(a, b *sortItem) int, lo, hi int) {
	swap := func(i, j int) { v[i], v[j] = v[j], v[i] }
	vecswap := func(i, j, k int) {
		for ; k > 0; k-- {
			swap(i, j)
			i++
			j++
		}
	}
	med3 := func(p, q, r int) int {
		if cmp(v[p], v[q]) < 0 {
			if cmp(v[q], v[r]) < 0 {
				return q
			}
			if cmp(v[p], v[r]) < 0 {
				return r
			}
			return p
		}
		if cmp(v[q], v[r]) > 0 {
			return q
		}
		if cmp(v[p], v[r]) < 0 {
			return p
		}
		return r
	}
	// outside reports whether the segment [s, s+k) lies wholly before or
	// after the wanted positions.
	outside := func(s, k int) bool {
		return (lo < s && hi < s) || (lo > s+k-1 && hi > s+k-1)
	}
	for {
		if n < 7 {
			for pm := a + 1; pm < a+n; pm++ {
				for pl := pm; pl > a && cmp(v[pl-1], v[pl]) > 0; pl-- {
					swap(pl, pl-1)
				}
			}
			return
		}
		pm := a + n/2
		if n > 7 {
			pl, pn := a, a+n-1
			if n > 40 {
				d := n / 8
				pl = med3(pl, pl+d, pl+2*d)
				pm = med3(pm-d, pm, pm+d)
				pn = med3(pn-2*d, pn-d, pn)
			}
			pm = med3(pl, pm, pn)
		}
		swap(a, pm)
		pa, pb := a+1, a+1
		pc, pd := a+n-1, a+n-1
		for {
			for pb <= pc {
				r := cmp(v[pb], v[a])
				if r > 0 {
					break
				}
				if r == 0 {
					swap(pa, pb)
					pa++
				}
				pb++
			}
			for pb <= pc {
				r := cmp(v[pc], v[a])
				if r < 0 {
					break
				}
				if r == 0 {
					swap(pc, pd)
					pd--
				}
				pc--
			}
			if pb > pc {
				break
			}
			swap(pb, pc)
			pb++
			pc--
		}
		pn := a + n
		r := min(pa-a, pb-pa)
		vecswap(a, pb-r, r)
		r = min(pd-pc, pn-pd-1)
		vecswap(pb, pn-r, r)
		if r = pb - pa; r > 1 && !outside(a, r) {
			pqsortPart(v, a, r, cmp, lo, hi)
		}
		r = pd - pc
		if r <= 1 {
			return
		}
		a, n = pn-r, r
		if outside(a, n) {
			return
		}
	}
}

// sortWeight parses a SORT weight as Redis does with C's strtod: leading
// spaces, a sign, decimal or hexadecimal digits with an optional exponent,
// or "inf"/"infinity", and nothing after them (up to a NUL byte, where C
// stops reading). An empty weight is 0. NaN, overflow and underflow to a
// tiny inexact value are refused, as glibc flags them with ERANGE.
func sortWeight(s string) (float64, bool) {
	if n, ok := ParseInt(s); ok {
		return float64(n), true // the common case, rounded as strtod would
	}
	s = cString(s)
	i := 0
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	rest := strings.ToLower(s[i:])
	switch {
	case rest == "inf" || rest == "infinity":
		if neg {
			return math.Inf(-1), true
		}
		return math.Inf(1), true
	case strings.HasPrefix(rest, "nan") || strings.HasPrefix(rest, "inf"):
		return 0, false // NaN, or trailing bytes
	}
	var w weightNum
	w.base = 10
	j := 0
	if len(rest) > 2 && rest[0] == '0' && rest[1] == 'x' && hexMantissa(rest[2:]) {
		w.base, j = 16, 2
	}
	digit := func(c byte) bool { return c >= '0' && c <= '9' || w.base == 16 && c >= 'a' && c <= 'f' }
	from := j
	for j < len(rest) && digit(rest[j]) {
		j++
	}
	w.intDigits = rest[from:j]
	if j < len(rest) && rest[j] == '.' {
		j++
		from = j
		for j < len(rest) && digit(rest[j]) {
			j++
		}
		w.fracDigits = rest[from:j]
	}
	if w.intDigits == "" && w.fracDigits == "" {
		// No number at all: C leaves the end pointer at the start, which
		// is acceptable only for an empty string.
		return 0, len(s) == 0
	}
	mant := rest[:j]
	expChar := byte('e')
	if w.base == 16 {
		expChar = 'p'
	}
	exp := "0"
	if j < len(rest) && rest[j] == expChar {
		k := j + 1
		if k < len(rest) && (rest[k] == '+' || rest[k] == '-') {
			k++
		}
		if k < len(rest) && rest[k] >= '0' && rest[k] <= '9' {
			for k < len(rest) && rest[k] >= '0' && rest[k] <= '9' {
				k++
			}
			exp = rest[j+1 : k]
			j = k
		}
	}
	if j != len(rest) {
		return 0, false
	}
	num := mant + string(expChar) + exp
	f, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return 0, false // overflow
	}
	if neg {
		f = -f
	}
	if math.Abs(f) > 0x1p-1022 {
		return f, true
	}
	w.exp, _ = strconv.Atoi(exp)
	if len(exp) > 9 {
		w.exp = 1e9 // far out of range either way; the sign alone matters
		if exp[0] == '-' {
			w.exp = -1e9
		}
	}
	if w.underflows(f) {
		return 0, false
	}
	return f, true
}

// hexMantissa reports whether s starts with hexadecimal digits (possibly
// after a point), which is what makes strtod read "0x" as a prefix.
func hexMantissa(s string) bool {
	if s != "" && s[0] == '.' {
		s = s[1:]
	}
	return s != "" && strings.IndexByte("0123456789abcdef", s[0]) >= 0
}

// weightNum is a parsed weight's exact value: the digits (in base 10 or
// 16) around the point, times base 10 (or 2 for hexadecimal) to exp.
type weightNum struct {
	base                  int
	intDigits, fracDigits string
	exp                   int
}

// underflows reports whether glibc's strtod sets ERANGE for a nonzero w
// that parsed as f, a magnitude of at most the smallest normal double:
// that is when the value, rounded to 53 bits with an unbounded exponent, is
// below the normal range, and f is not exactly it. Zero means it lost
// everything.
func (w *weightNum) underflows(f float64) bool {
	digits := strings.TrimLeft(w.intDigits+w.fracDigits, "0")
	if digits == "" {
		return false // a zero is exact
	}
	if f == 0 {
		return true
	}
	// value = digits × scale^e, with scale 10 or 2.
	e := w.exp
	perFrac := 1
	if w.base == 16 {
		perFrac = 4
	}
	e -= perFrac * len(w.fracDigits)
	trimmed := strings.TrimRight(digits, "0")
	e += perFrac * (len(digits) - len(trimmed))
	digits = trimmed
	// An exact double below 2^-1021 has fewer than 800 significant decimal
	// digits (14 hexadecimal): anything longer is inexact, and keeping the
	// first 1100 digits still orders it correctly against the threshold
	// below, which has fewer.
	exact := true
	if len(digits) > 1100 {
		e += perFrac * (len(digits) - 1100)
		digits, exact = digits[:1100], false
	}
	if e < -20000 || e > 20000 {
		return true // cannot be near the normal range
	}
	f = math.Abs(f)
	if exact && w.cmp(digits, e, math.Float64bits(f), -1074) == 0 {
		return false
	}
	if f < 0x1p-1022 {
		return true
	}
	// f is the smallest normal: the value is tiny when it is below the
	// midpoint between it and the 53-bit number just under it.
	return w.cmp(digits, e, 1<<54-1, -1076) < 0
}

// cmp compares digits × scale^e (scale 10, or 2 for hexadecimal digits)
// with m × 2^q.
func (w *weightNum) cmp(digits string, e int, m uint64, q int) int {
	left := natFromDigits(digits, uint32(w.base))
	right := nat{uint32(m), uint32(m >> 32)}.norm()
	if w.base == 10 {
		if e >= 0 {
			left = left.mulPow10(e)
		} else {
			right = right.mulPow10(-e)
		}
		e = 0
	}
	if s := e - q; s >= 0 {
		left = left.shl(s)
	} else {
		right = right.shl(-s)
	}
	return left.cmp(right)
}

// nat is a natural number in base 2^32, least significant word first: just
// enough arithmetic to compare a decimal weight with a binary fraction
// exactly, without math/big (which would grow the wasm build).
type nat []uint32

func (n nat) norm() nat {
	for len(n) > 0 && n[len(n)-1] == 0 {
		n = n[:len(n)-1]
	}
	return n
}

// mulAdd returns n×m+a.
func (n nat) mulAdd(m, a uint32) nat {
	carry := uint64(a)
	for i, d := range n {
		t := uint64(d)*uint64(m) + carry
		n[i], carry = uint32(t), t>>32
	}
	if carry != 0 {
		n = append(n, uint32(carry))
	}
	return n
}

func natFromDigits(s string, base uint32) nat {
	var n nat
	for i := 0; i < len(s); i++ {
		d := uint32(s[i] - '0')
		if s[i] >= 'a' {
			d = uint32(s[i]-'a') + 10
		}
		n = n.mulAdd(base, d)
	}
	return n.norm()
}

func (n nat) mulPow10(k int) nat {
	for ; k >= 9; k -= 9 {
		n = n.mulAdd(1e9, 0)
	}
	for ; k > 0; k-- {
		n = n.mulAdd(10, 0)
	}
	return n
}

// shl returns n×2^s.
func (n nat) shl(s int) nat {
	if len(n) == 0 {
		return n
	}
	out := make(nat, s/32, s/32+len(n)+1)
	bits := uint(s % 32)
	var carry uint32
	for _, d := range n {
		out = append(out, d<<bits|carry)
		if bits > 0 {
			carry = d >> (32 - bits)
		}
	}
	if carry != 0 {
		out = append(out, carry)
	}
	return out
}

func (n nat) cmp(o nat) int {
	if len(n) != len(o) {
		if len(n) < len(o) {
			return -1
		}
		return 1
	}
	for i := len(n) - 1; i >= 0; i-- {
		if n[i] != o[i] {
			if n[i] < o[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}
