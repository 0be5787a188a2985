package engine

import (
	"math"
	"math/bits"
	"math/rand/v2"
)

// A sorted set is a map from member to score, for O(1) ZSCORE and
// membership, beside a skiplist ordered by (score, member) whose links
// carry span counts, so insert, delete, rank and the start of a score or
// lex range are all O(log n) expected.
//
// Why a skiplist and not an order-statistic B-tree: a B-tree would use less
// memory per member and be friendlier to caches, but the skiplist is the
// structure Redis itself uses, so its tie-breaking (equal scores order by
// member bytes), its rank arithmetic and its range edges carry over one to
// one and are easy to check against Redis's behaviour; deletion of a run of
// ranks (ZREMRANGEBY*) is a single walk; and the code stays small enough to
// verify. The benchmarks in zset_test.go show it comfortably fast at 10^6
// members.
//
// Redis also keeps small sorted sets in a compact "listpack" encoding. The
// layout does not matter here, but OBJECT ENCODING reports it and the
// listpack stores scores as text, which turns -0 into 0; the listpack flag
// records which encoding Redis would be using, with Redis's rules.

// ZsetMaxListpackEntries is Redis's zset-max-listpack-entries: a sorted set
// with more members than this is held as a skiplist.
var ZsetMaxListpackEntries = 128

// ZsetMaxListpackValue is Redis's zset-max-listpack-value: a sorted set with
// a member longer than this many bytes is held as a skiplist.
var ZsetMaxListpackValue = 64

const zslMaxLevel = 32

type zslLevel struct {
	forward *zslNode
	span    int // members passed when following forward
}

type zslNode struct {
	member   string
	score    float64
	backward *zslNode
	level    []zslLevel
}

type skiplist struct {
	header *zslNode
	tail   *zslNode
	length int
	level  int
}

// zset is a sorted set value (Object.Val for TypeZSet).
type zset struct {
	dict     map[string]float64
	zsl      skiplist
	listpack bool
	// bytes is the total length of the members, for memory accounting.
	bytes int
}

// newZset returns an empty sorted set whose first member will be first,
// encoded as Redis would encode it.
func newZset(first string) *zset {
	z := &zset{dict: map[string]float64{}}
	z.zsl.header = &zslNode{level: make([]zslLevel, zslMaxLevel)}
	z.zsl.level = 1
	z.listpack = ZsetMaxListpackEntries > 0 && len(first) <= ZsetMaxListpackValue
	return z
}

// Len returns the number of members.
func (z *zset) Len() int { return z.zsl.length }

// Encoding is what OBJECT ENCODING answers.
func (z *zset) Encoding() string {
	if z.listpack {
		return "listpack"
	}
	return "skiplist"
}

// Copy returns an independent copy with the same encoding, for COPY.
func (z *zset) Copy() any {
	c := newZset("")
	c.listpack = z.listpack
	c.bytes = z.bytes
	for n := z.first(); n != nil; n = n.next() {
		c.zsl.insert(n.score, n.member)
		c.dict[n.member] = n.score
	}
	return c
}

// Score returns member's score.
func (z *zset) Score(member string) (float64, bool) {
	s, ok := z.dict[member]
	return s, ok
}

// storedScore is how the current encoding keeps s: a listpack writes scores
// as text, where -0 becomes 0.
func (z *zset) storedScore(s float64) float64 {
	if z.listpack && s == 0 {
		return 0
	}
	return s
}

// Insert adds a member that is not in the set, converting to a skiplist
// first when the listpack would grow too long or the member is too long.
func (z *zset) Insert(member string, score float64) {
	if z.listpack && (z.zsl.length+1 > ZsetMaxListpackEntries || len(member) > ZsetMaxListpackValue) {
		z.listpack = false
	}
	score = z.storedScore(score)
	z.dict[member] = score
	z.zsl.insert(score, member)
	z.bytes += len(member)
}

// Update changes the score of a member already in the set.
func (z *zset) Update(member string, score float64) {
	cur := z.dict[member]
	score = z.storedScore(score)
	z.dict[member] = score
	z.zsl.updateScore(cur, member, score)
}

// Remove deletes member and reports whether it was there.
func (z *zset) Remove(member string) bool {
	s, ok := z.dict[member]
	if !ok {
		return false
	}
	delete(z.dict, member)
	z.zsl.delete(s, member)
	z.bytes -= len(member)
	return true
}

// Rank returns member's 0-based position in score order, or from the top
// when rev is set.
func (z *zset) Rank(member string, rev bool) (int, bool) {
	s, ok := z.dict[member]
	if !ok {
		return 0, false
	}
	r := z.zsl.rank(s, member) - 1
	if rev {
		r = z.zsl.length - 1 - r
	}
	return r, true
}

// At returns the member at 0-based position i in score order.
func (z *zset) At(i int) *zslNode { return z.zsl.byRank(i + 1) }

func (z *zset) first() *zslNode { return z.zsl.header.level[0].forward }
func (z *zset) last() *zslNode  { return z.zsl.tail }

func (n *zslNode) next() *zslNode { return n.level[0].forward }
func (n *zslNode) prev() *zslNode { return n.backward }

// RemoveRange deletes the members at 0-based positions start..end
// inclusive and returns how many went.
func (z *zset) RemoveRange(start, end int) int {
	return z.zsl.deleteRangeByRank(start+1, end+1, func(member string) {
		delete(z.dict, member)
		z.bytes -= len(member)
	})
}

// fitsListpack reports whether the set is small enough for a listpack.
func (z *zset) fitsListpack() bool {
	if z.zsl.length > ZsetMaxListpackEntries {
		return false
	}
	for n := z.first(); n != nil; n = n.next() {
		if len(n.member) > ZsetMaxListpackValue {
			return false
		}
	}
	return true
}

// compactIfSmall switches a freshly built result (ZUNIONSTORE and the
// other stores) to the listpack encoding when it fits, as Redis does for
// the sets those commands write.
func (z *zset) compactIfSmall() {
	if z.listpack || !z.fitsListpack() {
		return
	}
	z.listpack = true
	for n := z.first(); n != nil; n = n.next() {
		if n.score == 0 && math.Signbit(n.score) {
			n.score = 0
			z.dict[n.member] = 0
		}
	}
}

// scoreRange is a score interval; an exclusive end is written "(" in
// commands.
type scoreRange struct {
	min, max     float64
	minex, maxex bool
}

func (r *scoreRange) gteMin(s float64) bool {
	if r.minex {
		return s > r.min
	}
	return s >= r.min
}

func (r *scoreRange) lteMax(s float64) bool {
	if r.maxex {
		return s < r.max
	}
	return s <= r.max
}

// empty reports a range no score can be in.
func (r *scoreRange) empty() bool {
	return r.min > r.max || (r.min == r.max && (r.minex || r.maxex))
}

// lexBound is one end of a lex range: "-" (inf -1), "+" (inf 1), or a
// string included ("[") or excluded ("(").
type lexBound struct {
	s   string
	ex  bool
	inf int
}

// cmpLexBound orders a member against a bound, treating "-" as below and "+" as
// above every string.
func cmpLexBound(member string, b *lexBound) int {
	switch {
	case b.inf < 0:
		return 1
	case b.inf > 0:
		return -1
	case member < b.s:
		return -1
	case member > b.s:
		return 1
	}
	return 0
}

type lexRange struct{ min, max lexBound }

func (r *lexRange) gteMin(m string) bool {
	c := cmpLexBound(m, &r.min)
	if r.min.ex {
		return c > 0
	}
	return c >= 0
}

func (r *lexRange) lteMax(m string) bool {
	c := cmpLexBound(m, &r.max)
	if r.max.ex {
		return c < 0
	}
	return c <= 0
}

func (r *lexRange) empty() bool {
	var c int
	a, b := &r.min, &r.max
	switch {
	case a.inf == b.inf && a.inf != 0:
		c = 0
	case a.inf < 0 || b.inf > 0:
		c = -1
	case a.inf > 0 || b.inf < 0:
		c = 1
	case a.s < b.s:
		c = -1
	case a.s > b.s:
		c = 1
	}
	return c > 0 || (c == 0 && (a.ex || b.ex))
}

// span finds the 0-based positions of the first and last members for which
// gteMin and lteMax both hold; ok is false when none do. Both predicates
// are monotone along the list, so each end is one O(log n) descent.
func (z *zset) span(gteMin, lteMax func(n *zslNode) bool) (first, last int, ok bool) {
	fn, fr := z.zsl.firstWhere(gteMin)
	if fn == nil || !lteMax(fn) {
		return 0, 0, false
	}
	ln, lr := z.zsl.lastWhere(lteMax)
	if ln == nil || !gteMin(ln) {
		return 0, 0, false
	}
	return fr - 1, lr - 1, true
}

// ScoreSpan returns the positions bounding the members within r.
func (z *zset) ScoreSpan(r *scoreRange) (int, int, bool) {
	if r.empty() {
		return 0, 0, false
	}
	return z.span(func(n *zslNode) bool { return r.gteMin(n.score) },
		func(n *zslNode) bool { return r.lteMax(n.score) })
}

// LexSpan returns the positions bounding the members within r. As in Redis,
// it assumes every member has the same score.
func (z *zset) LexSpan(r *lexRange) (int, int, bool) {
	if r.empty() {
		return 0, 0, false
	}
	return z.span(func(n *zslNode) bool { return r.gteMin(n.member) },
		func(n *zslNode) bool { return r.lteMax(n.member) })
}

// randomLevel picks a node height with P(level > k) = 4^-k, as Redis's
// ZSKIPLIST_P of 1/4 does, from two random bits per level.
func randomLevel() int {
	l := 1 + bits.TrailingZeros64(rand.Uint64()|1<<62)/2
	return min(l, zslMaxLevel)
}

// less orders (score, member) pairs as the skiplist keeps them.
func less(s1 float64, m1 string, s2 float64, m2 string) bool {
	return s1 < s2 || (s1 == s2 && m1 < m2)
}

func (l *skiplist) insert(score float64, member string) *zslNode {
	var update [zslMaxLevel]*zslNode
	var rank [zslMaxLevel]int
	x := l.header
	for i := l.level - 1; i >= 0; i-- {
		if i < l.level-1 {
			rank[i] = rank[i+1]
		}
		for f := x.level[i].forward; f != nil && less(f.score, f.member, score, member); f = x.level[i].forward {
			rank[i] += x.level[i].span
			x = f
		}
		update[i] = x
	}
	level := randomLevel()
	if level > l.level {
		for i := l.level; i < level; i++ {
			rank[i] = 0
			update[i] = l.header
			update[i].level[i].span = l.length
		}
		l.level = level
	}
	x = &zslNode{member: member, score: score, level: make([]zslLevel, level)}
	for i := 0; i < level; i++ {
		x.level[i].forward = update[i].level[i].forward
		update[i].level[i].forward = x
		x.level[i].span = update[i].level[i].span - (rank[0] - rank[i])
		update[i].level[i].span = rank[0] - rank[i] + 1
	}
	for i := level; i < l.level; i++ {
		update[i].level[i].span++
	}
	if update[0] != l.header {
		x.backward = update[0]
	}
	if x.level[0].forward != nil {
		x.level[0].forward.backward = x
	} else {
		l.tail = x
	}
	l.length++
	return x
}

func (l *skiplist) deleteNode(x *zslNode, update *[zslMaxLevel]*zslNode) {
	for i := 0; i < l.level; i++ {
		if update[i].level[i].forward == x {
			update[i].level[i].span += x.level[i].span - 1
			update[i].level[i].forward = x.level[i].forward
		} else {
			update[i].level[i].span--
		}
	}
	if f := x.level[0].forward; f != nil {
		f.backward = x.backward
	} else {
		l.tail = x.backward
	}
	for l.level > 1 && l.header.level[l.level-1].forward == nil {
		l.level--
	}
	l.length--
}

// find fills update with the last node before (score, member) on each level.
func (l *skiplist) find(score float64, member string, update *[zslMaxLevel]*zslNode) *zslNode {
	x := l.header
	for i := l.level - 1; i >= 0; i-- {
		for f := x.level[i].forward; f != nil && less(f.score, f.member, score, member); f = x.level[i].forward {
			x = f
		}
		update[i] = x
	}
	x = x.level[0].forward
	if x != nil && x.score == score && x.member == member {
		return x
	}
	return nil
}

func (l *skiplist) delete(score float64, member string) bool {
	var update [zslMaxLevel]*zslNode
	x := l.find(score, member, &update)
	if x == nil {
		return false
	}
	l.deleteNode(x, &update)
	return true
}

// updateScore moves member from cur to score, in place when its neighbours
// still surround it, as Redis's zslUpdateScore does.
func (l *skiplist) updateScore(cur float64, member string, score float64) {
	var update [zslMaxLevel]*zslNode
	x := l.find(cur, member, &update)
	if x == nil {
		panic("zset: member missing from skiplist")
	}
	if (x.backward == nil || x.backward.score < score) && (x.level[0].forward == nil || x.level[0].forward.score > score) {
		x.score = score
		return
	}
	l.deleteNode(x, &update)
	l.insert(score, member)
}

// rank returns the 1-based rank of (score, member), or 0.
func (l *skiplist) rank(score float64, member string) int {
	rank := 0
	x := l.header
	for i := l.level - 1; i >= 0; i-- {
		for f := x.level[i].forward; f != nil && (less(f.score, f.member, score, member) || (f.score == score && f.member == member)); f = x.level[i].forward {
			rank += x.level[i].span
			x = f
		}
		if x != l.header && x.member == member {
			return rank
		}
	}
	return 0
}

// byRank returns the node at 1-based rank, or nil.
func (l *skiplist) byRank(rank int) *zslNode {
	if rank < 1 || rank > l.length {
		return nil
	}
	traversed := 0
	x := l.header
	for i := l.level - 1; i >= 0; i-- {
		for x.level[i].forward != nil && traversed+x.level[i].span <= rank {
			traversed += x.level[i].span
			x = x.level[i].forward
		}
		if traversed == rank {
			return x
		}
	}
	return nil
}

// firstWhere returns the first node for which pred holds, and its 1-based
// rank; pred must be false then true along the list.
func (l *skiplist) firstWhere(pred func(*zslNode) bool) (*zslNode, int) {
	rank := 0
	x := l.header
	for i := l.level - 1; i >= 0; i-- {
		for f := x.level[i].forward; f != nil && !pred(f); f = x.level[i].forward {
			rank += x.level[i].span
			x = f
		}
	}
	return x.level[0].forward, rank + 1
}

// lastWhere returns the last node for which pred holds, and its 1-based
// rank; pred must be true then false along the list.
func (l *skiplist) lastWhere(pred func(*zslNode) bool) (*zslNode, int) {
	rank := 0
	x := l.header
	for i := l.level - 1; i >= 0; i-- {
		for f := x.level[i].forward; f != nil && pred(f); f = x.level[i].forward {
			rank += x.level[i].span
			x = f
		}
	}
	if x == l.header {
		return nil, 0
	}
	return x, rank
}

// deleteRangeByRank removes the nodes with 1-based ranks start..end in one
// walk, calling gone for each member removed.
func (l *skiplist) deleteRangeByRank(start, end int, gone func(string)) int {
	var update [zslMaxLevel]*zslNode
	traversed := 0
	x := l.header
	for i := l.level - 1; i >= 0; i-- {
		for x.level[i].forward != nil && traversed+x.level[i].span < start {
			traversed += x.level[i].span
			x = x.level[i].forward
		}
		update[i] = x
	}
	traversed++
	x = x.level[0].forward
	removed := 0
	for x != nil && traversed <= end {
		next := x.level[0].forward
		l.deleteNode(x, &update)
		gone(x.member)
		removed++
		traversed++
		x = next
	}
	return removed
}
