//! One PEM block (RFC 7468) in, its kind and DER out.
//!
//! A key file holds exactly one block, optionally surrounded by whitespace: text before
//! `-----BEGIN` or after `-----END`, a second block, RFC 1421 headers and bad base64
//! are refused, each by name, and so are encrypted keys and certificates, with a hint
//! at what to do instead. The label decides how the DER is read; nothing is guessed
//! from the bytes. Decoded DER is returned in zeroizing memory, since for a private key
//! it is the key.

use alloc::string::String;
use alloc::vec::Vec;

use zeroize::Zeroizing;

use crate::Error;

/// What a PEM block holds, by its label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Block {
    /// `PRIVATE KEY`: PKCS#8 (RFC 5208/5958), any key type.
    Pkcs8,
    /// `RSA PRIVATE KEY`: PKCS#1 (RFC 8017 appendix A.1.2).
    Pkcs1Private,
    /// `EC PRIVATE KEY`: SEC1 (RFC 5915).
    Sec1,
    /// `PUBLIC KEY`: SubjectPublicKeyInfo (RFC 5280), any key type.
    Spki,
    /// `RSA PUBLIC KEY`: PKCS#1 (RFC 8017 appendix A.1.1).
    Pkcs1Public,
}

impl Block {
    /// Whether the block holds a private key.
    pub(crate) fn is_private(self) -> bool {
        matches!(self, Block::Pkcs8 | Block::Pkcs1Private | Block::Sec1)
    }
}

/// The longest label kept in [`Error::UnsupportedPemLabel`].
const MAX_LABEL_LEN: usize = 40;

const BEGIN: &str = "-----BEGIN ";
const END: &str = "-----END ";

/// Reads the one PEM block of `text`: its kind and its DER bytes.
pub(crate) fn decode(text: &str) -> Result<(Block, Zeroizing<Vec<u8>>), Error> {
    let pem = text.trim_matches(|c: char| c.is_ascii_whitespace());
    if !pem.starts_with(BEGIN) {
        let reason = if pem.starts_with('{') {
            "this is JSON; a JWK goes to from_jwk"
        } else if pem.contains(BEGIN) {
            "text before the -----BEGIN line"
        } else {
            "no -----BEGIN line"
        };
        return Err(Error::InvalidPem { reason });
    }
    match pem.rfind(END) {
        None => {
            return Err(Error::InvalidPem {
                reason: "no -----END line",
            })
        }
        Some(end)
            if pem
                .get(end..)
                .is_some_and(|last| last.contains('\n') || !last.ends_with("-----")) =>
        {
            return Err(Error::InvalidPem {
                reason: "text after the -----END line",
            })
        }
        Some(_) => {}
    }
    if pem.matches(BEGIN).nth(1).is_some() {
        return Err(Error::InvalidPem {
            reason: "more than one PEM block; give one key",
        });
    }
    // RFC 1421 encryption (OpenSSL's "traditional" encrypted keys) is a header in the
    // block, which RFC 7468 does not allow; say what it is rather than "bad header".
    if pem.contains("Proc-Type:") && pem.contains("ENCRYPTED") {
        return Err(Error::EncryptedKey);
    }
    let label = pem_rfc7468::decode_label(pem.as_bytes()).map_err(pem_error)?;
    let block = match label {
        "PRIVATE KEY" => Block::Pkcs8,
        "RSA PRIVATE KEY" => Block::Pkcs1Private,
        "EC PRIVATE KEY" => Block::Sec1,
        "PUBLIC KEY" => Block::Spki,
        "RSA PUBLIC KEY" => Block::Pkcs1Public,
        "ENCRYPTED PRIVATE KEY" => return Err(Error::EncryptedKey),
        "CERTIFICATE"
        | "X509 CERTIFICATE"
        | "TRUSTED CERTIFICATE"
        | "CERTIFICATE REQUEST"
        | "NEW CERTIFICATE REQUEST" => return Err(Error::CertificateNotKey),
        other => {
            let mut label = String::from(other);
            if label.len() > MAX_LABEL_LEN {
                // RFC 7468 labels are ASCII, so any byte index is a char boundary.
                label.truncate(MAX_LABEL_LEN);
            }
            return Err(Error::UnsupportedPemLabel { label });
        }
    };
    let (_, der) = pem_rfc7468::decode_vec(pem.as_bytes()).map_err(pem_error)?;
    Ok((block, Zeroizing::new(der)))
}

/// `der` as a PEM block with `label`, lines of 64 characters and `\n` endings.
pub(crate) fn encode(label: &'static str, der: &[u8]) -> Result<String, Error> {
    pem_rfc7468::encode_string(label, pem_rfc7468::LineEnding::LF, der).map_err(|_| {
        Error::InvalidKey {
            format: "PEM",
            reason: "cannot encode this key as PEM",
        }
    })
}

fn pem_error(error: pem_rfc7468::Error) -> Error {
    use pem_rfc7468::Error as E;
    let reason = match error {
        E::Base64(_) | E::EncapsulatedText | E::Length => {
            "the text between the BEGIN and END lines is not valid base64"
        }
        E::CharacterEncoding => "the text is not ASCII",
        E::HeaderDisallowed => "headers inside the block are not allowed (RFC 7468)",
        E::Label => "the label of the -----BEGIN line is invalid",
        E::PreEncapsulationBoundary => "the -----BEGIN line is malformed",
        E::PostEncapsulationBoundary => "the -----END line does not name the -----BEGIN label",
        _ => "malformed PEM",
    };
    Error::InvalidPem { reason }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "MCowBQYDK2VwAyEAwZ4RXAueKN4ID8xkeErv1TjkjxvQhbXnqO5DVVIhcTk=";

    fn block(label: &str) -> String {
        alloc::format!("-----BEGIN {label}-----\n{BODY}\n-----END {label}-----\n")
    }

    #[test]
    fn labels_decide_the_kind_and_refusals_are_named() {
        let (kind, der) = decode(&block("PUBLIC KEY")).unwrap();
        assert_eq!((kind, der.len()), (Block::Spki, 44));
        assert_eq!(
            decode(&block("RSA PUBLIC KEY")).unwrap().0,
            Block::Pkcs1Public
        );
        assert_eq!(
            decode(&block("ENCRYPTED PRIVATE KEY")).err(),
            Some(Error::EncryptedKey)
        );
        assert_eq!(
            decode(&block("CERTIFICATE")).err(),
            Some(Error::CertificateNotKey)
        );
        assert_eq!(
            decode(&block("DSA PRIVATE KEY")).err(),
            Some(Error::UnsupportedPemLabel {
                label: "DSA PRIVATE KEY".into()
            })
        );
        let encrypted = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\
                         DEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----\n";
        assert_eq!(decode(encrypted).err(), Some(Error::EncryptedKey));
    }

    #[test]
    fn only_one_block_and_whitespace_around_it() {
        let good = block("PUBLIC KEY");
        assert!(decode(&alloc::format!("\n  {good}\n\n")).is_ok());
        let invalid = |reason| Some(Error::InvalidPem { reason });
        assert_eq!(
            decode(&alloc::format!("{good}trailing")).err(),
            invalid("text after the -----END line")
        );
        assert_eq!(
            decode(&alloc::format!("Bag Attributes\n{good}")).err(),
            invalid("text before the -----BEGIN line")
        );
        assert_eq!(
            decode(&alloc::format!("{good}{good}")).err(),
            invalid("more than one PEM block; give one key")
        );
        assert_eq!(
            decode("{\"kty\":\"OKP\"}").err(),
            invalid("this is JSON; a JWK goes to from_jwk")
        );
        assert_eq!(decode("").err(), invalid("no -----BEGIN line"));
        let bad = good.replace("MCow", "MC*w");
        assert_eq!(
            decode(&bad).err(),
            invalid("the text between the BEGIN and END lines is not valid base64")
        );
    }

    #[test]
    fn encode_is_what_decode_reads() {
        let (_, der) = decode(&block("PUBLIC KEY")).unwrap();
        let text = encode("PUBLIC KEY", &der).unwrap();
        assert_eq!(text, block("PUBLIC KEY"));
    }
}
