package resp

import (
	"bufio"
	"bytes"
	"io"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/require"
)

// FuzzReadRequest checks that no input makes the request reader panic and
// that the reader's result does not depend on how the input is split into
// reads: a request arriving one byte at a time parses as when it arrives
// whole.
func FuzzReadRequest(f *testing.F) {
	for _, s := range []string{
		"*2\r\n$3\r\nGET\r\n$1\r\nk\r\n",
		"*1\r\n$4\r\nPING\r\n*3\r\n$3\r\nSET\r\n$1\r\na\r\n$0\r\n\r\n",
		"SET \"a b\" 'c' \\x41\r\n",
		"PING\r\n\r\n*0\r\n",
		"*1\r\n$-1\r\n",
		"*1\r\n+x\r\n",
		"ECHO \"\\x4Z\\n\"\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		whole, errWhole := readAll(bytes.NewReader(data))
		bytewise, errBytewise := readAll(iotest.OneByteReader(bytes.NewReader(data)))
		require.Equal(t, whole, bytewise)
		require.Equal(t, IsProtocolError(errWhole), IsProtocolError(errBytewise))
		if IsProtocolError(errWhole) {
			require.Equal(t, errWhole.Error(), errBytewise.Error())
		}
		for _, args := range whole {
			require.NotEmpty(t, args)
		}
	})
}

// FuzzReadValue checks that no reply makes ReadValue panic and that what it
// decodes survives AppendValue and ReadValue again unchanged, in both
// protocol versions.
func FuzzReadValue(f *testing.F) {
	for _, s := range []string{
		"+OK\r\n", "-ERR x\r\n", ":-5\r\n", "$3\r\nabc\r\n", "$-1\r\n", "*-1\r\n", "_\r\n",
		"*2\r\n:1\r\n*1\r\n$0\r\n\r\n", "%1\r\n+a\r\n#t\r\n", "~2\r\n,1.5\r\n,inf\r\n",
		">2\r\n$7\r\nmessage\r\n,nan\r\n", "=7\r\ntxt:a\nb\r\n", "!3\r\nE x\r\n", "(-12\r\n",
		"|1\r\n+k\r\n+v\r\n#f\r\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := ReadValue(bufio.NewReader(bytes.NewReader(data)))
		if err != nil {
			return
		}
		for _, proto := range []int{2, 3} {
			enc := AppendValue(nil, v, proto)
			br := bufio.NewReader(bytes.NewReader(enc))
			back, err := ReadValue(br)
			require.NoError(t, err, "%q", enc)
			require.Equal(t, string(enc), string(AppendValue(nil, back, proto)))
			_, err = br.ReadByte() // the reply was consumed exactly
			require.ErrorIs(t, err, io.EOF)
		}
	})
}
