//! Library profiles: the exact bytes each JWT library (and its runtime's JSON encoder)
//! produces for the same claims.
//!
//! The rules come from each serializer's documented behaviour and source, and are
//! checked against tokens the real libraries made (`tests/vectors/`, `interop/`).

use alloc::format;
use alloc::string::String;
use core::fmt;
use core::str::FromStr;

use crate::json::float::FloatStyle;
use crate::Algorithm;

/// Which library's bytes to reproduce.
///
/// # Examples
///
/// ```
/// use membrane_token::{Algorithm, Profile, Workspace};
///
/// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
/// let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
/// assert_eq!(ws.profile(), Profile::Node);
/// let ruby = ws.with_profile("ruby".parse().unwrap());
/// let token = ruby.workspace_token_at(1_799_992_800, 60)?;
/// // ruby-jwt's header is `{"alg":"HS512"}` alone; its base64url is eyJhbGciOiJIUzUxMiJ9.
/// assert!(token.starts_with("eyJhbGciOiJIUzUxMiJ9."));
/// # Ok::<(), membrane_token::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Profile {
    /// Node `jsonwebtoken` (`JSON.stringify`): header `{"alg","typ"}`, insertion order
    /// except that integer-like keys come first (as in every JavaScript object), raw
    /// UTF-8, doubles as JavaScript prints them. Membrane's own examples; the default.
    #[default]
    Node,
    /// Python `PyJWT` (`json.dumps`, `ensure_ascii`): header `{"alg","typ"}`,
    /// insertion order, every non-ASCII character and DEL as `\uXXXX`.
    Python,
    /// Go `golang-jwt` with `MapClaims`, built with Go 1.21 or older (the toolchain of
    /// the project's reference vectors): keys sorted at every level, `<>&` and
    /// U+2028/9 escaped, `\b` and `\f` spelled `\u0008` and `\u000c`.
    Go,
    /// Go `golang-jwt` built with Go 1.22 or newer, whose `encoding/json` writes `\b`
    /// and `\f`; otherwise as [`Profile::Go`].
    Go122,
    /// Ruby `ruby-jwt` (`JSON.generate`): header `{"alg"}` only, insertion order, raw
    /// UTF-8, floats as `Float#to_s`.
    Ruby,
    /// Java `jjwt` 0.12+ with Jackson: header `{"alg"}` only, insertion order, raw
    /// UTF-8 except characters above U+FFFF (an escaped surrogate pair), upper-case
    /// hex in `\u` escapes, doubles as `Double.toString`; top-level `null` claims are
    /// dropped and `exp`/`nbf`/`iat` written as whole seconds, as jjwt does.
    Java,
    /// PHP `firebase/php-jwt` (`json_encode` with `JSON_UNESCAPED_SLASHES`): header
    /// `{"typ","alg"}`, insertion order, non-ASCII as `\uXXXX`, objects keyed
    /// `"0".."n-1"` (and `{}`) written as arrays, as PHP's arrays round-trip them.
    Php,
}

impl Profile {
    /// Every profile.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::Profile;
    /// let names = Profile::ALL.map(Profile::name);
    /// assert_eq!(names, ["node", "python", "go", "go1.22", "ruby", "java", "php"]);
    /// assert_eq!(Profile::ALL[0], Profile::default());
    /// ```
    pub const ALL: [Profile; 7] = [
        Profile::Node,
        Profile::Python,
        Profile::Go,
        Profile::Go122,
        Profile::Ruby,
        Profile::Java,
        Profile::Php,
    ];

    /// The name the CLI and the reference vectors use: `node`, `python`, `go`,
    /// `go1.22`, `ruby`, `java`, `php`.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::Profile;
    /// assert_eq!(Profile::Go122.name(), "go1.22");
    /// assert_eq!(Profile::Go122.to_string(), "go1.22");
    /// for profile in Profile::ALL {
    ///     assert_eq!(profile.name().parse::<Profile>(), Ok(profile));
    /// }
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Profile::Node => "node",
            Profile::Python => "python",
            Profile::Go => "go",
            Profile::Go122 => "go1.22",
            Profile::Ruby => "ruby",
            Profile::Java => "java",
            Profile::Php => "php",
        }
    }

    /// The exact header JSON this library writes for `alg`.
    ///
    /// # Examples
    ///
    /// ```
    /// use base64ct::{Base64UrlUnpadded, Encoding};
    /// use membrane_token::{Algorithm, Profile, Workspace};
    ///
    /// let php = Profile::Php.header_json(Algorithm::Hs256);
    /// assert_eq!(php, r#"{"typ":"JWT","alg":"HS256"}"#);
    /// assert_eq!(Profile::Ruby.header_json(Algorithm::Hs256), r#"{"alg":"HS256"}"#);
    /// // A token's first segment is the base64url of exactly these bytes.
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs256)?;
    /// let token = ws.with_profile(Profile::Php).admin_token_at(1_799_992_800, 300)?;
    /// let header = token.split('.').next().unwrap();
    /// assert_eq!(header, Base64UrlUnpadded::encode_string(php.as_bytes()));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn header_json(self, alg: Algorithm) -> &'static str {
        self.rules().header.json(alg)
    }

    /// The header this profile's library writes for `alg`, with `kid` when given,
    /// member order as each library was measured to write it: Node appends `kid`
    /// after `typ`; PyJWT and Go sort the members; ruby-jwt and jjwt put the caller's
    /// members before `alg`; php-jwt appends its `$keyId` after `alg` (read from its
    /// source: php-jwt does not run here). `kid` must already be checked by
    /// [`check_key_id`], so no library would escape any of its characters.
    pub(crate) fn header_text(self, alg: Algorithm, kid: Option<&str>) -> String {
        let Some(kid) = kid else {
            return self.header_json(alg).into();
        };
        let alg = alg.name();
        match self {
            Profile::Node => format!(r#"{{"alg":"{alg}","typ":"JWT","kid":"{kid}"}}"#),
            Profile::Python | Profile::Go | Profile::Go122 => {
                format!(r#"{{"alg":"{alg}","kid":"{kid}","typ":"JWT"}}"#)
            }
            Profile::Ruby | Profile::Java => format!(r#"{{"kid":"{kid}","alg":"{alg}"}}"#),
            Profile::Php => format!(r#"{{"typ":"JWT","alg":"{alg}","kid":"{kid}"}}"#),
        }
    }

    pub(crate) const fn rules(self) -> &'static Rules {
        match self {
            Profile::Node => &NODE,
            Profile::Python => &PYTHON,
            Profile::Go => &GO,
            Profile::Go122 => &GO122,
            Profile::Ruby => &RUBY,
            Profile::Java => &JAVA,
            Profile::Php => &PHP,
        }
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Returned by [`Profile::from_str`] for an unknown name.
///
/// # Examples
///
/// ```
/// use membrane_token::{Profile, UnknownProfile};
///
/// assert_eq!("Python".parse::<Profile>(), Ok(Profile::Python)); // any letter case
/// let err = "rust".parse::<Profile>().unwrap_err();
/// assert_eq!(err, UnknownProfile);
/// assert_eq!(err.to_string(), "expected one of node, python, go, go1.22, ruby, java, php");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnknownProfile;

impl fmt::Display for UnknownProfile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("expected one of node, python, go, go1.22, ruby, java, php")
    }
}

#[cfg(feature = "std")]
impl std::error::Error for UnknownProfile {}

impl FromStr for Profile {
    type Err = UnknownProfile;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Profile::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(s))
            .ok_or(UnknownProfile)
    }
}

/// Header members and their order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HeaderStyle {
    AlgTyp,
    Alg,
    TypAlg,
}

impl HeaderStyle {
    pub(crate) const ALL: [HeaderStyle; 3] =
        [HeaderStyle::AlgTyp, HeaderStyle::Alg, HeaderStyle::TypAlg];

    /// The header's base64url segment: the verifier recognises these three (the
    /// headers the six libraries write) without decoding or parsing them.
    pub(crate) const fn encoded(self, alg: Algorithm) -> &'static str {
        use Algorithm::*;
        match (self, alg) {
            (HeaderStyle::AlgTyp, Hs256) => "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9",
            (HeaderStyle::AlgTyp, Hs384) => "eyJhbGciOiJIUzM4NCIsInR5cCI6IkpXVCJ9",
            (HeaderStyle::AlgTyp, Hs512) => "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9",
            (HeaderStyle::AlgTyp, Rs256) => "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9",
            (HeaderStyle::AlgTyp, Rs384) => "eyJhbGciOiJSUzM4NCIsInR5cCI6IkpXVCJ9",
            (HeaderStyle::AlgTyp, Rs512) => "eyJhbGciOiJSUzUxMiIsInR5cCI6IkpXVCJ9",
            (HeaderStyle::AlgTyp, Ps256) => "eyJhbGciOiJQUzI1NiIsInR5cCI6IkpXVCJ9",
            (HeaderStyle::AlgTyp, Ps384) => "eyJhbGciOiJQUzM4NCIsInR5cCI6IkpXVCJ9",
            (HeaderStyle::AlgTyp, Ps512) => "eyJhbGciOiJQUzUxMiIsInR5cCI6IkpXVCJ9",
            (HeaderStyle::AlgTyp, Es256) => "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9",
            (HeaderStyle::AlgTyp, Es384) => "eyJhbGciOiJFUzM4NCIsInR5cCI6IkpXVCJ9",
            (HeaderStyle::AlgTyp, Es512) => "eyJhbGciOiJFUzUxMiIsInR5cCI6IkpXVCJ9",
            (HeaderStyle::AlgTyp, EdDsa) => "eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9",
            (HeaderStyle::Alg, Hs256) => "eyJhbGciOiJIUzI1NiJ9",
            (HeaderStyle::Alg, Hs384) => "eyJhbGciOiJIUzM4NCJ9",
            (HeaderStyle::Alg, Hs512) => "eyJhbGciOiJIUzUxMiJ9",
            (HeaderStyle::Alg, Rs256) => "eyJhbGciOiJSUzI1NiJ9",
            (HeaderStyle::Alg, Rs384) => "eyJhbGciOiJSUzM4NCJ9",
            (HeaderStyle::Alg, Rs512) => "eyJhbGciOiJSUzUxMiJ9",
            (HeaderStyle::Alg, Ps256) => "eyJhbGciOiJQUzI1NiJ9",
            (HeaderStyle::Alg, Ps384) => "eyJhbGciOiJQUzM4NCJ9",
            (HeaderStyle::Alg, Ps512) => "eyJhbGciOiJQUzUxMiJ9",
            (HeaderStyle::Alg, Es256) => "eyJhbGciOiJFUzI1NiJ9",
            (HeaderStyle::Alg, Es384) => "eyJhbGciOiJFUzM4NCJ9",
            (HeaderStyle::Alg, Es512) => "eyJhbGciOiJFUzUxMiJ9",
            (HeaderStyle::Alg, EdDsa) => "eyJhbGciOiJFZERTQSJ9",
            (HeaderStyle::TypAlg, Hs256) => "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9",
            (HeaderStyle::TypAlg, Hs384) => "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzM4NCJ9",
            (HeaderStyle::TypAlg, Hs512) => "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzUxMiJ9",
            (HeaderStyle::TypAlg, Rs256) => "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9",
            (HeaderStyle::TypAlg, Rs384) => "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzM4NCJ9",
            (HeaderStyle::TypAlg, Rs512) => "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzUxMiJ9",
            (HeaderStyle::TypAlg, Ps256) => "eyJ0eXAiOiJKV1QiLCJhbGciOiJQUzI1NiJ9",
            (HeaderStyle::TypAlg, Ps384) => "eyJ0eXAiOiJKV1QiLCJhbGciOiJQUzM4NCJ9",
            (HeaderStyle::TypAlg, Ps512) => "eyJ0eXAiOiJKV1QiLCJhbGciOiJQUzUxMiJ9",
            (HeaderStyle::TypAlg, Es256) => "eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NiJ9",
            (HeaderStyle::TypAlg, Es384) => "eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzM4NCJ9",
            (HeaderStyle::TypAlg, Es512) => "eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzUxMiJ9",
            (HeaderStyle::TypAlg, EdDsa) => "eyJ0eXAiOiJKV1QiLCJhbGciOiJFZERTQSJ9",
        }
    }

    /// The header's JSON text.
    pub(crate) const fn json(self, alg: Algorithm) -> &'static str {
        use Algorithm::*;
        match (self, alg) {
            (HeaderStyle::AlgTyp, Hs256) => r#"{"alg":"HS256","typ":"JWT"}"#,
            (HeaderStyle::AlgTyp, Hs384) => r#"{"alg":"HS384","typ":"JWT"}"#,
            (HeaderStyle::AlgTyp, Hs512) => r#"{"alg":"HS512","typ":"JWT"}"#,
            (HeaderStyle::AlgTyp, Rs256) => r#"{"alg":"RS256","typ":"JWT"}"#,
            (HeaderStyle::AlgTyp, Rs384) => r#"{"alg":"RS384","typ":"JWT"}"#,
            (HeaderStyle::AlgTyp, Rs512) => r#"{"alg":"RS512","typ":"JWT"}"#,
            (HeaderStyle::AlgTyp, Ps256) => r#"{"alg":"PS256","typ":"JWT"}"#,
            (HeaderStyle::AlgTyp, Ps384) => r#"{"alg":"PS384","typ":"JWT"}"#,
            (HeaderStyle::AlgTyp, Ps512) => r#"{"alg":"PS512","typ":"JWT"}"#,
            (HeaderStyle::AlgTyp, Es256) => r#"{"alg":"ES256","typ":"JWT"}"#,
            (HeaderStyle::AlgTyp, Es384) => r#"{"alg":"ES384","typ":"JWT"}"#,
            (HeaderStyle::AlgTyp, Es512) => r#"{"alg":"ES512","typ":"JWT"}"#,
            (HeaderStyle::AlgTyp, EdDsa) => r#"{"alg":"EdDSA","typ":"JWT"}"#,
            (HeaderStyle::Alg, Hs256) => r#"{"alg":"HS256"}"#,
            (HeaderStyle::Alg, Hs384) => r#"{"alg":"HS384"}"#,
            (HeaderStyle::Alg, Hs512) => r#"{"alg":"HS512"}"#,
            (HeaderStyle::Alg, Rs256) => r#"{"alg":"RS256"}"#,
            (HeaderStyle::Alg, Rs384) => r#"{"alg":"RS384"}"#,
            (HeaderStyle::Alg, Rs512) => r#"{"alg":"RS512"}"#,
            (HeaderStyle::Alg, Ps256) => r#"{"alg":"PS256"}"#,
            (HeaderStyle::Alg, Ps384) => r#"{"alg":"PS384"}"#,
            (HeaderStyle::Alg, Ps512) => r#"{"alg":"PS512"}"#,
            (HeaderStyle::Alg, Es256) => r#"{"alg":"ES256"}"#,
            (HeaderStyle::Alg, Es384) => r#"{"alg":"ES384"}"#,
            (HeaderStyle::Alg, Es512) => r#"{"alg":"ES512"}"#,
            (HeaderStyle::Alg, EdDsa) => r#"{"alg":"EdDSA"}"#,
            (HeaderStyle::TypAlg, Hs256) => r#"{"typ":"JWT","alg":"HS256"}"#,
            (HeaderStyle::TypAlg, Hs384) => r#"{"typ":"JWT","alg":"HS384"}"#,
            (HeaderStyle::TypAlg, Hs512) => r#"{"typ":"JWT","alg":"HS512"}"#,
            (HeaderStyle::TypAlg, Rs256) => r#"{"typ":"JWT","alg":"RS256"}"#,
            (HeaderStyle::TypAlg, Rs384) => r#"{"typ":"JWT","alg":"RS384"}"#,
            (HeaderStyle::TypAlg, Rs512) => r#"{"typ":"JWT","alg":"RS512"}"#,
            (HeaderStyle::TypAlg, Ps256) => r#"{"typ":"JWT","alg":"PS256"}"#,
            (HeaderStyle::TypAlg, Ps384) => r#"{"typ":"JWT","alg":"PS384"}"#,
            (HeaderStyle::TypAlg, Ps512) => r#"{"typ":"JWT","alg":"PS512"}"#,
            (HeaderStyle::TypAlg, Es256) => r#"{"typ":"JWT","alg":"ES256"}"#,
            (HeaderStyle::TypAlg, Es384) => r#"{"typ":"JWT","alg":"ES384"}"#,
            (HeaderStyle::TypAlg, Es512) => r#"{"typ":"JWT","alg":"ES512"}"#,
            (HeaderStyle::TypAlg, EdDsa) => r#"{"typ":"JWT","alg":"EdDSA"}"#,
        }
    }

    /// The style whose encoded header is `segment`, for `alg`.
    pub(crate) fn recognise(segment: &str, alg: Algorithm) -> Option<HeaderStyle> {
        HeaderStyle::ALL
            .into_iter()
            .find(|style| style.encoded(alg) == segment)
    }
}

/// Member order inside objects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeyOrder {
    /// As inserted (or as in the source document).
    Insertion,
    /// By UTF-8 bytes, at every level (Go maps).
    Sorted,
    /// Array-index keys ascending first, then the rest as inserted (JavaScript).
    IndexKeysFirst,
}

/// How a runtime escapes string contents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Escaping {
    /// `\b` and `\f` rather than `\u0008` and `\u000c`.
    pub(crate) short_bf: bool,
    /// `\u003c \u003e \u0026` for `<`, `>`, `&` (Go's HTML-safe output).
    pub(crate) html: bool,
    /// `\u2028` and `\u2029` escaped even when other non-ASCII is not (Go).
    pub(crate) line_separators: bool,
    /// Every non-ASCII character as `\uXXXX` (surrogate pairs above U+FFFF).
    pub(crate) non_ascii: bool,
    /// DEL (U+007F) as `\u007f` (Python's `ensure_ascii`).
    pub(crate) del: bool,
    /// Characters above U+FFFF as an escaped surrogate pair (Jackson).
    pub(crate) astral: bool,
    /// Upper-case hex digits in `\u` escapes.
    pub(crate) upper_hex: bool,
}

/// Everything a profile fixes.
#[derive(Debug)]
pub(crate) struct Rules {
    pub(crate) header: HeaderStyle,
    pub(crate) order: KeyOrder,
    pub(crate) escape: Escaping,
    pub(crate) floats: FloatStyle,
    /// A payload keyed "0".."n-1" (or empty) is written as an array (PHP); see
    /// `JsonWriter::payload_object`.
    pub(crate) php_lists: bool,
    /// jjwt's claim handling at the top level: `null` claims are dropped, `exp`, `nbf`
    /// and `iat` become whole seconds, and no claims at all make an empty payload.
    pub(crate) java_claims: bool,
}

const PLAIN: Escaping = Escaping {
    short_bf: true,
    html: false,
    line_separators: false,
    non_ascii: false,
    del: false,
    astral: false,
    upper_hex: false,
};

static NODE: Rules = Rules {
    header: HeaderStyle::AlgTyp,
    order: KeyOrder::IndexKeysFirst,
    escape: PLAIN,
    floats: FloatStyle::Js,
    php_lists: false,
    java_claims: false,
};

static PYTHON: Rules = Rules {
    header: HeaderStyle::AlgTyp,
    order: KeyOrder::Insertion,
    escape: Escaping {
        non_ascii: true,
        del: true,
        ..PLAIN
    },
    floats: FloatStyle::Python,
    php_lists: false,
    java_claims: false,
};

static GO: Rules = Rules {
    escape: Escaping {
        short_bf: false,
        html: true,
        line_separators: true,
        ..PLAIN
    },
    ..GO_BASE
};

static GO122: Rules = Rules {
    escape: Escaping {
        html: true,
        line_separators: true,
        ..PLAIN
    },
    ..GO_BASE
};

const GO_BASE: Rules = Rules {
    header: HeaderStyle::AlgTyp,
    order: KeyOrder::Sorted,
    escape: PLAIN,
    floats: FloatStyle::Go,
    php_lists: false,
    java_claims: false,
};

static RUBY: Rules = Rules {
    header: HeaderStyle::Alg,
    order: KeyOrder::Insertion,
    escape: PLAIN,
    floats: FloatStyle::Ruby,
    php_lists: false,
    java_claims: false,
};

static JAVA: Rules = Rules {
    header: HeaderStyle::Alg,
    order: KeyOrder::Insertion,
    escape: Escaping {
        upper_hex: true,
        astral: true,
        ..PLAIN
    },
    floats: FloatStyle::Java,
    php_lists: false,
    java_claims: true,
};

static PHP: Rules = Rules {
    header: HeaderStyle::TypAlg,
    order: KeyOrder::Insertion,
    escape: Escaping {
        non_ascii: true,
        ..PLAIN
    },
    floats: FloatStyle::Php,
    php_lists: true,
    java_claims: false,
};

/// The longest key id a workspace writes.
pub(crate) const MAX_KEY_ID_LEN: usize = 256;

/// A key id fit for every profile's header: 1 to [`MAX_KEY_ID_LEN`] characters from
/// `A-Z a-z 0-9 - _ . : ~ + =`, which no library escapes (php-jwt escapes `/`, the
/// others differ on non-ASCII), so every profile writes it byte for byte alike. RFC
/// 7638 thumbprints (base64url) and the usual key names qualify.
pub(crate) fn check_key_id(kid: &str) -> Result<(), crate::Error> {
    let allowed = |b: u8| b.is_ascii_alphanumeric() || b"-_.:~+=".contains(&b);
    if kid.is_empty() || kid.len() > MAX_KEY_ID_LEN || !kid.bytes().all(allowed) {
        return Err(crate::Error::InvalidKeyId);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64ct::{Base64UrlUnpadded, Encoding};

    #[test]
    fn encoded_headers_are_the_base64url_of_the_header_json() {
        for style in HeaderStyle::ALL {
            for alg in Algorithm::ALL {
                let json = style.json(alg);
                assert_eq!(
                    style.encoded(alg),
                    Base64UrlUnpadded::encode_string(json.as_bytes())
                );
                let parsed: serde_json::Value = serde_json::from_str(json).unwrap();
                assert_eq!(parsed["alg"], alg.name());
                assert_eq!(HeaderStyle::recognise(style.encoded(alg), alg), Some(style));
            }
        }
    }
}
