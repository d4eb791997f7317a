//! base64url without padding (RFC 7515 §2), via `base64ct`.
//!
//! Encoding streams: JSON bytes are gathered in a stack chunk whose size is a multiple
//! of 3, so each full chunk encodes to whole characters and goes straight to the output
//! string. Decoding is strict: only the 64 URL-safe characters, no padding, no
//! whitespace, and only the canonical encoding of the bytes.

use alloc::string::String;
use alloc::vec::Vec;

use base64ct::{Base64UrlUnpadded, Encoding};

use crate::json::Sink;
use crate::{Error, Part};

/// Bytes gathered before encoding: a multiple of 3 (no carry between chunks) large
/// enough that the per-call cost of `base64ct` is amortised.
const CHUNK: usize = 192;

/// Encodes `src` into `dst` and returns the text. `dst` must hold
/// `Base64UrlUnpadded::encoded_len(src)` bytes, which every caller sizes statically.
fn encode<'d>(src: &[u8], dst: &'d mut [u8]) -> &'d str {
    Base64UrlUnpadded::encode(src, dst).expect("destination sized by encoded_len")
}

/// Appends the base64url encoding of `bytes` to `out` without allocating (beyond
/// `out`'s own growth).
pub(crate) fn encode_to(bytes: &[u8], out: &mut String) {
    let mut sink = Base64Sink::new(out);
    sink.push(bytes);
    sink.finish();
}

/// Appends the encoding of at most 64 bytes (a MAC) straight from the stack, without
/// the chunked sink's buffers.
pub(crate) fn encode_small(bytes: &[u8], out: &mut String) {
    if bytes.len() > 64 {
        return encode_to(bytes, out);
    }
    let mut text = [0u8; 88];
    out.push_str(encode(bytes, &mut text));
}

/// A [`Sink`] that base64url-encodes everything pushed into it onto a `String`.
pub(crate) struct Base64Sink<'a> {
    out: &'a mut String,
    chunk: [u8; CHUNK],
    len: usize,
}

impl<'a> Base64Sink<'a> {
    pub(crate) fn new(out: &'a mut String) -> Self {
        Base64Sink {
            out,
            chunk: [0; CHUNK],
            len: 0,
        }
    }

    fn flush(&mut self) {
        let mut text = [0u8; CHUNK / 3 * 4];
        let pending = self.chunk.get(..self.len).unwrap_or(&[]);
        self.out.push_str(encode(pending, &mut text));
        self.len = 0;
    }

    /// Encodes what is left (the only place a partial group occurs).
    pub(crate) fn finish(mut self) {
        self.flush();
    }
}

impl Sink for Base64Sink<'_> {
    #[inline]
    fn push_byte(&mut self, b: u8) {
        if let Some(slot) = self.chunk.get_mut(self.len) {
            *slot = b;
            self.len += 1;
        }
        if self.len == CHUNK {
            self.flush();
        }
    }

    #[inline]
    fn push(&mut self, mut bytes: &[u8]) {
        if let Some(dst) = self.chunk.get_mut(self.len..self.len + bytes.len()) {
            dst.copy_from_slice(bytes);
            self.len += bytes.len();
            if self.len == CHUNK {
                self.flush();
            }
            return;
        }
        while !bytes.is_empty() {
            let room = CHUNK - self.len;
            let take = room.min(bytes.len());
            let (now, later) = bytes.split_at(take);
            if let Some(dst) = self.chunk.get_mut(self.len..self.len + take) {
                dst.copy_from_slice(now);
            }
            self.len += take;
            bytes = later;
            if self.len == CHUNK {
                self.flush();
            }
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
