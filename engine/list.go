package engine

// list is a Redis list: a ring buffer of elements, so pushes and pops at
// either end are O(1) amortised and indexing is O(1), which Redis's
// quicklist approximates with linked listpack nodes.
type list struct {
	buf  []string
	head int
	n    int
	// bytes is the total length of the elements, for memory accounting.
	bytes int
}

func newList() *list { return &list{} }

// Len returns the number of elements.
func (l *list) Len() int { return l.n }

// Encoding is what OBJECT ENCODING answers: Redis 7.0 holds every list as
// a quicklist.
func (l *list) Encoding() string { return "quicklist" }

// Copy returns an independent copy, for COPY.
func (l *list) Copy() any {
	c := &list{buf: make([]string, len(l.buf)), n: l.n, bytes: l.bytes}
	for i := 0; i < l.n; i++ {
		c.buf[i] = l.At(i)
	}
	return c
}

func (l *list) grow() {
	size := len(l.buf) * 2
	if size < 8 {
		size = 8
	}
	buf := make([]string, size)
	for i := 0; i < l.n; i++ {
		buf[i] = l.At(i)
	}
	l.buf, l.head = buf, 0
}

func (l *list) slot(i int) int {
	j := l.head + i
	if j >= len(l.buf) {
		j -= len(l.buf)
	}
	return j
}

// At returns element i, counting from 0 at the head.
func (l *list) At(i int) string { return l.buf[l.slot(i)] }

// SetAt replaces element i.
func (l *list) SetAt(i int, v string) {
	j := l.slot(i)
	l.bytes += len(v) - len(l.buf[j])
	l.buf[j] = v
}

// PushHead adds v before the first element.
func (l *list) PushHead(v string) {
	if l.n == len(l.buf) {
		l.grow()
	}
	l.head--
	if l.head < 0 {
		l.head += len(l.buf)
	}
	l.buf[l.head] = v
	l.n++
	l.bytes += len(v)
}

// PushTail adds v after the last element.
func (l *list) PushTail(v string) {
	if l.n == len(l.buf) {
		l.grow()
	}
	l.buf[l.slot(l.n)] = v
	l.n++
	l.bytes += len(v)
}

// PopHead removes and returns the first element; the list must not be empty.
func (l *list) PopHead() string {
	v := l.buf[l.head]
	l.buf[l.head] = ""
	l.head = l.slot(1)
	l.n--
	l.bytes -= len(v)
	l.shrink()
	return v
}

// PopTail removes and returns the last element; the list must not be empty.
func (l *list) PopTail() string {
	j := l.slot(l.n - 1)
	v := l.buf[j]
	l.buf[j] = ""
	l.n--
	l.bytes -= len(v)
	l.shrink()
	return v
}

// shrink gives memory back when the buffer is mostly empty.
func (l *list) shrink() {
	if len(l.buf) > 64 && l.n < len(l.buf)/4 {
		buf := make([]string, len(l.buf)/2)
		for i := 0; i < l.n; i++ {
			buf[i] = l.At(i)
		}
		l.buf, l.head = buf, 0
	}
}

// Range returns the elements from start to stop inclusive (already clamped).
func (l *list) Range(start, stop int) []string {
	out := make([]string, 0, stop-start+1)
	for i := start; i <= stop; i++ {
		out = append(out, l.At(i))
	}
	return out
}

// Replace sets the list's content to elems.
func (l *list) Replace(elems []string) {
	l.buf, l.head, l.n = elems, 0, len(elems)
	l.bytes = 0
	for _, e := range elems {
		l.bytes += len(e)
	}
}
