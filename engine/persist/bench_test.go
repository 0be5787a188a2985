package persist

import (
	"strconv"
	"testing"

	"github.com/hack-pad/hackpadfs"
	hpos "github.com/hack-pad/hackpadfs/os"
	"github.com/stretchr/testify/require"

	"redisplay/engine"
)

// BenchmarkPersistedCommand measures what logging adds to a write: each
// op is one SET run through the engine and journaled, with a Flush (one
// file write and sync) every 10^4 commands, as a burst between two
// once-a-second flushes would be. "none" is the same without a store.
func BenchmarkPersistedCommand(b *testing.B) {
	osDir := func(b *testing.B) hackpadfs.FS {
		fs, err := hpos.NewFS().Sub(b.TempDir()[1:])
		require.NoError(b, err)
		return fs
	}
	for _, bc := range []struct {
		name string
		fs   func(b *testing.B) hackpadfs.FS
	}{
		{"none", nil},
		{"mem", func(b *testing.B) hackpadfs.FS { return memFS(b) }},
		{"os", osDir},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var s *Store
			e := engine.New(engine.Options{})
			if bc.fs != nil {
				var err error
				s, err = Open(bc.fs(b), Options{AppendOnly: true})
				require.NoError(b, err)
				e = s.Engine()
			}
			c := e.NewClient(nil)
			args := []string{"SET", "", "value-of-some-length"}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				args[1] = "key:" + strconv.Itoa(i%1000)
				e.Exec(c, args)
				if s != nil && i%10_000 == 9_999 {
					require.NoError(b, s.Flush())
				}
			}
			if s != nil {
				require.NoError(b, s.Flush())
			}
		})
	}
}
