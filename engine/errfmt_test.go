package engine

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestErrorf(t *testing.T) {
	tests := []struct {
		format string
		args   []string
	}{
		{ErrWrongArgs, []string{"get"}},
		{ErrUnknownSubcmd, []string{"foo", "CLIENT"}},
		{ErrInvalidExpire, []string{"set"}},
		{"ERR %s and %s", []string{"%s", "100%"}},
		{"no verbs", nil},
	}
	for _, tt := range tests {
		args := make([]any, len(tt.args))
		for i, a := range tt.args {
			args[i] = a
		}
		assert.Equal(t, fmt.Sprintf(tt.format, args...), errorf(tt.format, tt.args...), tt.format)
	}
	// Where fmt would complain in the text, errorf leaves the format be.
	assert.Equal(t, "50% off %s", errorf("50% off %s"))
	assert.Equal(t, "trailing %", errorf("trailing %"))
}

func TestPanicText(t *testing.T) {
	var arr []int
	idx := 5
	var runtimeErr any
	func() {
		defer func() { runtimeErr = recover() }()
		_ = arr[idx]
	}()
	for _, v := range []any{"boom", errors.New("bad"), runtimeErr, 42, int64(-7), uint64(9), true, 1.5} {
		assert.Equal(t, fmt.Sprintf("%v", v), panicText(v))
	}
	assert.Equal(t, "unexpected panic", panicText(struct{}{}))
}
