//! base64url without padding (RFC 7515 §2), via `base64ct`.
//!
//! Encoding streams: JSON bytes are gathered in a stack chunk and encoded a whole
//! number of 3-byte groups at a time straight onto the output string. Constant JSON
//! (a token format's claim names and punctuation, the workspace key) is encoded once,
//! in advance, for each of the three positions it can start at within a group
//! ([`PreEncoded`]), and spliced in without being encoded again: `base64ct` costs about
//! as much per byte as SHA-256 itself (`benches/parts.rs`). Decoding is strict: only
//! the 64 URL-safe characters, no padding, no whitespace, and only the canonical
//! encoding of the bytes.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

use base64ct::{Base64UrlUnpadded, Encoding};

use crate::json::writer::Sink;
use crate::{Error, Part};

/// Bytes gathered before encoding: a multiple of 3, large enough that a typical
/// token's variable JSON between two constants is gathered whole.
const CHUNK: usize = 192;

/// Encodes `src` into `dst` and returns the text. `dst` must hold
/// `Base64UrlUnpadded::encoded_len(src)` bytes, which every caller sizes statically.
fn encode<'d>(src: &[u8], dst: &'d mut [u8]) -> &'d str {
    Base64UrlUnpadded::encode(src, dst).expect("destination sized by encoded_len")
}

/// Appends the base64url encoding of `bytes` to `out` without allocating (beyond
/// `out`'s own growth).
pub(crate) fn encode_to(bytes: &[u8], out: &mut String) {
    let mut encoder = Encoder::new(out);
    encoder.push(bytes);
    encoder.finish();
}

/// Appends the encoding of at most 64 bytes (a MAC) straight from the stack, without
/// the chunked encoder's buffers.
pub(crate) fn encode_small(bytes: &[u8], out: &mut String) {
    let mut text = [0u8; 88];
    match text.get_mut(..encoded_len(bytes.len())) {
        Some(dst) => out.push_str(encode(bytes, dst)),
        None => encode_to(bytes, out),
    }
}

/// Constant JSON shorter than this is cheaper to encode with its neighbours than to
/// splice in: each splice costs a `base64ct` call (about a 3-byte group's work plus
/// setup) for the bytes before it.
const SPLICE_MIN: usize = 16;

/// A constant piece of JSON, with its base64url encoding computed for each alignment
/// `k` (how many bytes of an unfinished 3-byte group precede it) when it is long
/// enough to be worth splicing in.
#[derive(Clone)]
pub(crate) struct PreEncoded {
    text: Box<[u8]>,
    forms: Option<[Form; 3]>,
}

/// `text[..head]` finishes the pending group, `text[head..tail]` is encoded as
/// `encoded`, and `text[tail..]` (0 to 2 bytes) starts the next group.
#[derive(Clone)]
struct Form {
    head: usize,
    tail: usize,
    encoded: Box<str>,
}

impl PreEncoded {
    /// Prepares `text`; a piece that `ends_payload` is encoded to its very end (the
    /// partial last group included), so no bytes are left to encode after it.
    pub(crate) fn new(text: &[u8], ends_payload: bool) -> PreEncoded {
        let worth_it = text.len() >= SPLICE_MIN || (ends_payload && text.len() >= 4);
        let form = |k: usize| {
            let head = ((3 - k) % 3).min(text.len());
            let tail = if ends_payload {
                text.len()
            } else {
                head + (text.len() - head) / 3 * 3
            };
            let mut encoded = String::new();
            encode_to(text.get(head..tail).unwrap_or_default(), &mut encoded);
            Form {
                head,
                tail,
                encoded: encoded.into_boxed_str(),
            }
        };
        PreEncoded {
            text: text.into(),
            forms: worth_it.then(|| [form(0), form(1), form(2)]),
        }
    }

    /// The JSON text itself.
    #[cfg(test)]
    pub(crate) fn text(&self) -> &[u8] {
        &self.text
    }
}

/// A [`Sink`] that base64url-encodes everything pushed into it onto a `String`.
pub(crate) struct Encoder<'a> {
    out: &'a mut String,
    /// Bytes not yet encoded. Everything before them was encoded in whole groups, so
    /// `len % 3` is the alignment of the next byte.
    pending: [u8; CHUNK],
    len: usize,
}

impl<'a> Encoder<'a> {
    pub(crate) fn new(out: &'a mut String) -> Self {
        Encoder {
            out,
            pending: [0; CHUNK],
            len: 0,
        }
    }

    /// An encoder whose first bytes, `pending` (fewer than 3), are already given.
    pub(crate) fn with_pending(out: &'a mut String, pending: &[u8]) -> Self {
        let mut encoder = Encoder::new(out);
        encoder.push(pending);
        encoder
    }

    /// Encodes the whole groups of `pending` and keeps the 0 to 2 bytes left over.
    fn flush_groups(&mut self) {
        let whole = self.len - self.len % 3;
        encode_chunked(self.pending.get(..whole).unwrap_or_default(), self.out);
        self.pending.copy_within(whole..self.len, 0);
        self.len -= whole;
    }

    /// Appends a constant piece: finish the pending group with its first bytes, flush,
    /// splice in its ready encoding, and keep its last bytes for the next group.
    pub(crate) fn constant(&mut self, piece: &PreEncoded) {
        let Some(form) = piece.forms.as_ref().and_then(|f| f.get(self.len % 3)) else {
            return self.push(&piece.text);
        };
        self.push(piece.text.get(..form.head).unwrap_or_default());
        self.flush_groups();
        self.out.push_str(&form.encoded);
        self.push(piece.text.get(form.tail..).unwrap_or_default());
    }

    /// Encodes what is left (the only place a partial group is encoded).
    pub(crate) fn finish(self) {
        encode_chunked(self.pending.get(..self.len).unwrap_or_default(), self.out);
    }
}

/// Encodes at most [`CHUNK`] bytes onto `out` in one `base64ct` call (each call has
/// a fixed cost of about a group's work, so pieces are gathered before encoding).
fn encode_chunked(bytes: &[u8], out: &mut String) {
    let mut text = [0u8; CHUNK / 3 * 4];
    match text.get_mut(..encoded_len(bytes.len())) {
        Some(dst) if !bytes.is_empty() => out.push_str(encode(bytes, dst)),
        _ => {}
    }
}

impl Sink for Encoder<'_> {
    #[inline]
    fn push_byte(&mut self, b: u8) {
        if self.len == CHUNK {
            self.flush_groups();
        }
        if let Some(slot) = self.pending.get_mut(self.len) {
            *slot = b;
            self.len += 1;
        }
    }

    #[inline]
    fn push(&mut self, mut bytes: &[u8]) {
        // The common case, a short run that fits, is one copy.
        if let Some(dst) = self.pending.get_mut(self.len..self.len + bytes.len()) {
            dst.copy_from_slice(bytes);
            self.len += bytes.len();
            return;
        }
        while !bytes.is_empty() {
            if self.len == CHUNK {
                self.flush_groups();
            }
            let take = (CHUNK - self.len).min(bytes.len());
            let (now, later) = bytes.split_at(take);
            if let Some(dst) = self.pending.get_mut(self.len..self.len + take) {
                dst.copy_from_slice(now);
            }
            self.len += take;
            bytes = later;
        }
    }
}

/// The 6-bit value of each base64url character, or [`INVALID`].
static DECODE: [u8; 256] = decode_table();

/// Marks a byte outside the alphabet; every valid value is below 64.
const INVALID: u8 = 0x80;

// Evaluated at compile time only (for `DECODE`), where an index out of bounds is a
// build error, not a panic.
#[allow(clippy::indexing_slicing)]
const fn decode_table() -> [u8; 256] {
    let mut table = [INVALID; 256];
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut i = 0;
    while i < 64 {
        table[alphabet[i] as usize] = i as u8;
        i += 1;
    }
    table
}

#[inline]
fn sextet(c: u8) -> u8 {
    DECODE.get(usize::from(c)).copied().unwrap_or(INVALID)
}

/// The decoded size of `len` base64url characters (no padding).
pub(crate) fn decoded_len(len: usize) -> usize {
    len / 4 * 3 + (len % 4).saturating_sub(1)
}

/// Checks that `segment` is canonical unpadded base64url: not empty, only the 64
/// URL-safe characters, a possible length, and zero unused bits in the last
/// character (so that exactly one text encodes each byte string).
pub(crate) fn validate(segment: &str, part: Part) -> Result<(), Error> {
    validate_alphabet(segment, part)?;
    let bytes = segment.as_bytes();
    let unused_bits = match bytes.len() % 4 {
        2 => 0b1111,
        3 => 0b11,
        _ => 0,
    };
    match bytes.last() {
        Some(&last) if sextet(last) & unused_bits != 0 => Err(Error::NonCanonicalBase64(part)),
        _ => Ok(()),
    }
}

/// Checks only that `segment` is non-empty, of the 64 URL-safe characters and of a
/// possible length.
pub(crate) fn validate_alphabet(segment: &str, part: Part) -> Result<(), Error> {
    let bytes = segment.as_bytes();
    if bytes.is_empty() {
        return Err(Error::EmptySegment(part));
    }
    let bad = bytes.iter().fold(0, |bad, &c| bad | sextet(c));
    if bad & INVALID != 0 || bytes.len() % 4 == 1 {
        return Err(Error::InvalidBase64(part));
    }
    Ok(())
}

/// Decodes a header or payload segment strictly (as [`validate`] checks it).
///
/// A table decoder rather than `base64ct`'s: these segments are public, so they need
/// no constant-time decoding, and `base64ct`'s costs about 3.6 ns a character here,
/// more than hashing it (`benches/sign.rs`, `verify`). The fuzz target `base64`
/// checks that both accept and produce exactly the same.
pub(crate) fn decode_vec(segment: &str, part: Part) -> Result<Vec<u8>, Error> {
    let bytes = segment.as_bytes();
    if bytes.is_empty() {
        return Err(Error::EmptySegment(part));
    }
    if bytes.len() % 4 == 1 {
        return Err(Error::InvalidBase64(part));
    }
    let mut out = alloc::vec![0u8; decoded_len(bytes.len())];
    let mut bad = 0;
    let mut quads = bytes.chunks_exact(4);
    let mut triples = out.chunks_exact_mut(3);
    for (quad, triple) in (&mut quads).zip(&mut triples) {
        if let ([a, b, c, d], [x, y, z]) = (quad, triple) {
            let (a, b, c, d) = (sextet(*a), sextet(*b), sextet(*c), sextet(*d));
            bad |= a | b | c | d;
            let n = u32::from(a) << 18 | u32::from(b) << 12 | u32::from(c) << 6 | u32::from(d);
            let [_, hi, mid, lo] = n.to_be_bytes();
            (*x, *y, *z) = (hi, mid, lo);
        }
    }
    // The last 2 or 3 characters carry 1 or 2 bytes; the bits left over must be zero.
    let (rest, tail) = (quads.remainder(), triples.into_remainder());
    let mut n = 0u32;
    for (i, &c) in rest.iter().enumerate() {
        let v = sextet(c);
        bad |= v;
        n |= u32::from(v) << (18 - 6 * i);
    }
    let [_, hi, mid, unused] = n.to_be_bytes();
    for (slot, byte) in tail.iter_mut().zip([hi, mid]) {
        *slot = byte;
    }
    if bad & INVALID != 0 {
        return Err(Error::InvalidBase64(part));
    }
    let leftover = match rest.len() {
        2 => mid | unused,
        3 => unused,
        _ => 0,
    };
    if leftover != 0 {
        return Err(Error::NonCanonicalBase64(part));
    }
    Ok(out)
}

/// The encoded length of `len` bytes.
pub(crate) fn encoded_len(len: usize) -> usize {
    (len * 4).div_ceil(3)
}

/// Encodes a MAC with `base64ct`, whose encoder runs in constant time: a MAC the
/// verifier computed must not leak through timing before it is compared.
pub(crate) fn encode_tag<'d>(tag: &[u8], dst: &'d mut [u8; 88]) -> &'d [u8] {
    match dst.get_mut(..encoded_len(tag.len())) {
        Some(dst) => encode(tag, dst).as_bytes(),
        None => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every length from 0 to 40 and every last character: the table decoder accepts
    /// exactly what `base64ct` accepts, with the same bytes, and `validate` agrees.
    #[test]
    fn decoder_agrees_with_base64ct() {
        let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/ .";
        for len in 1..40usize {
            for last in alphabet.chars() {
                let text: String = "eyJhbGciOiJIUzI1NiJ9eyJhbGciOiJIUzI1NiJ9xx"
                    .chars()
                    .take(len - 1)
                    .chain([last])
                    .collect();
                let ours = decode_vec(&text, Part::Payload);
                let theirs = Base64UrlUnpadded::decode_vec(&text);
                assert_eq!(ours.as_ref().ok(), theirs.as_ref().ok(), "{text}");
                assert_eq!(
                    validate(&text, Part::Payload).is_ok(),
                    theirs.is_ok(),
                    "{text}"
                );
                if theirs.is_err() {
                    assert_eq!(ours.err(), validate(&text, Part::Payload).err(), "{text}");
                }
            }
        }
        assert_eq!(
            decode_vec("", Part::Header),
            Err(Error::EmptySegment(Part::Header))
        );
    }
}
