package cli

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestKeepInHistory(t *testing.T) {
	tests := []struct {
		line string
		keep bool
	}{
		{"set k v", true},
		{"", false},
		{"   ", false},
		{`echo "unterminated`, true},
		{"0 ping", false},
		{"3 ping", true},
		{"auth secret", false},
		{"AUTH user secret", false},
		{"3 auth secret", false},
		{"acl setuser bob on >pw", false},
		{"acl getuser bob", true},
		{"config set requirepass pw", false},
		{"config set masterauth pw", false},
		{"config set maxmemory 1mb", true},
		{"hello 3 auth default pw", false},
		{"hello 3 setname x auth default pw", false},
		{"hello 3 setname x", true},
		{"hello 3 bogus auth default pw", true},
		{"migrate h 1 k 0 100 copy auth pw", false},
		{"migrate h 1 k 0 100 auth2 u pw", false},
		{"migrate h 1 \"\" 0 100 keys auth x", true},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.keep, KeepInHistory(tt.line), tt.line)
	}
}
