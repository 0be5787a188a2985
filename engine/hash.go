package engine

// Redis 7.0 keeps a hash as a listpack, in insertion order, while it has at
// most hash-max-listpack-entries fields and every field and value is at most
// hash-max-listpack-value bytes; past either it converts the hash to a
// hashtable for good. CONFIG SET changes them (config.go); the defaults are
// those of redis-server started without a configuration file.
var (
	hashMaxListpackEntries = 512
	hashMaxListpackValue   = 64
)

type hfield struct{ name, value string }

// hash is a Redis hash. While small it keeps insertion order, as a listpack
// does (so HGETALL answers as Redis would); once converted, removals swap
// with the last field so that every operation stays O(1).
type hash struct {
	fields []hfield
	index  map[string]int
	table  bool // hashtable encoding
	// bytes is the total length of the fields and values, for memory
	// accounting.
	bytes int
}

func newHash() *hash { return &hash{index: map[string]int{}} }

// Len returns the number of fields.
func (h *hash) Len() int { return len(h.fields) }

// Encoding is what OBJECT ENCODING answers.
func (h *hash) Encoding() string {
	if h.table {
		return "hashtable"
	}
	return "listpack"
}

// Copy returns an independent copy, for COPY.
func (h *hash) Copy() any {
	c := &hash{fields: append([]hfield(nil), h.fields...), index: make(map[string]int, len(h.index)), table: h.table, bytes: h.bytes}
	for k, v := range h.index {
		c.index[k] = v
	}
	return c
}

// Get returns a field's value.
func (h *hash) Get(field string) (string, bool) {
	i, ok := h.index[field]
	if !ok {
		return "", false
	}
	return h.fields[i].value, true
}

// Set sets a field and reports whether it is new.
func (h *hash) Set(field, value string) bool {
	if !h.table && (len(field) > hashMaxListpackValue || len(value) > hashMaxListpackValue) {
		h.table = true
	}
	if i, ok := h.index[field]; ok {
		h.bytes += len(value) - len(h.fields[i].value)
		h.fields[i].value = value
		return false
	}
	h.index[field] = len(h.fields)
	h.fields = append(h.fields, hfield{field, value})
	h.bytes += len(field) + len(value)
	if len(h.fields) > hashMaxListpackEntries {
		h.table = true
	}
	return true
}

// Delete removes a field and reports whether it was there.
func (h *hash) Delete(field string) bool {
	i, ok := h.index[field]
	if !ok {
		return false
	}
	delete(h.index, field)
	h.bytes -= len(field) + len(h.fields[i].value)
	last := len(h.fields) - 1
	if h.table {
		if i != last {
			h.fields[i] = h.fields[last]
			h.index[h.fields[i].name] = i
		}
	} else {
		copy(h.fields[i:], h.fields[i+1:])
		for j := i; j < last; j++ {
			h.index[h.fields[j].name] = j
		}
	}
	h.fields[last] = hfield{}
	h.fields = h.fields[:last]
	return true
}
