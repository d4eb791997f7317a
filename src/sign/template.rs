//! Token formats compiled once per workspace and profile.
//!
//! A format's payload is mostly constant: claim names, punctuation, the workspace key.
//! Compiling a format lays out its claims in the profile's order and turns each run of
//! constant JSON into a [`PreEncoded`] piece, so that minting encodes only the
//! caller's values (`benches/sign.rs`: the constant parts of the quick-start payload
//! are half its bytes, and `base64ct` costs about as much per byte as SHA-256).

use alloc::string::String;
use alloc::vec::Vec;

use crate::b64::{self, Encoder, PreEncoded};
use crate::json::profile::{KeyOrder, Rules};
use crate::json::value::Map;
use crate::json::writer::JsonWriter;
use crate::sig::hmac::MacState;
use crate::Error;

/// How a format writes one claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// A string given per token.
    Str,
    /// A non-negative integer given per token (`iat`, `exp`).
    Int,
    /// An object given per token (`fields`).
    Object,
    /// The workspace key, a string constant for the workspace.
    Key,
    /// The constant `true` (`isAdmin`).
    True,
}

/// One claim of a format, in the order Membrane's Node snippet writes it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ClaimSpec {
    pub(crate) name: &'static str,
    pub(crate) shape: Shape,
    /// Left out of the token when the caller gives no value.
    pub(crate) optional: bool,
}

const fn claim(name: &'static str, shape: Shape) -> ClaimSpec {
    ClaimSpec {
        name,
        shape,
        optional: false,
    }
}

const fn optional(name: &'static str, shape: Shape) -> ClaimSpec {
    ClaimSpec {
        name,
        shape,
        optional: true,
    }
}

// In every format the first claim in either order (as written, or sorted for Go) is
// required, so an absent optional claim never leaves a separator behind.

/// Format 1, the quick-start customer token.
pub(crate) const CUSTOMER: [ClaimSpec; 6] = [
    claim("id", Shape::Str),
    claim("name", Shape::Str),
    optional("fields", Shape::Object),
    claim("iat", Shape::Int),
    claim("exp", Shape::Int),
    claim("iss", Shape::Key),
];

/// Format 2, the current-format tenant token.
pub(crate) const TENANT: [ClaimSpec; 6] = [
    claim("workspaceKey", Shape::Key),
    claim("tenantKey", Shape::Str),
    optional("name", Shape::Str),
    optional("fields", Shape::Object),
    claim("iat", Shape::Int),
    claim("exp", Shape::Int),
];

/// Format 2 without a tenant: the workspace-level token.
pub(crate) const WORKSPACE: [ClaimSpec; 3] = [
    claim("workspaceKey", Shape::Key),
    claim("iat", Shape::Int),
    claim("exp", Shape::Int),
];

/// Format 3, the workspace management (admin) token.
pub(crate) const ADMIN: [ClaimSpec; 4] = [
    claim("workspaceKey", Shape::Key),
    claim("isAdmin", Shape::True),
    claim("iat", Shape::Int),
    claim("exp", Shape::Int),
];

/// A claim's value for one token, at the claim's index in the format's spec.
#[derive(Clone, Copy)]
pub(crate) enum Claim<'a> {
    Str(&'a str),
    U64(u64),
    Object(&'a Map),
    /// An optional claim left out, or a constant claim (its value is in the template).
    Absent,
}

#[derive(Clone)]
enum Action {
    Constant(PreEncoded),
    /// The value of the claim at this index (a string's quotes are in the constants).
    Value(usize),
}

#[derive(Clone)]
struct Step {
    action: Action,
    /// The optional claim this step belongs to: skipped when its value is absent.
    only_if: Option<usize>,
}

/// A format compiled for one workspace key, profile and algorithm.
#[derive(Clone)]
pub(crate) struct Template {
    /// `base64url(header) "."` followed by the encoding of the payload's first
    /// constant bytes (whole groups): the same for every token of this format.
    prefix: String,
    /// For HMAC, the keyed state after absorbing `prefix`. When the prefix reaches a
    /// block (64 or 128 bytes: the current-format tokens start with 43 constant
    /// bytes, `{"workspaceKey":"…","tenantKey":"`), that block is hashed once here
    /// instead of once per token. `None` for a private key, which signs the whole
    /// token once it is written.
    prefixed: Option<MacState>,
    /// The last 0 to 2 bytes of the first constant, not yet encoded.
    carry: Vec<u8>,
    steps: Vec<Step>,
}

impl Template {
    /// Compiles `spec` for the workspace `key` under `rules`, after `header_prefix`
    /// (`base64url(header) "."`) with the HMAC state `keyed` (`None` for a private key).
    pub(crate) fn compile(
        spec: &[ClaimSpec],
        key: &str,
        rules: &'static Rules,
        header_prefix: &str,
        keyed: Option<&MacState>,
    ) -> Template {
        let mut order: Vec<usize> = (0..spec.len()).collect();
        if rules.order == KeyOrder::Sorted {
            order.sort_by_key(|&i| spec.get(i).map(|c| c.name));
        }
        let mut steps = Vec::new();
        let mut text = Vec::from(*b"{");
        for (position, &index) in order.iter().enumerate() {
            let Some(claim) = spec.get(index) else {
                continue;
            };
            let only_if = claim.optional.then_some(index);
            if only_if.is_some() {
                // An optional claim's bytes are steps of their own.
                flush(&mut text, &mut steps, None);
            }
            if position > 0 {
                text.push(b',');
            }
            // Format claim names are ASCII identifiers that no profile escapes.
            text.push(b'"');
            text.extend_from_slice(claim.name.as_bytes());
            text.extend_from_slice(b"\":");
            match claim.shape {
                Shape::Str => {
                    text.push(b'"');
                    flush(&mut text, &mut steps, only_if);
                    steps.push(Raw::Value(index, only_if));
                    text.push(b'"');
                }
                Shape::Int | Shape::Object => {
                    flush(&mut text, &mut steps, only_if);
                    steps.push(Raw::Value(index, only_if));
                }
                Shape::Key => JsonWriter::new(&mut text, rules).string(key),
                Shape::True => text.extend_from_slice(b"true"),
            }
            if only_if.is_some() {
                flush(&mut text, &mut steps, only_if);
            }
        }
        text.push(b'}');
        flush(&mut text, &mut steps, None);

        // The payload starts at a group boundary, so the first constant's whole groups
        // belong to every token's prefix; a format whose first claim is required
        // always starts with a constant (`{"name":`).
        let mut prefix = String::from(header_prefix);
        let mut carry = Vec::new();
        let mut rest = steps.into_iter().peekable();
        if let Some(Raw::Constant(first, None)) =
            rest.next_if(|s| matches!(s, Raw::Constant(_, None)))
        {
            let (whole, tail) = first.split_at(first.len() / 3 * 3);
            b64::encode_to(whole, &mut prefix);
            carry = tail.to_vec();
        }
        let prefixed = keyed.map(|keyed| {
            let mut state = keyed.clone();
            state.update(prefix.as_bytes());
            state
        });
        let mut steps: Vec<Step> = Vec::new();
        while let Some(raw) = rest.next() {
            let last = rest.peek().is_none();
            steps.push(match raw {
                Raw::Constant(text, only_if) => Step {
                    action: Action::Constant(PreEncoded::new(&text, last)),
                    only_if,
                },
                Raw::Value(index, only_if) => Step {
                    action: Action::Value(index),
                    only_if,
                },
            });
        }
        Template {
            prefix,
            prefixed,
            carry,
            steps,
        }
    }

    /// Where every token of this format starts: its prefix, the HMAC state that has
    /// absorbed it (if HMAC), and the payload bytes not yet encoded.
    pub(crate) fn start(&self) -> (&str, Option<&MacState>, &[u8]) {
        (&self.prefix, self.prefixed.as_ref(), &self.carry)
    }

    /// Writes the rest of the payload JSON for `values` (indexed as the format's
    /// spec), after [`Template::start`].
    pub(crate) fn write(
        &self,
        values: &[Claim<'_>],
        writer: &mut JsonWriter<'_, Encoder<'_>>,
    ) -> Result<(), Error> {
        for step in &self.steps {
            let absent = |i: usize| matches!(values.get(i), None | Some(Claim::Absent));
            if step.only_if.is_some_and(absent) {
                continue;
            }
            match step.action {
                Action::Constant(ref piece) => writer.sink_mut().constant(piece),
                Action::Value(i) => match values.get(i) {
                    Some(Claim::Str(s)) => writer.string_contents(s),
                    Some(Claim::U64(n)) => writer.u64(*n),
                    Some(Claim::Object(map)) => writer.object(map, 1)?,
                    Some(Claim::Absent) | None => {}
                },
            }
        }
        Ok(())
    }
}

/// A step before its constant is encoded: the text, or a value's index, and the
/// optional claim it belongs to.
enum Raw {
    Constant(Vec<u8>, Option<usize>),
    Value(usize, Option<usize>),
}

fn flush(text: &mut Vec<u8>, steps: &mut Vec<Raw>, only_if: Option<usize>) {
    if !text.is_empty() {
        steps.push(Raw::Constant(core::mem::take(text), only_if));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::value::Value;
    use crate::{write_json, Profile};
    use alloc::vec;
    use base64ct::{Base64UrlUnpadded, Encoding};

    /// What the template writes, decoded back to JSON text.
    fn minted(template: &Template, values: &[Claim<'_>], rules: &'static Rules) -> String {
        let (prefix, _, carry) = template.start();
        let mut out = String::from(prefix);
        let mut writer = JsonWriter::new(Encoder::with_pending(&mut out, carry), rules);
        template.write(values, &mut writer).unwrap();
        writer.into_sink().finish();
        let payload = out.strip_prefix("HEADER.").unwrap();
        String::from_utf8(Base64UrlUnpadded::decode_vec(payload).unwrap()).unwrap()
    }

    /// The same claims through the general writer, which knows nothing of templates.
    fn general(spec: &[ClaimSpec], values: &[Claim<'_>], key: &str, profile: Profile) -> String {
        let mut map = Map::new();
        for (claim, value) in spec.iter().zip(values) {
            let value = match (claim.shape, value) {
                (Shape::Key, _) => Value::from(key),
                (Shape::True, _) => Value::Bool(true),
                (_, Claim::Str(s)) => Value::from(*s),
                (_, Claim::U64(n)) => Value::from(*n),
                (_, Claim::Object(m)) => Value::Object((*m).clone()),
                (_, Claim::Absent) => continue,
            };
            map.insert(claim.name, value);
        }
        let mut out = String::new();
        write_json(&Value::Object(map), profile, &mut out).unwrap();
        out
    }

    /// Every format, profile, alignment and choice of optional claims writes exactly
    /// what the general writer writes for the same claims.
    #[test]
    fn templates_write_what_the_general_writer_writes() {
        let mut fields = Map::new();
        fields.insert("plan", "pro <&> \u{2028} é 😀");
        fields.insert("seats", 3);
        let empty = Map::new();
        let key = "ws_<é>\"\u{1}😀";
        // Strings of every length mod 3 move the constants through every alignment.
        let texts = [
            "",
            "a",
            "ab",
            "abc",
            "ü\"\\\n<",
            "😀😀",
            "0123456789abcdefgh",
        ];
        for profile in Profile::ALL {
            let rules = profile.rules();
            for spec in [&CUSTOMER[..], &TENANT[..], &WORKSPACE[..], &ADMIN[..]] {
                let keyed = MacState::new(crate::Algorithm::Hs256, b"k").unwrap();
                let template = Template::compile(spec, key, rules, "HEADER.", Some(&keyed));
                for (t, text) in texts.iter().enumerate() {
                    let other = texts[(t + 3) % texts.len()];
                    for presence in 0..4u32 {
                        let mut optional_seen = 0;
                        let values: Vec<Claim<'_>> = spec
                            .iter()
                            .enumerate()
                            .map(|(i, claim)| {
                                let present = if claim.optional {
                                    optional_seen += 1;
                                    presence & (1 << (optional_seen - 1)) != 0
                                } else {
                                    true
                                };
                                match claim.shape {
                                    _ if !present => Claim::Absent,
                                    Shape::Str if i == 0 => Claim::Str(text),
                                    Shape::Str => Claim::Str(other),
                                    Shape::Int => Claim::U64(1_799_992_800 + i as u64 * 7),
                                    Shape::Object if t % 2 == 0 => Claim::Object(&fields),
                                    Shape::Object => Claim::Object(&empty),
                                    Shape::Key | Shape::True => Claim::Absent,
                                }
                            })
                            .collect();
                        assert_eq!(
                            minted(&template, &values, rules),
                            general(spec, &values, key, profile),
                            "{profile} {:?} text {text:?} presence {presence}",
                            spec.first().map(|c| c.name)
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn pre_encoded_pieces_keep_their_text() {
        for ends_payload in [false, true] {
            let piece = PreEncoded::new(b",\"iss\":\"ws_7f3c2a9e\"}", ends_payload);
            assert_eq!(piece.text(), b",\"iss\":\"ws_7f3c2a9e\"}");
            for prefix in [&b""[..], b"x", b"xy", b"xyz"] {
                let mut out = String::new();
                let mut encoder = Encoder::new(&mut out);
                crate::json::writer::Sink::push(&mut encoder, prefix);
                encoder.constant(&piece);
                encoder.finish();
                let mut whole = vec![];
                whole.extend_from_slice(prefix);
                whole.extend_from_slice(piece.text());
                assert_eq!(out, Base64UrlUnpadded::encode_string(&whole));
            }
        }
    }
}
