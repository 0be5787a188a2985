package site

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testDir builds a small site: app.wasm with both compressed copies,
// app.js with only gzip, style.css with none.
func testDir(t *testing.T) string {
	dir := t.TempDir()
	files := map[string]string{
		"index.html":   "<!doctype html>index",
		"app.wasm":     "raw-wasm",
		"app.wasm.br":  "br-wasm",
		"app.wasm.gz":  "gz-wasm",
		"app.js":       "raw-js",
		"app.js.gz":    "gz-js",
		"style.css":    "raw-css",
		"sub/x.json":   "{}",
		"lessons.json": "[]",
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
	}
	return dir
}

func TestHandler(t *testing.T) {
	h := Handler(testDir(t))
	tests := []struct {
		name, method, path, accept string
		status                     int
		body, ctype, encoding      string
		vary                       bool
	}{
		{"index at root", "GET", "/", "", 200, "<!doctype html>index", "text/html; charset=utf-8", "", false},
		{"index by name", "GET", "/index.html", "", 200, "<!doctype html>index", "text/html; charset=utf-8", "", false},
		{"wasm prefers brotli", "GET", "/app.wasm", "gzip, deflate, br", 200, "br-wasm", "application/wasm", "br", true},
		{"wasm gzip", "GET", "/app.wasm", "gzip", 200, "gz-wasm", "application/wasm", "gzip", true},
		{"wasm brotli refused", "GET", "/app.wasm", "br;q=0, gzip", 200, "gz-wasm", "application/wasm", "gzip", true},
		{"wasm wildcard", "GET", "/app.wasm", "*", 200, "br-wasm", "application/wasm", "br", true},
		{"wasm wildcard but not br", "GET", "/app.wasm", "*, br;q=0", 200, "gz-wasm", "application/wasm", "gzip", true},
		{"wasm identity", "GET", "/app.wasm", "", 200, "raw-wasm", "application/wasm", "", true},
		{"js only gzip exists", "GET", "/app.js", "br", 200, "raw-js", "text/javascript; charset=utf-8", "", true},
		{"js gzip", "GET", "/app.js?v=abc", "br, gzip", 200, "gz-js", "text/javascript; charset=utf-8", "gzip", true},
		{"css no variants", "GET", "/style.css", "gzip, br", 200, "raw-css", "text/css; charset=utf-8", "", false},
		{"json", "GET", "/lessons.json", "", 200, "[]", "application/json", "", false},
		{"nested", "GET", "/sub/x.json", "", 200, "{}", "application/json", "", false},
		{"head", "HEAD", "/app.wasm", "gzip", 200, "", "application/wasm", "gzip", true},
		{"compressed copy by name", "GET", "/app.wasm.gz", "gzip", 404, "", "", "", false},
		{"missing", "GET", "/nope.js", "", 404, "", "", "", false},
		{"directory", "GET", "/sub", "", 404, "", "", "", false},
		{"traversal", "GET", "/../../etc/passwd", "", 404, "", "", "", false},
		{"post", "POST", "/", "", 405, "", "", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, tc.path, nil)
			if tc.accept != "" {
				req.Header.Set("Accept-Encoding", tc.accept)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			res := rec.Result()
			body, _ := io.ReadAll(res.Body)
			require.Equal(t, tc.status, res.StatusCode)
			if tc.status != http.StatusOK {
				return
			}
			assert.Equal(t, tc.body, string(body))
			assert.Equal(t, tc.ctype, res.Header.Get("Content-Type"))
			assert.Equal(t, tc.encoding, res.Header.Get("Content-Encoding"))
			assert.Equal(t, tc.vary, res.Header.Get("Vary") == "Accept-Encoding")
			assert.Equal(t, "nosniff", res.Header.Get("X-Content-Type-Options"))
		})
	}
}

func TestHandlerCaching(t *testing.T) {
	h := Handler(testDir(t))
	get := func(path, accept, etag string) *http.Response {
		req := httptest.NewRequest("GET", path, nil)
		req.Header.Set("Accept-Encoding", accept)
		if etag != "" {
			req.Header.Set("If-None-Match", etag)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Result()
	}
	versioned := get("/app.wasm?v=123", "br", "")
	assert.Contains(t, versioned.Header.Get("Cache-Control"), "immutable")
	plain := get("/app.wasm", "br", "")
	assert.Equal(t, "no-cache", plain.Header.Get("Cache-Control"))

	// Each encoding has its own validator, and a matching one gets 304.
	br, gz := get("/app.wasm", "br", ""), get("/app.wasm", "gzip", "")
	require.NotEmpty(t, br.Header.Get("ETag"))
	assert.NotEqual(t, br.Header.Get("ETag"), gz.Header.Get("ETag"))
	assert.Equal(t, http.StatusNotModified, get("/app.wasm", "br", br.Header.Get("ETag")).StatusCode)
}

func TestAccepts(t *testing.T) {
	tests := []struct {
		header, coding string
		want           bool
	}{
		{"", "gzip", false},
		{"gzip", "gzip", true},
		{"GZIP", "gzip", true},
		{"deflate, gzip;q=1.0, *;q=0.5", "br", true},
		{"gzip;q=0", "gzip", false},
		{"gzip; q=0.000", "gzip", false},
		{"gzip;q=0.1", "gzip", true},
		{"identity", "br", false},
		{"*;q=0", "br", false},
		{"br , gzip", "gzip", true},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, accepts(tc.header, tc.coding), "%q accepts %s", tc.header, tc.coding)
	}
}
