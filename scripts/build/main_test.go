package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
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

// fakeBuild writes a small output tree as the steps before the service
// worker would leave it.
func fakeBuild(t *testing.T) *builder {
	t.Helper()
	root, err := moduleRoot()
	require.NoError(t, err)
	b := &builder{root: root, out: t.TempDir(), versions: map[string]string{}}
	for _, name := range []string{"index.html", "app.js", "app.css", "wasm_exec.js", "redisplay.wasm", "lessons.json", "embed.js", "icons/icon.svg"} {
		require.NoError(t, b.write(name, []byte("content of "+name)))
	}
	require.NoError(t, os.WriteFile(filepath.Join(b.out, "redisplay.wasm.gz"), []byte("gz"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(b.out, "app.js.br"), []byte("br"), 0o644))
	return b
}

func TestPrecacheListsTheSiteAsThePageAsksForIt(t *testing.T) {
	b := fakeBuild(t)
	require.NoError(t, b.write("sw.js", []byte("an older worker")))
	urls, err := b.precache()
	require.NoError(t, err)
	assert.Equal(t, []string{
		"app.css?v=" + b.versions["app.css"],
		"app.js?v=" + b.versions["app.js"],
		"embed.js",
		"icons/icon.svg",
		"./",
		"lessons.json",
		"redisplay.wasm?v=" + b.versions["redisplay.wasm"],
		"wasm_exec.js?v=" + b.versions["wasm_exec.js"],
	}, urls, "no compressed copies, no sw.js, index.html as ./, hashed files by hash")
}

func TestBuildHashFollowsEveryFile(t *testing.T) {
	b := fakeBuild(t)
	urls, err := b.precache()
	require.NoError(t, err)
	first, err := b.buildHash(urls)
	require.NoError(t, err)
	assert.Regexp(t, `^[0-9a-f]{12}$`, first)

	require.NoError(t, b.write("lessons.json", []byte("content of lessons.json")))
	same, err := b.buildHash(urls)
	require.NoError(t, err)
	assert.Equal(t, first, same, "the same content gives the same build")

	require.NoError(t, b.write("lessons.json", []byte("new lessons")))
	changed, err := b.buildHash(urls)
	require.NoError(t, err)
	assert.NotEqual(t, first, changed, "a changed file must give a new cache name")

	_, err = b.buildHash(append(urls, "missing.txt"))
	assert.ErrorContains(t, err, "no hash for missing.txt")
}

func TestServiceWorkerCarriesBuildAndList(t *testing.T) {
	b := fakeBuild(t)
	require.NoError(t, b.serviceWorker())
	sw, err := os.ReadFile(filepath.Join(b.out, "sw.js"))
	require.NoError(t, err)
	require.Len(t, b.build, 12)
	assert.Contains(t, string(sw), `"`+b.build+`"`)
	assert.Contains(t, string(sw), `"redisplay.wasm?v=`+b.versions["redisplay.wasm"]+`"`)
	assert.Contains(t, string(sw), `"./"`)
	assert.NotContains(t, string(sw), "__PRECACHE__", "the build must fill in the list")
}

func TestEmbedBundleNamesTheEngineByHash(t *testing.T) {
	b := fakeBuild(t)
	goroot, err := goCmd(b.root, nil, "env", "GOROOT").Output()
	require.NoError(t, err)
	b.wasmExecSrc = filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js")
	require.NoError(t, b.embed())
	js, err := os.ReadFile(filepath.Join(b.out, "embed.js"))
	require.NoError(t, err)
	assert.Contains(t, string(js), `redisplay.wasm?v=`+b.versions["redisplay.wasm"])
	assert.Contains(t, string(js), `"redis-playground"`)
	assert.Contains(t, string(js), "globalThis.Go", "wasm_exec.js is bundled in")
	assert.Contains(t, string(js), ".term-screen", "the widget's stylesheet is bundled as text")
	assert.NotContains(t, string(js), "__REDISPLAY_WASM__")
}
