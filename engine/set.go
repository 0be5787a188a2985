package engine

import (
	"sort"
	"strconv"
)

// setMaxIntsetEntries is Redis 7.0's set-max-intset-entries: a set of at
// most this many integers is an intset, sorted; anything else is a
// hashtable, and a set never converts back. CONFIG SET changes it.
var setMaxIntsetEntries = 512

// set is a Redis set: members in a slice with a map from member to
// position, so that adding, removing and picking a random member are O(1).
type set struct {
	members []string
	index   map[string]int
	table   bool // hashtable encoding
	// bytes is the total length of the members, for memory accounting.
	bytes int
}

func newSet() *set { return &set{index: map[string]int{}} }

// Len returns the number of members.
func (s *set) Len() int { return len(s.members) }

// Encoding is what OBJECT ENCODING answers.
func (s *set) Encoding() string {
	if s.table {
		return "hashtable"
	}
	return "intset"
}

// Copy returns an independent copy, for COPY.
func (s *set) Copy() any {
	c := &set{members: append([]string(nil), s.members...), index: make(map[string]int, len(s.index)), table: s.table, bytes: s.bytes}
	for k, v := range s.index {
		c.index[k] = v
	}
	return c
}

// Has reports whether m is a member.
func (s *set) Has(m string) bool {
	_, ok := s.index[m]
	return ok
}

// Add adds m and reports whether it is new.
func (s *set) Add(m string) bool {
	if _, ok := s.index[m]; ok {
		return false
	}
	if !s.table {
		if _, isInt := ParseInt(m); !isInt || len(s.members) >= setMaxIntsetEntries {
			s.table = true
		}
	}
	s.index[m] = len(s.members)
	s.members = append(s.members, m)
	s.bytes += len(m)
	return true
}

// Remove removes m and reports whether it was a member.
func (s *set) Remove(m string) bool {
	i, ok := s.index[m]
	if !ok {
		return false
	}
	delete(s.index, m)
	s.bytes -= len(m)
	last := len(s.members) - 1
	if i != last {
		s.members[i] = s.members[last]
		s.index[s.members[i]] = i
	}
	s.members[last] = ""
	s.members = s.members[:last]
	return true
}

// Members returns the members in the order Redis lists them where that
// order is defined: ascending for an intset. It is a fresh slice.
func (s *set) Members() []string {
	out := append([]string(nil), s.members...)
	if !s.table {
		sort.Slice(out, func(i, j int) bool {
			a, _ := strconv.ParseInt(out[i], 10, 64)
			b, _ := strconv.ParseInt(out[j], 10, 64)
			return a < b
		})
	}
	return out
}
