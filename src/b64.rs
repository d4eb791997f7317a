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

use crate::json::Sink;
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

/// The largest decoded size of `len` base64 characters.
fn decoded_len(len: usize) -> usize {
    len / 4 * 3 + (len % 4).saturating_sub(1)
}

/// Checks the alphabet and length, then decodes with `base64ct`, which refuses
/// non-canonical trailing bits; the first check lets the error say which failed.
fn check(segment: &str, part: Part) -> Result<(), Error> {
    if segment.is_empty() {
        return Err(Error::EmptySegment(part));
    }
    let alphabet_ok = segment
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !alphabet_ok || segment.len() % 4 == 1 {
        return Err(Error::InvalidBase64(part));
    }
    Ok(())
}

/// Validates a segment's alphabet and length without decoding it.
pub(crate) fn validate(segment: &str, part: Part) -> Result<(), Error> {
    check(segment, part)
}

/// Decodes a segment into a new vector.
pub(crate) fn decode_vec(segment: &str, part: Part) -> Result<Vec<u8>, Error> {
    check(segment, part)?;
    let mut out = alloc::vec![0u8; decoded_len(segment.len())];
    let len = Base64UrlUnpadded::decode(segment, &mut out)
        .map_err(|_| Error::NonCanonicalBase64(part))?
        .len();
    out.truncate(len);
    Ok(out)
}

/// Decodes a segment into `dst` (a MAC fits on the stack); returns the bytes written.
pub(crate) fn decode_into<'d>(
    segment: &str,
    part: Part,
    dst: &'d mut [u8],
) -> Result<&'d [u8], Error> {
    check(segment, part)?;
    if decoded_len(segment.len()) > dst.len() {
        return Err(Error::InvalidSignature);
    }
    Base64UrlUnpadded::decode(segment, dst).map_err(|_| Error::NonCanonicalBase64(part))
}

/// The encoded length of `len` bytes.
pub(crate) fn encoded_len(len: usize) -> usize {
    (len * 4).div_ceil(3)
}
