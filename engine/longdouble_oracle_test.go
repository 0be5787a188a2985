package engine

import (
	"math/big"
	"strings"
)

// This is the first implementation of LongDouble, built on math/big, kept
// as an oracle for the differential tests in longdouble_test.go: the
// engine's version avoids math/big to keep the browser build small, and
// must agree with this one bit for bit. It was checked against Redis
// 7.0.15 (see TestLongDouble in strings_test.go and the compat
// transcripts). It lowers its input with strings.ToLower, so it also takes
// a few non-ASCII spellings such as "\u0130nf" for "inf"; the tests keep
// such input away from it.

// The x87 extended format in math/big's terms (value = mant × 2^exp with
// 0.5 ≤ mant < 1): normal numbers have exp in [oracleMinExp, oracleMaxExp] and the
// smallest subnormal is 2^(oracleMinExp-64).
const (
	oraclePrec   = 64
	oracleMinExp = -16381
	oracleMaxExp = 16384
	// oracleMaxChars is Redis's MAX_LONG_DOUBLE_CHARS: longer input is refused.
	oracleMaxChars = 5 * 1024
)

// oracleLD is the math/big LongDouble: nil means +0.
type oracleLD struct {
	f *big.Float
}

// oracleParseLD parses s as Redis's string2ld does with glibc's strtold:
// decimal or hexadecimal floats, "inf" and "infinity" in any case, an
// optional sign; no surrounding space, no NaN, nothing that overflows or
// underflows to zero.
func oracleParseLD(s string) (oracleLD, bool) {
	if len(s) == 0 || len(s) >= oracleMaxChars {
		return oracleLD{}, false
	}
	if strings.IndexByte(s, 0) >= 0 {
		// strtold would stop at the NUL, and Redis refuses a parse that
		// did not use every byte.
		return oracleLD{}, false
	}
	switch s[0] {
	case ' ', '\t', '\n', '\v', '\f', '\r':
		return oracleLD{}, false
	}
	neg := false
	body := s
	if body[0] == '+' || body[0] == '-' {
		neg = body[0] == '-'
		body = body[1:]
	}
	lower := strings.ToLower(body)
	if lower == "inf" || lower == "infinity" {
		return oracleLD{f: new(big.Float).SetInf(neg)}, true
	}
	var exact *big.Float
	var ok bool
	if len(lower) > 2 && lower[0] == '0' && lower[1] == 'x' {
		exact, ok = oracleParseHex(lower[2:])
	} else {
		exact, ok = oracleParseDec(lower)
	}
	if !ok {
		return oracleLD{}, false
	}
	if exact.Sign() == 0 {
		// A written zero is fine; only a nonzero number that rounds to
		// zero is an error (ERANGE).
		z := new(big.Float).SetPrec(oraclePrec)
		if neg {
			z.Neg(z)
		}
		return oracleLD{f: z}, true
	}
	if neg {
		exact.Neg(exact)
	}
	r := oracleRound(exact)
	if r.IsInf() || r.Sign() == 0 {
		return oracleLD{}, false
	}
	return oracleLD{f: r}, true
}

// oracleLDFromInt returns n as a long double; every int64 fits exactly.
func oracleLDFromInt(n int64) oracleLD {
	return oracleLD{f: new(big.Float).SetPrec(oraclePrec).SetInt64(n)}
}

// IsInf reports whether d is an infinity.
func (d oracleLD) IsInf() bool { return d.f != nil && d.f.IsInf() }

// Add returns d+e rounded as the FPU rounds it. ok is false when the sum is
// NaN (infinities of opposite signs), which C would produce silently.
func (d oracleLD) Add(e oracleLD) (sum oracleLD, ok bool) {
	a, b := d.big(), e.big()
	if a.IsInf() && b.IsInf() && a.Signbit() != b.Signbit() {
		return oracleLD{}, false
	}
	if a.IsInf() || b.IsInf() {
		return oracleLD{f: new(big.Float).SetInf(a.Signbit() && a.IsInf() || b.Signbit() && b.IsInf())}, true
	}
	// MaxPrec keeps the sum exact (it needs at most the exponent gap plus
	// 64 bits), so rounding it once below is the same as the FPU's one
	// correctly rounded addition.
	exact := new(big.Float).SetPrec(big.MaxPrec).Add(a, b)
	return oracleLD{f: oracleRound(exact)}, true
}

func (d oracleLD) big() *big.Float {
	if d.f == nil {
		return new(big.Float).SetPrec(oraclePrec)
	}
	return d.f
}

// HumanString formats d as Redis's ld2string does in its human mode:
// printf("%.17Lf") and then trailing zeros (and a bare ".") trimmed, with
// "-0" written "0". Infinities print as "inf" and "-inf".
func (d oracleLD) HumanString() string {
	f := d.big()
	if f.IsInf() {
		if f.Signbit() {
			return "-inf"
		}
		return "inf"
	}
	s := f.Text('f', 17)
	if strings.IndexByte(s, '.') >= 0 {
		s = strings.TrimRight(s, "0")
		s = strings.TrimSuffix(s, ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// Float64 returns d rounded to the nearest float64.
func (d oracleLD) Float64() float64 {
	f, _ := d.big().Float64()
	return f
}

// oracleRound rounds an exact nonzero finite value to the x87 format, to
// nearest with ties to even, including gradual underflow to subnormals and
// overflow to infinity.
func oracleRound(exact *big.Float) *big.Float {
	if exact.Sign() == 0 {
		return new(big.Float).SetPrec(oraclePrec).Set(exact)
	}
	r := new(big.Float).SetPrec(oraclePrec).SetMode(big.ToNearestEven).Set(exact)
	if e := r.MantExp(nil); e > oracleMaxExp {
		return new(big.Float).SetInf(exact.Signbit())
	} else if e >= oracleMinExp {
		return r
	}
	// Subnormal: the grid is fixed at 2^(oracleMinExp-64), so fewer bits of
	// precision remain the smaller the number is.
	e := exact.MantExp(nil)
	prec := e - (oracleMinExp - oraclePrec)
	if prec > 0 {
		return new(big.Float).SetPrec(uint(prec)).SetMode(big.ToNearestEven).Set(exact)
	}
	// Below the smallest subnormal: round to it or to zero.
	tiny := new(big.Float).SetMantExp(big.NewFloat(0.5), oracleMinExp-oraclePrec+1) // 2^(oracleMinExp-64)
	half := new(big.Float).SetMantExp(big.NewFloat(0.5), oracleMinExp-oraclePrec)
	abs := new(big.Float).Abs(exact)
	out := new(big.Float).SetPrec(oraclePrec)
	if abs.Cmp(half) > 0 {
		out.Set(tiny)
	}
	if exact.Signbit() {
		out.Neg(out)
	}
	return out
}

// oracleParseDec parses digits with an optional point and exponent, all of
// s, exactly. Exponents far outside the long double range are answered
// without building huge numbers.
func oracleParseDec(s string) (*big.Float, bool) {
	mant, rest := oracleScanDigits(s, oracleIsDecDigit)
	if mant == "" || mant == "." {
		return nil, false
	}
	exp := int64(0)
	if rest != "" {
		if rest[0] != 'e' {
			return nil, false
		}
		var ok bool
		if exp, ok = oracleScanExponent(rest[1:]); !ok {
			return nil, false
		}
	}
	intPart, frac, _ := strings.Cut(mant, ".")
	digits := strings.TrimLeft(intPart+frac, "0")
	exp -= int64(len(frac))
	if digits == "" {
		return new(big.Float), true
	}
	// The value is in [10^(mag-1), 10^mag).
	mag := exp + int64(len(digits))
	switch {
	case mag > 4940:
		return new(big.Float).SetInf(false), true
	case mag < -4960:
		// Far below half the smallest subnormal (about 1.8e-4951).
		return new(big.Float).SetMantExp(big.NewFloat(0.5), oracleMinExp-oraclePrec-100), true
	}
	n, _ := new(big.Int).SetString(digits, 10)
	p := new(big.Int).Exp(big.NewInt(10), big.NewInt(oracleAbs64(exp)), nil)
	num := new(big.Float).SetInt(n)
	if exp >= 0 {
		pf := new(big.Float).SetInt(p)
		return new(big.Float).SetPrec(big.MaxPrec).Mul(num, pf), true
	}
	// A quotient by a power of ten is rarely exact in binary, so it is
	// computed to a few more bits plus a sticky bit, which round once to
	// the same result as the exact quotient would.
	return oracleQuo(n, p), true
}

// oracleQuo returns n/d to at least 66 bits with a sticky last bit set
// when the division was inexact, so that rounding it to 64 bits or fewer
// (oracleRound) gives the same result as rounding the exact quotient.
func oracleQuo(n, d *big.Int) *big.Float {
	// Scale so that q = n*2^k / d has at least 66 significant bits.
	k := d.BitLen() - n.BitLen() + oraclePrec + 2
	num := new(big.Int).Set(n)
	den := new(big.Int).Set(d)
	if k >= 0 {
		num.Lsh(num, uint(k))
	} else {
		den.Lsh(den, uint(-k))
	}
	q, r := new(big.Int).QuoRem(num, den, new(big.Int))
	// Fold the remainder into a sticky bit below the kept bits so that a
	// round to nearest of q' = 2q+sticky, scaled, is the correct rounding.
	q.Lsh(q, 1)
	if r.Sign() != 0 {
		q.SetBit(q, 0, 1)
	}
	f := new(big.Float).SetInt(q) // exact: prec = bit length
	f.SetMantExp(f, -k-1)
	return f
}

func oracleAbs64(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// oracleParseHex parses hexadecimal digits with an optional point and a
// binary exponent ("p"), all of s, exactly.
func oracleParseHex(s string) (*big.Float, bool) {
	mant, rest := oracleScanDigits(s, oracleIsHexDigit)
	if mant == "" || mant == "." {
		return nil, false
	}
	exp := int64(0)
	if rest != "" {
		if rest[0] != 'p' {
			return nil, false
		}
		var ok bool
		if exp, ok = oracleScanExponent(rest[1:]); !ok {
			return nil, false
		}
	}
	intPart, frac, _ := strings.Cut(mant, ".")
	digits := strings.TrimLeft(intPart+frac, "0")
	exp -= 4 * int64(len(frac))
	if digits == "" {
		return new(big.Float), true
	}
	mag := exp + 4*int64(len(digits))
	switch {
	case mag > oracleMaxExp+8:
		return new(big.Float).SetInf(false), true
	case mag < oracleMinExp-oraclePrec-8:
		return new(big.Float).SetMantExp(big.NewFloat(0.5), oracleMinExp-oraclePrec-100), true
	}
	n, _ := new(big.Int).SetString(digits, 16)
	f := new(big.Float).SetInt(n)
	return f.SetMantExp(f, int(exp)), true
}

// oracleScanDigits returns the longest prefix of s made of digits and at most one
// point, and what follows.
func oracleScanDigits(s string, digit func(byte) bool) (mant, rest string) {
	dot := false
	i := 0
	for ; i < len(s); i++ {
		if s[i] == '.' && !dot {
			dot = true
			continue
		}
		if !digit(s[i]) {
			break
		}
	}
	return s[:i], s[i:]
}

// oracleScanExponent parses an optionally signed decimal exponent that must use
// all of s; huge exponents saturate, as strtold's do.
func oracleScanExponent(s string) (int64, bool) {
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if s == "" {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		if !oracleIsDecDigit(s[i]) {
			return 0, false
		}
		if n < 1<<40 {
			n = n*10 + int64(s[i]-'0')
		}
	}
	if neg {
		n = -n
	}
	return n, true
}

func oracleIsDecDigit(c byte) bool { return '0' <= c && c <= '9' }

func oracleIsHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f'
}
