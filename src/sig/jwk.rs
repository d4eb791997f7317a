//! JSON Web Keys: reading RFC 7517/7518/8037 keys, writing RFC 7638's members.
//!
//! Reading is strict where a lax reader would let two parsers disagree about the key:
//! the crate's own parser refuses duplicate members, every binary member must be
//! canonical unpadded base64url of exactly its size (EC and OKP coordinates the
//! curve's full length, RSA integers without leading zero bytes, RFC 7518 §2), and
//! `use`, `key_ops` and `alg`, when present, must allow signing with the key. Members
//! this crate does not know (`kid`, `x5c`, ...) are ignored, as RFC 7517 §4 says.
//!
//! Private members are decoded with `base64ct`, whose decoder runs in constant time,
//! into zeroizing buffers, and the parsed JSON is wiped when the [`Jwk`] is dropped.
//! Not wiped: the caller's text itself (the caller's to wipe), and the values
//! `serde_json` had built when a JWK fails to parse as JSON.

use alloc::string::String;
use alloc::vec::Vec;

use base64ct::{Base64UrlUnpadded, Encoding};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::b64;
use crate::json::value::{Map, Value};
use crate::{Algorithm, Error, KeyKind, Part};

/// The private members of every JWK type (RFC 7518 §6.2.2, §6.3.2, §6.4; RFC 8037
/// §2): a public key must have none of them.
const PRIVATE_MEMBERS: [&str; 8] = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

/// What the binary member must be, for [`Error::InvalidJwkMember`].
const CANONICAL: &str = "canonical unpadded base64url";
#[cfg(feature = "rsa")]
const UINT: &str = "a big-endian integer without leading zero bytes (RFC 7518 section 2)";

/// A parsed JWK, wiped when dropped.
pub(crate) struct Jwk {
    members: Map,
}

impl Drop for Jwk {
    fn drop(&mut self) {
        self.members.wipe();
    }
}

impl Jwk {
    /// Parses `text` as one JSON object (duplicate member names refused).
    pub(crate) fn parse(text: &str) -> Result<Jwk, Error> {
        match Value::parse(text, Part::Key)? {
            Value::Object(members) => Ok(Jwk { members }),
            mut other => {
                other.wipe();
                Err(Error::NotAnObject(Part::Key))
            }
        }
    }

    /// The key's kind, from `kty` and (for EC and OKP) `crv`.
    pub(crate) fn kind(&self) -> Result<KeyKind, Error> {
        let unsupported = |what| Err(Error::UnsupportedKey { what });
        match self.string("kty")? {
            "RSA" => Ok(KeyKind::Rsa),
            "EC" => match self.string("crv")? {
                "P-256" => Ok(KeyKind::P256),
                "P-384" => Ok(KeyKind::P384),
                "P-521" => Ok(KeyKind::P521),
                "secp256k1" => unsupported("an EC key on secp256k1 (ES256K is not implemented)"),
                _ => unsupported("an EC JWK on a curve other than P-256, P-384 and P-521"),
            },
            "OKP" => match self.string("crv")? {
                "Ed25519" => Ok(KeyKind::Ed25519),
                "Ed448" => unsupported("an Ed448 key (only Ed25519 is implemented)"),
                "X25519" | "X448" => {
                    unsupported("an X25519 or X448 key, which agrees keys and cannot sign")
                }
                _ => unsupported("an OKP JWK on a curve other than Ed25519"),
            },
            "oct" => unsupported("a symmetric (oct) JWK; an HMAC secret goes to Workspace::new"),
            _ => unsupported("a JWK whose kty is not RSA, EC or OKP"),
        }
    }

    /// The first private member present, if any.
    pub(crate) fn private_member(&self) -> Option<&'static str> {
        PRIVATE_MEMBERS
            .into_iter()
            .find(|member| self.members.get(member).is_some())
    }

    /// Whether `member` is present.
    pub(crate) fn has(&self, member: &str) -> bool {
        self.members.get(member).is_some()
    }

    /// A public binary member: canonical base64url, and exactly `len` bytes if given.
    pub(crate) fn bytes(
        &self,
        member: &'static str,
        len: Option<usize>,
        expected: &'static str,
    ) -> Result<Vec<u8>, Error> {
        let text = self.string(member)?;
        let bytes = b64::decode_vec(text, Part::Key).map_err(|_| Error::InvalidJwkMember {
            member,
            expected: CANONICAL,
        })?;
        check_len(member, &bytes, len, expected)?;
        Ok(bytes)
    }

    /// A private binary member, decoded in constant time into zeroizing memory.
    pub(crate) fn secret(
        &self,
        member: &'static str,
        len: Option<usize>,
        expected: &'static str,
    ) -> Result<Zeroizing<Vec<u8>>, Error> {
        let text = self.string(member)?;
        let bytes = Base64UrlUnpadded::decode_vec(text)
            .map(Zeroizing::new)
            .map_err(|_| Error::InvalidJwkMember {
                member,
                expected: CANONICAL,
            })?;
        check_len(member, &bytes, len, expected)?;
        Ok(bytes)
    }

    /// An RSA integer member (`n`, `e`, `d`, ...): no leading zero bytes.
    #[cfg(feature = "rsa")]
    pub(crate) fn uint(&self, member: &'static str) -> Result<Vec<u8>, Error> {
        self.bytes(member, None, UINT)
    }

    /// A private RSA integer member.
    #[cfg(feature = "rsa")]
    pub(crate) fn secret_uint(&self, member: &'static str) -> Result<Zeroizing<Vec<u8>>, Error> {
        self.secret(member, None, UINT)
    }

    /// Checks `use`, `key_ops` and `alg` against signing (`private`) or verifying with a
    /// key of `kind`; returns the one algorithm `alg` pins the key to, if it names one.
    pub(crate) fn usage(&self, kind: KeyKind, private: bool) -> Result<Option<Algorithm>, Error> {
        if let Some(value) = self.members.get("use") {
            if value.as_str() != Some("sig") {
                return Err(Error::InvalidJwkMember {
                    member: "use",
                    expected: "\"sig\" (this key signs)",
                });
            }
        }
        if let Some(value) = self.members.get("key_ops") {
            let (op, expected) = if private {
                ("sign", "an array of strings that includes \"sign\"")
            } else {
                ("verify", "an array of strings that includes \"verify\"")
            };
            let allowed = match value {
                Value::Array(ops) => {
                    ops.iter().all(|o| o.as_str().is_some())
                        && ops.iter().any(|o| o.as_str() == Some(op))
                }
                _ => false,
            };
            if !allowed {
                return Err(Error::InvalidJwkMember {
                    member: "key_ops",
                    expected,
                });
            }
        }
        let Some(value) = self.members.get("alg") else {
            return Ok(None);
        };
        let alg = value
            .as_str()
            .and_then(Algorithm::from_name)
            .ok_or(Error::InvalidJwkMember {
                member: "alg",
                expected: "a JWS algorithm this crate implements (RS256, ES256, EdDSA, ...)",
            })?;
        if !kind.allows(alg) {
            return Err(Error::KeyMismatch { alg, key: kind });
        }
        Ok(Some(alg))
    }

    fn string(&self, member: &'static str) -> Result<&str, Error> {
        match self.members.get(member) {
            None => Err(Error::MissingJwkMember { member }),
            Some(value) => value.as_str().ok_or(Error::InvalidJwkMember {
                member,
                expected: "a string",
            }),
        }
    }
}

fn check_len(
    member: &'static str,
    bytes: &[u8],
    len: Option<usize>,
    expected: &'static str,
) -> Result<(), Error> {
    let ok = match len {
        Some(len) => bytes.len() == len,
        // An integer: the minimum number of octets (RFC 7518 §2, "Base64urlUInt").
        None => bytes.first().is_some_and(|&b| b != 0),
    };
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidJwkMember { member, expected })
    }
}

/// RFC 7638 §3.2's members of an RSA public key, in its order, without whitespace.
#[cfg(feature = "rsa")]
pub(crate) fn rsa_members(n: &[u8], e: &[u8]) -> String {
    let mut out = String::from("{\"e\":\"");
    b64::encode_to(strip_zeros(e), &mut out);
    out.push_str("\",\"kty\":\"RSA\",\"n\":\"");
    b64::encode_to(strip_zeros(n), &mut out);
    out.push_str("\"}");
    out
}

/// RFC 7638 §3.2's members of an EC public key (coordinates at full length).
#[cfg(feature = "ecdsa")]
pub(crate) fn ec_members(crv: &str, x: &[u8], y: &[u8]) -> String {
    let mut out = String::from("{\"crv\":\"");
    out.push_str(crv);
    out.push_str("\",\"kty\":\"EC\",\"x\":\"");
    b64::encode_to(x, &mut out);
    out.push_str("\",\"y\":\"");
    b64::encode_to(y, &mut out);
    out.push_str("\"}");
    out
}

/// RFC 8037 §2's required members of an OKP public key, in RFC 7638's order.
#[cfg(feature = "eddsa")]
pub(crate) fn okp_members(crv: &str, x: &[u8]) -> String {
    let mut out = String::from("{\"crv\":\"");
    out.push_str(crv);
    out.push_str("\",\"kty\":\"OKP\",\"x\":\"");
    b64::encode_to(x, &mut out);
    out.push_str("\"}");
    out
}

/// The RFC 7638 thumbprint of a key whose required members are `members`:
/// base64url(SHA-256(members)).
pub(crate) fn thumbprint(members: &str) -> String {
    let mut out = String::new();
    b64::encode_to(&Sha256::digest(members.as_bytes()), &mut out);
    out
}

/// A big-endian integer without its leading zero bytes (RFC 7518's Base64urlUInt).
#[cfg(feature = "rsa")]
fn strip_zeros(bytes: &[u8]) -> &[u8] {
    let first = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    bytes.get(first..).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 7638 §3.1: the example RSA key's thumbprint.
    #[cfg(feature = "rsa")]
    #[test]
    fn rfc7638_example_thumbprint() {
        let n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
        let n = Base64UrlUnpadded::decode_vec(n).unwrap();
        let members = rsa_members(&n, &[1, 0, 1]);
        assert!(members.starts_with("{\"e\":\"AQAB\",\"kty\":\"RSA\",\"n\":\"0vx7"));
        assert_eq!(
            thumbprint(&members),
            "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
        );
        // Leading zeros are not part of an integer's encoding.
        let mut padded = alloc::vec![0, 0];
        padded.extend_from_slice(&n);
        assert_eq!(rsa_members(&padded, &[0, 1, 0, 1]), members);
    }

    #[test]
    fn members_are_strict() {
        let jwk = Jwk::parse(r#"{"kty":"EC","crv":"P-256","x":"AA","y":"AB","d":5}"#).unwrap();
        assert_eq!(jwk.kind(), Ok(KeyKind::P256));
        assert_eq!(jwk.bytes("x", Some(1), "one byte"), Ok(alloc::vec![0]));
        assert_eq!(
            jwk.bytes("y", Some(1), "one byte"),
            Err(Error::InvalidJwkMember {
                member: "y",
                expected: CANONICAL
            })
        );
        assert_eq!(
            jwk.bytes("x", Some(2), "two bytes"),
            Err(Error::InvalidJwkMember {
                member: "x",
                expected: "two bytes"
            })
        );
        assert_eq!(
            jwk.secret("d", None, "an integer").err(),
            Some(Error::InvalidJwkMember {
                member: "d",
                expected: "a string"
            })
        );
        assert_eq!(
            jwk.bytes("n", None, CANONICAL),
            Err(Error::MissingJwkMember { member: "n" })
        );
        assert_eq!(jwk.private_member(), Some("d"));
        assert_eq!(
            Jwk::parse(r#"{"kty":"RSA","kty":"EC"}"#).err(),
            Some(Error::DuplicateMember(Part::Key))
        );
        assert_eq!(Jwk::parse("[]").err(), Some(Error::NotAnObject(Part::Key)));
    }

    #[test]
    fn usage_members_must_allow_signing() {
        let usage = |json: &str, private| Jwk::parse(json).unwrap().usage(KeyKind::Rsa, private);
        assert_eq!(
            usage(r#"{"use":"sig","alg":"PS256"}"#, true),
            Ok(Some(Algorithm::Ps256))
        );
        assert_eq!(usage(r#"{"key_ops":["verify"]}"#, false), Ok(None));
        assert_eq!(
            usage(r#"{"use":"enc"}"#, true),
            Err(Error::InvalidJwkMember {
                member: "use",
                expected: "\"sig\" (this key signs)"
            })
        );
        assert!(usage(r#"{"key_ops":["verify"]}"#, true).is_err());
        assert_eq!(
            usage(r#"{"alg":"ES256"}"#, true),
            Err(Error::KeyMismatch {
                alg: Algorithm::Es256,
                key: KeyKind::Rsa
            })
        );
    }
}
