// Package site holds the browser front end's sources (index.html, style.css,
// src/*.ts, bundled by scripts/build) and the HTTP handler that serves the
// built result, shared by `redisplay serve` and the e2e tests.
package site

import (
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"
)

// types pins the MIME types that matter: browsers refuse to stream-compile
// wasm sent as anything but application/wasm, and some systems' mime tables
// are incomplete.
var types = map[string]string{
	".html":        "text/html; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".json":        "application/json",
	".wasm":        "application/wasm",
	".svg":         "image/svg+xml",
	".webmanifest": "application/manifest+json",
	".txt":         "text/plain; charset=utf-8",
	".png":         "image/png",
	".ico":         "image/x-icon",
}

func contentType(name string) string {
	ext := path.Ext(name)
	if t, ok := types[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// encodings are the precompressed variants scripts/build writes, best first.
var encodings = []struct{ name, suffix string }{{"br", ".br"}, {"gzip", ".gz"}}

// Handler serves the built site in dir. A request for name is answered with
// name.br or name.gz when the client accepts that encoding and the file
// exists, with Content-Encoding and Vary set; files linked with a ?v=hash
// query may be cached forever, everything else is revalidated.
func Handler(dir string) http.Handler {
	return &handler{fsys: os.DirFS(dir)}
}

type handler struct{ fsys fs.FS }

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" || strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	// The compressed copies are served only through negotiation, never by
	// their own names, so a client can't receive bytes it did not ask for.
	if path.Ext(name) == ".br" || path.Ext(name) == ".gz" || !fs.ValidPath(name) {
		http.NotFound(w, r)
		return
	}
	st, err := fs.Stat(h.fsys, name)
	if err != nil || st.IsDir() {
		http.NotFound(w, r)
		return
	}

	hdr := w.Header()
	hdr.Set("Content-Type", contentType(name))
	hdr.Set("X-Content-Type-Options", "nosniff")
	if r.URL.Query().Has("v") {
		hdr.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		hdr.Set("Cache-Control", "no-cache")
	}

	serve, encoding := name, ""
	for _, enc := range encodings {
		if _, err := fs.Stat(h.fsys, name+enc.suffix); err != nil {
			continue
		}
		// Any variant existing means the answer depends on Accept-Encoding.
		hdr.Set("Vary", "Accept-Encoding")
		if encoding == "" && accepts(r.Header.Get("Accept-Encoding"), enc.name) {
			serve, encoding = name+enc.suffix, enc.name
		}
	}
	f, err := h.fsys.Open(serve)
	if err != nil {
		http.Error(w, "cannot open file", http.StatusInternalServerError)
		return
	}
	defer f.Close()
	fst, err := f.Stat()
	if err != nil {
		http.Error(w, "cannot stat file", http.StatusInternalServerError)
		return
	}
	if encoding != "" {
		hdr.Set("Content-Encoding", encoding)
	}
	// ServeContent adds Last-Modified, conditional requests and ranges;
	// the ETag keeps each encoding's validator distinct.
	hdr.Set("ETag", strconv.Quote(strconv.FormatInt(fst.ModTime().UnixNano(), 36)+"-"+strconv.FormatInt(fst.Size(), 36)+encodingTag(encoding)))
	rs, ok := f.(io.ReadSeeker)
	if !ok {
		http.Error(w, "file is not seekable", http.StatusInternalServerError)
		return
	}
	http.ServeContent(w, r, name, fst.ModTime(), rs)
}

func encodingTag(encoding string) string {
	if encoding == "" {
		return ""
	}
	return "-" + encoding
}

// accepts reports whether an Accept-Encoding header value allows coding,
// honouring q=0 (refused) and the "*" wildcard.
func accepts(header, coding string) bool {
	star := false
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		name = strings.ToLower(strings.TrimSpace(name))
		refused := false
		for _, p := range strings.Split(params, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				if q, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil && q == 0 {
					refused = true
				}
			}
		}
		switch name {
		case coding:
			return !refused
		case "*":
			star = !refused
		}
	}
	return star
}
