package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRunDispatch(t *testing.T) {
	tests := []struct {
		args    []string
		wantErr string
		stdout  string
	}{
		{nil, "no command given", ""},
		{[]string{"bogus"}, `unknown command "bogus"`, ""},
		{[]string{"help"}, "", "usage: redisplay"},
		{[]string{"serve", "--dir", "no-such-dir"}, "has no index.html", ""},
		{[]string{"serve", "extra"}, `unexpected argument "extra"`, ""},
		{[]string{"serve", "--nope"}, "flag provided but not defined", ""},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(tc.args, &stdout, &stderr)
			if tc.wantErr == "" {
				require.NoError(t, err)
			} else {
				require.ErrorContains(t, err, tc.wantErr)
			}
			assert.Contains(t, stdout.String(), tc.stdout)
		})
	}
}

func TestServe(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "index.html"), []byte("hello"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.wasm"), []byte("\x00asm"), 0o644))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)

	ctx, cancel := context.WithCancel(context.Background())
	var out bytes.Buffer
	done := make(chan error, 1)
	go func() { done <- serve(ctx, ln, dir, &out) }()

	base := "http://" + ln.Addr().String() + "/"
	res, err := http.Get(base)
	require.NoError(t, err)
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	assert.Equal(t, "hello", string(body))

	res, err = http.Get(base + "a.wasm")
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, "application/wasm", res.Header.Get("Content-Type"))

	cancel()
	require.NoError(t, <-done)
	assert.Equal(t, "Serving redisplay at "+base+"\n", out.String())
}
