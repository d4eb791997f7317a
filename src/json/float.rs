//! Finite `f64` to text, the way each runtime prints a double.
//!
//! All six runtimes print the shortest digit string that reads back to the same double
//! (Rust's `{:e}` gives exactly those digits); they differ only in where they switch to
//! exponent notation and how they spell it. Java (JDK 17's `Double.toString`, which
//! Jackson uses) is the exception: for a few rare doubles it prints one digit more than
//! needed, which this module does not imitate (see the README's profile table).

use core::fmt::Write;

/// How a runtime lays out a double.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FloatStyle {
    /// ECMAScript `Number::toString`: `1e+21`, `1e-7`, whole numbers without `.0`.
    Js,
    /// Python `repr`: `1e+16`, `1e-05`, whole numbers with `.0`.
    Python,
    /// Go `encoding/json`: `%f` between 1e-6 and 1e21, else `1e+21`, `1e-7`.
    Go,
    /// Ruby `Float#to_s`: `1.0e+15`, `1.0e-05`, whole numbers with `.0`.
    Ruby,
    /// PHP `json_encode` with `serialize_precision = -1`: `1.0e+17`, `1.0e-5`, `10`.
    Php,
    /// Java `Double.toString`: `1.0E7`, `1.0E-4`, whole numbers with `.0`.
    Java,
}

/// The shortest round-trip digits of |f| and the decimal point position `point`:
/// |f| = 0.d1d2d3... × 10^point. Zero is the single digit `0` with point 1.
struct Decimal {
    digits: [u8; 17],
    len: usize,
    point: i32,
}

impl Decimal {
    fn digits(&self) -> &[u8] {
        self.digits.get(..self.len).unwrap_or(&[])
    }
}

/// A fixed stack buffer that `core::fmt` can write into.
pub(crate) struct StackText<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> StackText<N> {
    pub(crate) const fn new() -> Self {
        StackText {
            bytes: [0; N],
            len: 0,
        }
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or(&[])
    }

    pub(crate) fn push(&mut self, byte: u8) {
        if let Some(slot) = self.bytes.get_mut(self.len) {
            *slot = byte;
            self.len += 1;
        }
    }

    pub(crate) fn extend(&mut self, bytes: &[u8]) {
        bytes.iter().for_each(|&b| self.push(b));
    }

    fn zeros(&mut self, count: i32) {
        (0..count).for_each(|_| self.push(b'0'));
    }
}

impl<const N: usize> Write for StackText<N> {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        if self.len + s.len() > N {
            return Err(core::fmt::Error);
        }
        self.extend(s.as_bytes());
        Ok(())
    }
}

fn decompose(f: f64) -> Decimal {
    // `{:e}` prints the shortest round-trip digits, e.g. "1.5e-7", "1e21", "0e0";
    // at most 17 digits plus "e-324": 32 bytes always suffice.
    let mut text = StackText::<32>::new();
    let _ = write!(text, "{:e}", f.abs());
    let mut dec = Decimal {
        digits: [0; 17],
        len: 0,
        point: 1,
    };
    let mut exponent: i32 = 0;
    let mut negative_exponent = false;
    let mut in_exponent = false;
    for &b in text.as_bytes() {
        match b {
            b'e' => in_exponent = true,
            b'-' if in_exponent => negative_exponent = true,
            b'0'..=b'9' if in_exponent => exponent = exponent * 10 + i32::from(b - b'0'),
            b'0'..=b'9' => {
                if let Some(slot) = dec.digits.get_mut(dec.len) {
                    *slot = b;
                    dec.len += 1;
                }
            }
            _ => {}
        }
    }
    dec.point = if negative_exponent {
        -exponent
    } else {
        exponent
    } + 1;
    ties_to_even(dec, f.abs())
}

/// When |f| lies exactly halfway between two shortest digit strings, every runtime
/// (ECMAScript, Python, Go, Ruby, PHP, Java) takes the one with the even last digit;
/// Rust's `{:e}` may take the other (e.g. 8 + 2^-16 = 8.0000152587890625 prints as
/// `8.000015258789063`, the runtimes `8.000015258789062`). Found by `interop/`.
fn ties_to_even(dec: Decimal, f: f64) -> Decimal {
    let Some(digits) = dec.digits().iter().try_fold(0u64, |acc, &d| {
        acc.checked_mul(10)?.checked_add(u64::from(d - b'0'))
    }) else {
        return dec;
    };
    let q = dec.point - dec.len as i32;
    let odd = digits % 2 == 1;
    // Rust's digits may be the upper or the lower neighbour of the tie.
    let replacement = if odd && is_exact_half(f, digits.wrapping_mul(2).wrapping_sub(1), q) {
        digits - 1
    } else if odd && is_exact_half(f, digits.wrapping_mul(2).wrapping_add(1), q) {
        digits + 1
    } else {
        return dec;
    };
    from_integer_digits(replacement, q)
}

/// Whether `2 * f == n * 10^q` exactly, for odd `n`: `f` is a tie between two
/// `q`-scaled digit strings. Exact integer arithmetic; anything that overflows `u128`
/// cannot be such a tie (a tie has at most 18 significant digits).
fn is_exact_half(f: f64, n: u64, q: i32) -> bool {
    if n.is_multiple_of(2) || f == 0.0 {
        return false;
    }
    // f = m * 2^e with m odd.
    let bits = f.to_bits();
    let exp_bits = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    let (mut m, mut e) = if exp_bits == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), exp_bits - 1075)
    };
    while m % 2 == 0 {
        m /= 2;
        e += 1;
    }
    // 2f = m * 2^(e+1) and n * 10^q = n * 5^q * 2^q; both odd parts and both powers of
    // two must agree: for q >= 0, m == n * 5^q and e + 1 == q; for q < 0 (r = -q),
    // m * 5^r == n and e + 1 + r == 0.
    let pow5 = |k: u32| 5u128.checked_pow(k);
    if q >= 0 {
        e + 1 == q
            && pow5(q.unsigned_abs()).and_then(|p| p.checked_mul(u128::from(n)))
                == Some(u128::from(m))
    } else {
        e + 1 - q == 0
            && pow5(q.unsigned_abs()).and_then(|p| p.checked_mul(u128::from(m)))
                == Some(u128::from(n))
    }
}

/// Digits of `value * 10^q` as a `Decimal` (trailing zeros dropped).
fn from_integer_digits(value: u64, q: i32) -> Decimal {
    let mut text = StackText::<20>::new();
    let _ = write!(text, "{value}");
    let all = text.as_bytes();
    let significant = all.iter().rposition(|&d| d != b'0').map_or(1, |i| i + 1);
    let mut dec = Decimal {
        digits: [0; 17],
        len: 0,
        point: all.len() as i32 + q,
    };
    for (slot, &d) in dec
        .digits
        .iter_mut()
        .zip(all.get(..significant).unwrap_or(all))
    {
        *slot = d;
        dec.len += 1;
    }
    dec
}

/// Writes the finite double `f` in `style` into `out`.
pub(crate) fn format(f: f64, style: FloatStyle, out: &mut StackText<40>) {
    let dec = decompose(f);
    let negative = f.is_sign_negative();
    let zero = f == 0.0;
    let k = dec.len as i32;
    let n = dec.point;
    // Whether a negative zero keeps its sign, and how zero itself reads.
    if zero {
        let text: &[u8] = match (style, negative) {
            (FloatStyle::Js, _) => b"0",
            (FloatStyle::Go | FloatStyle::Php, false) => b"0",
            (FloatStyle::Go | FloatStyle::Php, true) => b"-0",
            (_, false) => b"0.0",
            (_, true) => b"-0.0",
        };
        out.extend(text);
        return;
    }
    if negative {
        out.push(b'-');
    }
    let exponent = n - 1;
    let abs = f.abs();
    match style {
        FloatStyle::Js if (k..=21).contains(&n) => fixed(&dec, out, false),
        FloatStyle::Js if n > -6 && n <= 21 => fixed(&dec, out, false),
        FloatStyle::Js => scientific(&dec, out, exponent, Exp::JS),
        FloatStyle::Python if n > -4 && n <= 16 => fixed(&dec, out, true),
        FloatStyle::Python => scientific(&dec, out, exponent, Exp::PYTHON),
        FloatStyle::Go if (1e-6..1e21).contains(&abs) => fixed(&dec, out, false),
        FloatStyle::Go => scientific(&dec, out, exponent, Exp::GO),
        // Ruby pads a whole number with zeros only up to 15 digits (DBL_DIG); with a
        // fraction it stays fixed up to 16 integer digits.
        FloatStyle::Ruby if n > -4 && (n <= 15 || (n == 16 && k > n)) => fixed(&dec, out, true),
        FloatStyle::Ruby => scientific(&dec, out, exponent, Exp::RUBY),
        FloatStyle::Php if (-3..=17).contains(&n) => fixed(&dec, out, false),
        FloatStyle::Php => scientific(&dec, out, exponent, Exp::PHP),
        FloatStyle::Java if (1e-3..1e7).contains(&abs) => fixed(&dec, out, true),
        FloatStyle::Java => scientific(&dec, out, exponent, Exp::JAVA),
    }
}

/// Plain decimal notation; `dot_zero` appends `.0` to whole numbers.
fn fixed(dec: &Decimal, out: &mut StackText<40>, dot_zero: bool) {
    let digits = dec.digits();
    let n = dec.point;
    if n <= 0 {
        out.extend(b"0.");
        out.zeros(-n);
        out.extend(digits);
    } else if n as usize >= digits.len() {
        out.extend(digits);
        out.zeros(n - digits.len() as i32);
        if dot_zero {
            out.extend(b".0");
        }
    } else {
        let (int, frac) = digits.split_at(n as usize);
        out.extend(int);
        out.push(b'.');
        out.extend(frac);
    }
}

/// How a runtime spells exponent notation.
struct Exp {
    /// `1.0e5` rather than `1e5` for a single digit.
    mantissa_dot_zero: bool,
    /// The letter.
    letter: u8,
    /// Writes `+` before a non-negative exponent.
    plus: bool,
    /// Pads the exponent to two digits (`e-05`); Go pads positive exponents only.
    pad: Pad,
}

#[derive(PartialEq)]
enum Pad {
    None,
    Both,
    PositiveOnly,
}

impl Exp {
    const JS: Exp = Exp {
        mantissa_dot_zero: false,
        letter: b'e',
        plus: true,
        pad: Pad::None,
    };
    const PYTHON: Exp = Exp {
        mantissa_dot_zero: false,
        letter: b'e',
        plus: true,
        pad: Pad::Both,
    };
    const GO: Exp = Exp {
        mantissa_dot_zero: false,
        letter: b'e',
        plus: true,
        pad: Pad::PositiveOnly,
    };
    const RUBY: Exp = Exp {
        mantissa_dot_zero: true,
        letter: b'e',
        plus: true,
        pad: Pad::Both,
    };
    const PHP: Exp = Exp {
        mantissa_dot_zero: true,
        letter: b'e',
        plus: true,
        pad: Pad::None,
    };
    const JAVA: Exp = Exp {
        mantissa_dot_zero: true,
        letter: b'E',
        plus: false,
        pad: Pad::None,
    };
}

fn scientific(dec: &Decimal, out: &mut StackText<40>, exponent: i32, exp: Exp) {
    let digits = dec.digits();
    let (first, rest) = digits.split_first().unwrap_or((&b'0', &[]));
    out.push(*first);
    if !rest.is_empty() {
        out.push(b'.');
        out.extend(rest);
    } else if exp.mantissa_dot_zero {
        out.extend(b".0");
    }
    out.push(exp.letter);
    if exponent < 0 {
        out.push(b'-');
    } else if exp.plus {
        out.push(b'+');
    }
    let magnitude = exponent.unsigned_abs();
    let pad = match exp.pad {
        Pad::None => false,
        Pad::Both => true,
        Pad::PositiveOnly => exponent >= 0,
    };
    if pad && magnitude < 10 {
        out.push(b'0');
    }
    let mut text = StackText::<8>::new();
    let _ = write!(text, "{magnitude}");
    out.extend(text.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(f: f64, style: FloatStyle) -> alloc::string::String {
        let mut out = StackText::<40>::new();
        format(f, style, &mut out);
        alloc::string::String::from_utf8(out.as_bytes().to_vec()).unwrap()
    }

    // Expected strings were printed by the runtimes on this machine: node 20
    // `JSON.stringify`, Python 3.11 `json.dumps`, Go 1.26 `json.Marshal`, Ruby 3.1
    // `JSON.generate`, PHP 8.2 `json_encode`, Java 17 `Double.toString`.
    #[test]
    fn thresholds_per_runtime() {
        let cases: &[(f64, [&str; 6])] = &[
            (1.5, ["1.5", "1.5", "1.5", "1.5", "1.5", "1.5"]),
            (2.0, ["2", "2.0", "2", "2.0", "2", "2.0"]),
            (0.1, ["0.1", "0.1", "0.1", "0.1", "0.1", "0.1"]),
            (
                1e-5,
                ["0.00001", "1e-05", "0.00001", "1.0e-05", "1.0e-5", "1.0E-5"],
            ),
            (
                1e-7,
                ["1e-7", "1e-07", "1e-7", "1.0e-07", "1.0e-7", "1.0E-7"],
            ),
            (
                1e7,
                [
                    "10000000",
                    "10000000.0",
                    "10000000",
                    "10000000.0",
                    "10000000",
                    "1.0E7",
                ],
            ),
            (
                1e16,
                [
                    "10000000000000000",
                    "1e+16",
                    "10000000000000000",
                    "1.0e+16",
                    "10000000000000000",
                    "1.0E16",
                ],
            ),
            (
                1e21,
                ["1e+21", "1e+21", "1e+21", "1.0e+21", "1.0e+21", "1.0E21"],
            ),
            (
                -2.25,
                ["-2.25", "-2.25", "-2.25", "-2.25", "-2.25", "-2.25"],
            ),
            (
                123456.789,
                [
                    "123456.789",
                    "123456.789",
                    "123456.789",
                    "123456.789",
                    "123456.789",
                    "123456.789",
                ],
            ),
            (
                1.5e-7,
                ["1.5e-7", "1.5e-07", "1.5e-7", "1.5e-07", "1.5e-7", "1.5E-7"],
            ),
        ];
        let styles = [
            FloatStyle::Js,
            FloatStyle::Python,
            FloatStyle::Go,
            FloatStyle::Ruby,
            FloatStyle::Php,
            FloatStyle::Java,
        ];
        for (f, expected) in cases {
            for (style, want) in styles.iter().zip(expected) {
                assert_eq!(show(*f, *style), *want, "{f} in {style:?}");
            }
        }
    }
}
