//go:build !js

package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// goList runs `go list` with extra environment and returns its output lines.
func goList(t *testing.T, env []string, args ...string) []string {
	t.Helper()
	cmd := exec.Command("go", append([]string{"list"}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, "go list %v: %s", args, stderr.String())
	return strings.Fields(string(out))
}

var wasmEnv = []string{"GOOS=js", "GOARCH=wasm"}

// forbiddenInWasm are the packages that would make the browser download
// megabytes for nothing (see DESIGN.md, "Size and speed in the browser").
func forbiddenInWasm(pkg string) bool {
	return pkg == "net" || strings.HasPrefix(pkg, "net/") || pkg == "encoding/json"
}

func TestWasmDepsStayLean(t *testing.T) {
	deps := goList(t, wasmEnv, "-deps", "redisplay/wasm")
	require.Contains(t, deps, "redisplay/engine", "the wasm build must link the engine")
	for _, pkg := range deps {
		assert.False(t, forbiddenInWasm(pkg), "the wasm build depends on %s", pkg)
	}
}

// TestWasmDepsHaveNoFmtOrBig keeps out fmt (about 170 KB gzipped with
// the os and reflect code it drags in) and math/big (which imports fmt):
// the engine formats its errors and emulates long doubles without them.
func TestWasmDepsHaveNoFmtOrBig(t *testing.T) {
	deps := goList(t, wasmEnv, "-deps", "redisplay/wasm")
	require.Contains(t, deps, "redisplay/engine", "the wasm build must link the engine")
	assert.NotContains(t, deps, "fmt")
	assert.NotContains(t, deps, "math/big")
}

// TestOnlyWasmImportsSyscallJS checks direct imports: syscall/js reaches
// every js build through package syscall, so -deps would always list it.
func TestOnlyWasmImportsSyscallJS(t *testing.T) {
	for _, env := range [][]string{nil, wasmEnv} {
		lines := goList(t, env, "-e", "-f", `{{.ImportPath}}|{{join .Imports "|"}}`, "redisplay/...")
		require.NotEmpty(t, lines)
		for _, l := range lines {
			parts := strings.Split(l, "|")
			pkg, imports := parts[0], parts[1:]
			if pkg == "redisplay/wasm" {
				continue
			}
			assert.NotContains(t, imports, "syscall/js", "%s (env %v) imports syscall/js; only wasm/ may", pkg, env)
		}
	}
}

func TestEngineImportsNoNetwork(t *testing.T) {
	for _, env := range [][]string{nil, wasmEnv} {
		lines := goList(t, env, "-e", "-f", `{{.ImportPath}}|{{join .Imports "|"}}`, "redisplay/engine/...")
		require.NotEmpty(t, lines)
		for _, l := range lines {
			parts := strings.Split(l, "|")
			for _, imp := range parts[1:] {
				assert.False(t, imp == "syscall/js" || imp == "net" || strings.HasPrefix(imp, "net/"),
					"%s (env %v) imports %s", parts[0], env, imp)
			}
		}
	}
	// Transitively too, for the native build where net would otherwise hide
	// behind a helper package.
	for _, pkg := range goList(t, nil, "-deps", "redisplay/engine/...") {
		assert.False(t, pkg == "net" || pkg == "syscall/js", "engine/... depends on %s", pkg)
	}
}
