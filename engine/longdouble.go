package engine

import (
	"math"
	"math/bits"
	"strconv"
	"strings"
)

// Redis does INCRBYFLOAT and HINCRBYFLOAT in C's long double, which on the
// amd64 builds everyone runs is the x87 80-bit format: a 64-bit significand
// and a 15-bit exponent. Doing the same sums in float64 would print 0.1+0.2
// as "0.30000000000000004" where Redis prints "0.3", so the arithmetic here
// is emulated exactly and rounded the way the FPU rounds. It avoids
// math/big on purpose: that package (and fmt, which it pulls in) would add
// a few hundred kilobytes to the browser build for these two commands. The
// only big numbers needed are naturals for exact decimal conversion, which
// ldNat below provides.

// A long double here is mant × 2^exp. Normal numbers have the top bit of
// mant set; subnormals sit on the finest grid, 2^ldMinGrid, with that bit
// clear.
const (
	// ldMinGrid is the weight of the last significand bit of the smallest
	// numbers, the subnormals: 2^-16445 is the smallest positive value.
	ldMinGrid = -16445
	// ldMaxGrid is the largest weight of the last significand bit: every
	// finite value is below 2^(ldMaxGrid+64) = 2^16384.
	ldMaxGrid = 16320
	// ldMaxChars is Redis's MAX_LONG_DOUBLE_CHARS: longer input is refused.
	ldMaxChars = 5 * 1024
)

// LongDouble is a number held as an x87 80-bit long double, the type Redis
// uses for INCRBYFLOAT and HINCRBYFLOAT. The zero value is 0. NaN is never
// held: the operations that would make one report it instead.
type LongDouble struct {
	mant uint64 // 0 for zero
	exp  int32  // 0 for zero
	neg  bool
	inf  bool
}

// ParseLongDouble parses s as Redis's string2ld does with glibc's strtold:
// decimal or hexadecimal floats, "inf" and "infinity" in any case, an
// optional sign; no surrounding space, no NaN, nothing that overflows or
// underflows to zero.
func ParseLongDouble(s string) (LongDouble, bool) {
	if len(s) == 0 || len(s) >= ldMaxChars {
		return LongDouble{}, false
	}
	if strings.IndexByte(s, 0) >= 0 {
		// strtold would stop at the NUL, and Redis refuses a parse that
		// did not use every byte.
		return LongDouble{}, false
	}
	switch s[0] {
	case ' ', '\t', '\n', '\v', '\f', '\r':
		return LongDouble{}, false
	}
	neg := false
	body := s
	if body[0] == '+' || body[0] == '-' {
		neg = body[0] == '-'
		body = body[1:]
	}
	// ASCII only: the C locale knows no other letters.
	if ldEqualFoldASCII(body, "inf") || ldEqualFoldASCII(body, "infinity") {
		return LongDouble{neg: neg, inf: true}, true
	}
	var d LongDouble
	var ok, written0 bool
	if len(body) > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X') {
		d, written0, ok = ldParseHex(body[2:], neg)
	} else {
		d, written0, ok = ldParseDec(body, neg)
	}
	if !ok {
		return LongDouble{}, false
	}
	if d.inf || d.mant == 0 && !written0 {
		// strtold's ERANGE: overflow, or a nonzero number that rounds to
		// zero. A written zero is fine.
		return LongDouble{}, false
	}
	return d, true
}

// LongDoubleFromInt returns n as a long double; every int64 fits exactly.
func LongDoubleFromInt(n int64) LongDouble {
	if n == 0 {
		return LongDouble{}
	}
	u := uint64(n)
	if n < 0 {
		u = -u
	}
	sh := bits.LeadingZeros64(u)
	return LongDouble{mant: u << sh, exp: int32(-sh), neg: n < 0}
}

// IsInf reports whether d is an infinity.
func (d LongDouble) IsInf() bool { return d.inf }

// Add returns d+e rounded as the FPU rounds it. ok is false when the sum is
// NaN (infinities of opposite signs), which C would produce silently.
func (d LongDouble) Add(e LongDouble) (sum LongDouble, ok bool) {
	if d.inf || e.inf {
		if d.inf && e.inf && d.neg != e.neg {
			return LongDouble{}, false
		}
		if d.inf {
			return d, true
		}
		return e, true
	}
	if e.mant == 0 {
		if d.mant == 0 {
			// IEEE: the sum of two zeros is -0 only when both are.
			return LongDouble{neg: d.neg && e.neg}, true
		}
		return d, true
	}
	if d.mant == 0 {
		return e, true
	}
	a, b := d, e
	if a.exp < b.exp || a.exp == b.exp && a.mant < b.mant {
		a, b = b, a
	}
	// Now |a| >= |b|: a larger exponent means a is normal, and a normal
	// number exceeds anything on a finer grid. Both go into a 128-bit
	// fixed point whose unit is 2^(a.exp-64); what b loses below that
	// unit is kept as a sticky bit. With 64 spare bits under a's
	// significand, that is enough for one correct rounding even when a
	// subtraction cancels leading bits (it can only cancel many when
	// nothing was lost).
	gap := uint64(int64(a.exp) - int64(b.exp))
	var bhi, blo uint64
	sticky := false
	switch {
	case gap == 0:
		bhi = b.mant
	case gap < 64:
		bhi, blo = b.mant>>gap, b.mant<<(64-gap)
	case gap < 128:
		blo = b.mant >> (gap - 64)
		sticky = b.mant<<(128-gap) != 0
	default:
		sticky = true
	}
	base := int64(a.exp) - 64
	if a.neg == b.neg {
		hi, c := bits.Add64(a.mant, bhi, 0) // a's low half is zero
		n := ldNat{uint32(blo), uint32(blo >> 32), uint32(hi), uint32(hi >> 32), uint32(c)}
		return ldRound(a.neg, n.norm(), base, sticky), true
	}
	lo, br := bits.Sub64(0, blo, 0)
	hi, _ := bits.Sub64(a.mant, bhi, br)
	if sticky {
		// a - (b + δ) with 0 < δ < 1 unit is (a - b - 1) + (1 - δ).
		lo, br = bits.Sub64(lo, 1, 0)
		hi -= br
	}
	if hi == 0 && lo == 0 && !sticky {
		return LongDouble{}, true // x + -x is +0
	}
	n := ldNat{uint32(lo), uint32(lo >> 32), uint32(hi), uint32(hi >> 32)}
	return ldRound(a.neg, n.norm(), base, sticky), true
}

// HumanString formats d as Redis's ld2string does in its human mode:
// printf("%.17Lf") and then trailing zeros (and a bare ".") trimmed, with
// "-0" written "0". Infinities print as "inf" and "-inf".
func (d LongDouble) HumanString() string {
	if d.inf {
		if d.neg {
			return "-inf"
		}
		return "inf"
	}
	sign := ""
	if d.neg {
		sign = "-"
	}
	if d.mant == 0 {
		return "0"
	}
	if d.exp >= 0 {
		// An integer: no fraction digits survive the trimming.
		if bits.Len64(d.mant)+int(d.exp) <= 64 {
			return sign + strconv.FormatUint(d.mant<<d.exp, 10)
		}
		return sign + ldNatFrom64(d.mant).shl(uint(d.exp)).decimal()
	}
	k := int(-d.exp)
	var ip, f uint64
	if k < 64 {
		ip, f = d.mant>>k, d.mant&(1<<k-1)
	} else {
		f = d.mant
	}
	// The fraction is f/2^k; its 17 digits are f×10^17/2^k rounded to
	// nearest, ties to even, as glibc's printf rounds.
	hi, lo := bits.Mul64(f, 1e17)
	p := ldNat{uint32(lo), uint32(lo >> 32), uint32(hi), uint32(hi >> 32)}.norm()
	q := p.bits64(k)
	if p.bit(k-1) && (p.anyBelow(k-1) || q&1 == 1) {
		q++
	}
	if q == 1e17 {
		ip, q = ip+1, 0
	}
	s := sign + strconv.FormatUint(ip, 10)
	if q != 0 {
		digits := strconv.FormatUint(q, 10)
		s += "." + strings.Repeat("0", 17-len(digits)) + strings.TrimRight(digits, "0")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// Float64 returns d rounded to the nearest float64.
func (d LongDouble) Float64() float64 {
	if d.inf {
		if d.neg {
			return math.Inf(-1)
		}
		return math.Inf(1)
	}
	if d.mant == 0 {
		if d.neg {
			return math.Copysign(0, -1)
		}
		return 0
	}
	m, e := d.mant, int(d.exp)
	sh := bits.LeadingZeros64(m)
	m, e = m<<sh, e-sh // m×2^e with m in [2^63, 2^64)
	top := e + 63
	keep := 53
	if top < -1022 {
		keep -= -1022 - top // float64 subnormal
	}
	var f float64
	if keep >= 0 {
		s := uint(64 - keep)
		q := m >> s
		if m>>(s-1)&1 == 1 && (m&(1<<(s-1)-1) != 0 || q&1 == 1) {
			q++
		}
		// Exact: q has at most 54 bits and lands on float64's grid; an
		// overflow comes out as an infinity.
		f = math.Ldexp(float64(q), e+int(s))
	}
	if d.neg {
		f = -f
	}
	return f
}

// ldRound rounds the exact value n×2^s, plus a little more when sticky
// (strictly less than 2^s more), to the nearest long double, ties to even:
// gradual underflow to subnormals, overflow to infinity. n is not zero.
// A result that rounds to zero is a zero with the sign of n.
func ldRound(neg bool, n ldNat, s int64, sticky bool) LongDouble {
	top := int64(n.bitLen()) - 1 + s // n×2^s is in [2^top, 2^(top+1))
	if top > ldMaxGrid+63 {
		return LongDouble{neg: neg, inf: true}
	}
	g := max(top-63, ldMinGrid) // the weight of the result's last bit
	r := g - s
	var kept uint64
	if r <= 0 {
		// n fits with room to spare; sticky only ever comes with a
		// quotient of 66 bits or more, so it never lands here.
		kept = n.bits64(0) << -r
	} else {
		// r can be far beyond n's length for tiny values: the bit
		// helpers answer zero there.
		ri := int(min(r, 1<<30))
		kept = n.bits64(ri)
		if n.bit(ri-1) && (sticky || n.anyBelow(ri-1) || kept&1 == 1) {
			kept++
			if kept == 0 {
				kept, g = 1<<63, g+1
			}
		}
	}
	if kept == 0 {
		return LongDouble{neg: neg}
	}
	if g > ldMaxGrid {
		return LongDouble{neg: neg, inf: true}
	}
	return LongDouble{mant: kept, exp: int32(g), neg: neg}
}

// ldParseDec parses digits with an optional point and exponent, all of
// s, and rounds once; zero tells a written zero from one rounded to zero. Exponents far outside the long double range are
// answered without building huge numbers.
func ldParseDec(s string, neg bool) (d LongDouble, zero, ok bool) {
	mant, rest := ldScanDigits(s, ldIsDecDigit)
	if mant == "" || mant == "." {
		return LongDouble{}, false, false
	}
	exp := int64(0)
	if rest != "" {
		if rest[0] != 'e' && rest[0] != 'E' {
			return LongDouble{}, false, false
		}
		var ok bool
		if exp, ok = ldScanExponent(rest[1:]); !ok {
			return LongDouble{}, false, false
		}
	}
	intPart, frac, _ := strings.Cut(mant, ".")
	digits := strings.TrimLeft(intPart+frac, "0")
	exp -= int64(len(frac))
	if digits == "" {
		return LongDouble{neg: neg}, true, true
	}
	trimmed := strings.TrimRight(digits, "0")
	exp += int64(len(digits) - len(trimmed))
	digits = trimmed
	// The value is in [10^(mag-1), 10^mag).
	mag := exp + int64(len(digits))
	switch {
	case mag > 4940:
		return LongDouble{neg: neg, inf: true}, false, true
	case mag < -4960:
		// Far below half the smallest subnormal (about 1.8e-4951).
		return LongDouble{neg: neg}, false, true
	}
	n := ldNatFromDecimal(digits)
	if exp >= 0 {
		return ldRound(neg, n.mulPow10(int(exp)), 0, false), false, true
	}
	// n/10^m = n/5^m × 2^-m, and n/5^m is rarely exact in binary: scale
	// n up by 2^k so that the integer quotient has at least 66 bits, and
	// keep whether the division left a remainder. That rounds once to
	// the same result as the exact quotient would.
	m := int(-exp)
	pow5Bits := m*2322/1000 + 1 // at least the bit length of 5^m
	k := max(pow5Bits-n.bitLen()+66, 0)
	n = n.shl(uint(k))
	sticky := false
	for i := m; i > 0; i -= 13 {
		var rem uint32
		if i >= 13 {
			n, rem = n.div5pow13()
		} else {
			n, rem = n.divSmall(ldPow5[i])
		}
		sticky = sticky || rem != 0
	}
	return ldRound(neg, n, int64(-k-m), sticky), false, true
}

// ldParseHex parses hexadecimal digits with an optional point and a
// binary exponent ("p"), all of s, and rounds once.
func ldParseHex(s string, neg bool) (d LongDouble, zero, ok bool) {
	mant, rest := ldScanDigits(s, ldIsHexDigit)
	if mant == "" || mant == "." {
		return LongDouble{}, false, false
	}
	exp := int64(0)
	if rest != "" {
		if rest[0] != 'p' && rest[0] != 'P' {
			return LongDouble{}, false, false
		}
		var ok bool
		if exp, ok = ldScanExponent(rest[1:]); !ok {
			return LongDouble{}, false, false
		}
	}
	intPart, frac, _ := strings.Cut(mant, ".")
	digits := strings.TrimLeft(intPart+frac, "0")
	exp -= 4 * int64(len(frac))
	if digits == "" {
		return LongDouble{neg: neg}, true, true
	}
	mag := exp + 4*int64(len(digits))
	switch {
	case mag > ldMaxGrid+64+8:
		return LongDouble{neg: neg, inf: true}, false, true
	case mag < ldMinGrid-8:
		return LongDouble{neg: neg}, false, true
	}
	return ldRound(neg, ldNatFromHex(digits), exp, false), false, true
}

// ldScanDigits returns the longest prefix of s made of digits and at most one
// point, and what follows.
func ldScanDigits(s string, digit func(byte) bool) (mant, rest string) {
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

// ldScanExponent parses an optionally signed decimal exponent that must use
// all of s; huge exponents saturate, as strtold's do.
func ldScanExponent(s string) (int64, bool) {
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
		if !ldIsDecDigit(s[i]) {
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

func ldIsDecDigit(c byte) bool { return '0' <= c && c <= '9' }

func ldIsHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// ldEqualFoldASCII reports whether s equals the lower-case ASCII word w
// ignoring ASCII case only.
func ldEqualFoldASCII(s, w string) bool {
	if len(s) != len(w) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != w[i] {
			return false
		}
	}
	return true
}

// ldPow10 holds 10^0 to 10^9, the powers that fit a limb.
var ldPow10 = [10]uint32{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9}

// ldPow5 holds 5^0 to 5^12.
var ldPow5 = [13]uint32{1, 5, 25, 125, 625, 3125, 15625, 78125, 390625, 1953125, 9765625, 48828125, 244140625}

// ldNat is a natural number in 32-bit limbs, least significant first,
// with no zero limbs on top; zero is empty. It has just the operations
// exact decimal conversion needs, and the ones that take a receiver may
// reuse its storage.
type ldNat []uint32

func ldNatFrom64(v uint64) ldNat {
	return ldNat{uint32(v), uint32(v >> 32)}.norm()
}

// ldNatFromDecimal converts a string of decimal digits, nine at a time.
func ldNatFromDecimal(digits string) ldNat {
	var n ldNat
	for len(digits) > 0 {
		c := len(digits) % 9
		if c == 0 {
			c = 9
		}
		var v uint32
		for i := 0; i < c; i++ {
			v = v*10 + uint32(digits[i]-'0')
		}
		n = n.mulAdd(ldPow10[c], v)
		digits = digits[c:]
	}
	return n
}

// ldNatFromHex converts a string of hexadecimal digits, eight to a limb.
func ldNatFromHex(digits string) ldNat {
	n := make(ldNat, 0, len(digits)/8+1)
	for end := len(digits); end > 0; end -= 8 {
		var v uint32
		for i := max(end-8, 0); i < end; i++ {
			c := digits[i]
			switch {
			case c <= '9':
				c -= '0'
			case c >= 'a':
				c -= 'a' - 10
			default:
				c -= 'A' - 10
			}
			v = v<<4 | uint32(c)
		}
		n = append(n, v)
	}
	return n.norm()
}

func (z ldNat) norm() ldNat {
	for len(z) > 0 && z[len(z)-1] == 0 {
		z = z[:len(z)-1]
	}
	return z
}

// mulAdd returns z×m + a.
func (z ldNat) mulAdd(m, a uint32) ldNat {
	carry := uint64(a)
	for i, w := range z {
		t := uint64(w)*uint64(m) + carry
		z[i], carry = uint32(t), t>>32
	}
	if carry != 0 {
		z = append(z, uint32(carry))
	}
	return z
}

// mulPow10 returns z×10^e.
func (z ldNat) mulPow10(e int) ldNat {
	for ; e > 0; e -= 9 {
		z = z.mulAdd(ldPow10[min(e, 9)], 0)
	}
	return z
}

// divSmall returns z/d and the remainder.
func (z ldNat) divSmall(d uint32) (ldNat, uint32) {
	var r uint64
	for i := len(z) - 1; i >= 0; i-- {
		t := r<<32 | uint64(z[i])
		z[i], r = uint32(t/uint64(d)), t%uint64(d)
	}
	return z.norm(), uint32(r)
}

// div1e9 and div5pow13 are divSmall by the divisors printing and parsing
// use over and over, written with constants so that the compiler divides
// by multiplying: several times faster on long numbers.
func (z ldNat) div1e9() (ldNat, uint32) {
	var r uint64
	for i := len(z) - 1; i >= 0; i-- {
		t := r<<32 | uint64(z[i])
		q := t / 1e9
		z[i], r = uint32(q), t-q*1e9
	}
	return z.norm(), uint32(r)
}

func (z ldNat) div5pow13() (ldNat, uint32) {
	const d = 1220703125 // 5^13, the largest power of 5 in a limb
	var r uint64
	for i := len(z) - 1; i >= 0; i-- {
		t := r<<32 | uint64(z[i])
		q := t / d
		z[i], r = uint32(q), t-q*d
	}
	return z.norm(), uint32(r)
}

// shl returns z×2^k in new storage.
func (z ldNat) shl(k uint) ldNat {
	words, b := int(k/32), k%32
	out := make(ldNat, len(z)+words+1)
	for i, w := range z {
		v := uint64(w) << b
		out[i+words] |= uint32(v)
		out[i+words+1] |= uint32(v >> 32)
	}
	return out.norm()
}

func (z ldNat) bitLen() int {
	if len(z) == 0 {
		return 0
	}
	return (len(z)-1)*32 + bits.Len32(z[len(z)-1])
}

// bit reports bit i; bits beyond z's length are zero.
func (z ldNat) bit(i int) bool {
	if i < 0 || i/32 >= len(z) {
		return false
	}
	return z[i/32]>>(i%32)&1 == 1
}

// bits64 returns bits i to i+63 of z.
func (z ldNat) bits64(i int) uint64 {
	var v uint64
	for j := 0; j < 64; j++ {
		if z.bit(i + j) {
			v |= 1 << j
		}
	}
	return v
}

// anyBelow reports whether any of bits 0 to i-1 is set.
func (z ldNat) anyBelow(i int) bool {
	if i <= 0 {
		return false
	}
	w := i / 32
	for j := 0; j < w && j < len(z); j++ {
		if z[j] != 0 {
			return true
		}
	}
	return w < len(z) && z[w]&(1<<(i%32)-1) != 0
}

// decimal returns z in decimal, consuming z.
func (z ldNat) decimal() string {
	if len(z) == 0 {
		return "0"
	}
	var groups []uint32 // nine digits each, least significant first
	for len(z) > 0 {
		var g uint32
		z, g = z.div1e9()
		groups = append(groups, g)
	}
	var b strings.Builder
	b.WriteString(strconv.FormatUint(uint64(groups[len(groups)-1]), 10))
	for i := len(groups) - 2; i >= 0; i-- {
		s := strconv.FormatUint(uint64(groups[i]), 10)
		b.WriteString(strings.Repeat("0", 9-len(s)))
		b.WriteString(s)
	}
	return b.String()
}
