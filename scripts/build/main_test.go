package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestIndexLinksAssetsByHash(t *testing.T) {
	root := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(root, "site"), 0o755))
	page := `<link rel="preload" href="redisplay.wasm"><link href="app.css"><script src="wasm_exec.js"></script><script src="app.js"></script>`
	require.NoError(t, os.WriteFile(filepath.Join(root, "site", "index.html"), []byte(page), 0o644))
	b := &builder{root: root, out: t.TempDir(), versions: map[string]string{}}
	for _, name := range []string{"app.css", "app.js", "wasm_exec.js", "redisplay.wasm"} {
		require.NoError(t, b.write(name, []byte("content of "+name)))
	}
	require.NoError(t, b.index())
	got, err := os.ReadFile(filepath.Join(b.out, "index.html"))
	require.NoError(t, err)
	want := `<link rel="preload" href="redisplay.wasm?v=` + b.versions["redisplay.wasm"] + `">` +
		`<link href="app.css?v=` + b.versions["app.css"] + `">` +
		`<script src="wasm_exec.js?v=` + b.versions["wasm_exec.js"] + `"></script>` +
		`<script src="app.js?v=` + b.versions["app.js"] + `"></script>`
	assert.Equal(t, want, string(got))
	assert.Len(t, b.versions["app.js"], 10)
	assert.NotEqual(t, b.versions["app.js"], b.versions["app.css"])

	// A page that forgets an asset is a build error, not a broken site.
	require.NoError(t, os.WriteFile(filepath.Join(root, "site", "index.html"), []byte(`<script src="app.js"></script>`), 0o644))
	assert.ErrorContains(t, b.index(), "does not link")
}

func TestCompressWritesGzipCopies(t *testing.T) {
	b := &builder{out: t.TempDir(), versions: map[string]string{}}
	data := bytes.Repeat([]byte("redisplay "), 1000)
	require.NoError(t, b.write("x.wasm", data))
	require.NoError(t, b.write("x.png", data))
	require.NoError(t, b.compress())

	f, err := os.Open(filepath.Join(b.out, "x.wasm.gz"))
	require.NoError(t, err)
	defer f.Close()
	r, err := gzip.NewReader(f)
	require.NoError(t, err)
	got, err := io.ReadAll(r)
	require.NoError(t, err)
	assert.Equal(t, data, got)
	assert.NoFileExists(t, filepath.Join(b.out, "x.png.gz"), "only compressible types get copies")
}
