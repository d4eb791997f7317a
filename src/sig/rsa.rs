//! RSA: RS256/384/512 (RSASSA-PKCS1-v1_5) and PS256/384/512 (RSASSA-PSS with MGF1 of
//! the same hash and a salt as long as the hash, RFC 7518 §3.3 and §3.5).
//!
//! Through the `rsa` crate 0.10, whose private-key operations are constant time
//! (crypto-bigint; the fix for the Marvin timing advisory RUSTSEC-2023-0071 that
//! affects 0.9, signing included) and blinded with the OS RNG, which this file always
//! passes explicitly. Every key, from any encoding, goes through the same PKCS#1
//! structure and the same checks: its size (1024 to 8192 bits), an odd public exponent
//! below 2^33 (the `rsa` crate's bound against slow verification), and CRT values that
//! agree with the primes. The policy (2048 bits and a FIPS 186-5 exponent unless
//! `AllowWeak`) is checked when a key is paired with an algorithm, for signing and for
//! verifying alike.

use alloc::string::String;
use alloc::vec::Vec;

use ::rsa::pkcs1::{self, EncodeRsaPrivateKey, EncodeRsaPublicKey};
use ::rsa::pkcs8::{EncodePrivateKey, EncodePublicKey};
use ::rsa::traits::{PrivateKeyParts, PublicKeyParts};
use der::asn1::{AnyRef, BitStringRef, OctetStringRef};
use der::{Decode, Document, Encode, SecretDocument};
use sha2::{Sha256, Sha384, Sha512};
use spki::AlgorithmIdentifierRef;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::jwk::{self, Jwk};
use super::{der_error, oid};
use crate::{Algorithm, Error, KeyKind, KeyPolicy};

/// The sizes the `rsa` crate reads (`PublicKey::MIN_SIZE..=MAX_SIZE`).
const READ_BITS: core::ops::RangeInclusive<usize> = 1024..=8192;
/// The sizes [`Private::generate`] makes.
#[cfg(feature = "std")]
const GENERATE_BITS: [usize; 3] = [2048, 3072, 4096];

/// An RSA private key; `pss` when it was marked `id-RSASSA-PSS` (PS* only).
pub(crate) struct Private {
    key: ::rsa::PrivateKey,
    pss: bool,
}

/// An RSA public key; `pss` when it was marked `id-RSASSA-PSS` (PS* only).
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Public {
    key: ::rsa::PublicKey,
    pss: bool,
}

impl Private {
    /// A PKCS#1 `RSAPrivateKey` (the body of `RSA PRIVATE KEY`, and of a PKCS#8 RSA key).
    pub(crate) fn from_pkcs1(
        der: &[u8],
        format: &'static str,
        pss: bool,
    ) -> Result<Private, Error> {
        let parts = pkcs1::RsaPrivateKeyRef::from_der(der).map_err(der_error(format))?;
        if parts.version() != pkcs1::Version::TwoPrime || parts.other_prime_infos.is_some() {
            return Err(multi_prime());
        }
        Private::from_parts(&parts, format, pss)
    }

    /// A PKCS#8 `PrivateKeyInfo` whose algorithm [`oid::key_kind`] found to be RSA.
    pub(crate) fn from_pkcs8(
        info: &pkcs8::PrivateKeyInfoRef<'_>,
        pss: bool,
    ) -> Result<Private, Error> {
        check_rsa_parameters(&info.algorithm, "PKCS#8")?;
        Private::from_pkcs1(info.private_key.as_bytes(), "PKCS#8", pss)
    }

    /// An RSA private JWK (RFC 7518 §6.3.2): `n`, `e`, `d` and all of the CRT members
    /// `p`, `q`, `dp`, `dq`, `qi`; `oth` (more than two primes) is refused.
    pub(crate) fn from_jwk(jwk: &Jwk) -> Result<Private, Error> {
        if jwk.has("oth") {
            return Err(multi_prime());
        }
        let (n, e) = (jwk.uint("n")?, jwk.uint("e")?);
        let d = jwk.secret_uint("d")?;
        let (p, q) = (jwk.secret_uint("p")?, jwk.secret_uint("q")?);
        let (dp, dq, qi) = (
            jwk.secret_uint("dp")?,
            jwk.secret_uint("dq")?,
            jwk.secret_uint("qi")?,
        );
        fn uint(bytes: &[u8]) -> Result<pkcs1::UintRef<'_>, Error> {
            pkcs1::UintRef::new(bytes).map_err(der_error("JWK"))
        }
        let parts = pkcs1::RsaPrivateKeyRef {
            modulus: uint(&n)?,
            public_exponent: uint(&e)?,
            private_exponent: uint(&d)?,
            prime1: uint(&p)?,
            prime2: uint(&q)?,
            exponent1: uint(&dp)?,
            exponent2: uint(&dq)?,
            coefficient: uint(&qi)?,
            other_prime_infos: None,
        };
        Private::from_parts(&parts, "JWK", false)
    }

    fn from_parts(
        parts: &pkcs1::RsaPrivateKeyRef<'_>,
        format: &'static str,
        pss: bool,
    ) -> Result<Private, Error> {
        check_components(
            parts.modulus.as_bytes(),
            parts.public_exponent.as_bytes(),
            format,
        )?;
        let key = ::rsa::PrivateKey::try_from(parts.clone()).map_err(|_| Error::InvalidKey {
            format,
            reason: "the RSA components do not form a key (n = p q, e d = 1 mod (p-1) and (q-1))",
        })?;
        // The `rsa` crate recomputes dp, dq and qi from the primes; a file whose own
        // values differ would sign differently in a library that uses them.
        let crt = [
            (
                key.dp().map(|v| v.to_be_bytes()),
                parts.exponent1.as_bytes(),
            ),
            (
                key.dq().map(|v| v.to_be_bytes()),
                parts.exponent2.as_bytes(),
            ),
            (
                // A new value (q^-1 mod p, secret): wiped once encoded.
                key.crt_coefficient()
                    .map(|v| Zeroizing::new(v).to_be_bytes()),
                parts.coefficient.as_bytes(),
            ),
        ];
        let mut agree = subtle::Choice::from(1);
        for (computed, given) in crt {
            let computed = Zeroizing::new(computed.unwrap_or_default());
            agree &= padded_eq(&computed, given);
        }
        if !bool::from(agree) {
            return Err(Error::InvalidKey {
                format,
                reason: "the CRT values (dp, dq, qi) do not agree with the primes",
            });
        }
        Ok(Private { key, pss })
    }

    /// A new key of `bits` (2048, 3072 or 4096) with e = 65537, from the OS RNG.
    #[cfg(feature = "std")]
    pub(crate) fn generate(bits: usize) -> Result<Private, Error> {
        if !GENERATE_BITS.contains(&bits) {
            return Err(Error::UnsupportedRsaSize { bits });
        }
        let key = ::rsa::PrivateKey::new(&mut super::rng::OsRng, bits).map_err(|e| match e {
            ::rsa::Error::Rng => Error::Rng,
            _ => Error::UnsupportedRsaSize { bits },
        })?;
        Ok(Private { key, pss: false })
    }

    pub(crate) fn kind(&self) -> KeyKind {
        kind(self.pss)
    }

    pub(crate) fn public(&self) -> Public {
        Public {
            key: self.key.to_public_key(),
            pss: self.pss,
        }
    }

    /// The signature of `msg` under `alg` (an RSA algorithm this key allows), blinded
    /// with the OS RNG, which also draws the PSS salt.
    #[cfg(feature = "std")]
    pub(crate) fn sign(&self, alg: Algorithm, msg: &[u8]) -> Result<Vec<u8>, Error> {
        let rng = &mut super::rng::OsRng;
        let key = &self.key;
        let signed = match alg {
            Algorithm::Rs256 => key.pkcs1v15_sign_with_rng::<Sha256, _>(rng, msg),
            Algorithm::Rs384 => key.pkcs1v15_sign_with_rng::<Sha384, _>(rng, msg),
            Algorithm::Rs512 => key.pkcs1v15_sign_with_rng::<Sha512, _>(rng, msg),
            Algorithm::Ps256 => key.pss_sign_with_rng::<Sha256, _>(rng, msg),
            Algorithm::Ps384 => key.pss_sign_with_rng::<Sha384, _>(rng, msg),
            Algorithm::Ps512 => key.pss_sign_with_rng::<Sha512, _>(rng, msg),
            _ => return Err(Error::SigningFailed { alg }),
        };
        signed.map_err(|e| match e {
            ::rsa::Error::Rng => Error::Rng,
            _ => Error::SigningFailed { alg },
        })
    }

    /// Without the OS RNG there is no blinding and no PSS salt: refused.
    #[cfg(not(feature = "std"))]
    pub(crate) fn sign(&self, alg: Algorithm, _msg: &[u8]) -> Result<Vec<u8>, Error> {
        Err(Error::RngRequired { alg })
    }

    /// PKCS#8, under the OID it was read with (`rsaEncryption` or `id-RSASSA-PSS`).
    pub(crate) fn to_pkcs8_der(&self) -> Result<SecretDocument, Error> {
        if !self.pss {
            return self.key.to_pkcs8_der().map_err(|_| encode_error());
        }
        let pkcs1 = self.key.to_pkcs1_der().map_err(|_| encode_error())?;
        let body = OctetStringRef::new(pkcs1.as_bytes()).map_err(|_| encode_error())?;
        let info = pkcs8::PrivateKeyInfoRef::new(pss_algorithm(), body);
        SecretDocument::encode_msg(&info).map_err(|_| encode_error())
    }
}

impl Public {
    /// A PKCS#1 `RSAPublicKey` (the body of `RSA PUBLIC KEY`, and of an SPKI RSA key).
    pub(crate) fn from_pkcs1(der: &[u8], format: &'static str, pss: bool) -> Result<Public, Error> {
        let parts = pkcs1::RsaPublicKeyRef::from_der(der).map_err(der_error(format))?;
        Public::from_parts(parts, format, pss)
    }

    /// An SPKI whose algorithm [`oid::key_kind`] found to be RSA.
    pub(crate) fn from_spki(
        spki: &spki::SubjectPublicKeyInfoRef<'_>,
        pss: bool,
    ) -> Result<Public, Error> {
        check_rsa_parameters(&spki.algorithm, "SPKI")?;
        let der = spki
            .subject_public_key
            .as_bytes()
            .ok_or(Error::InvalidKey {
                format: "SPKI",
                reason: "the public key BIT STRING has unused bits",
            })?;
        Public::from_pkcs1(der, "SPKI", pss)
    }

    /// An RSA public JWK: `n` and `e`.
    pub(crate) fn from_jwk(jwk: &Jwk) -> Result<Public, Error> {
        let (n, e) = (jwk.uint("n")?, jwk.uint("e")?);
        let uint = |bytes| pkcs1::UintRef::new(bytes).map_err(der_error("JWK"));
        let parts = pkcs1::RsaPublicKeyRef {
            modulus: uint(&n[..])?,
            public_exponent: uint(&e[..])?,
        };
        Public::from_parts(parts, "JWK", false)
    }

    fn from_parts(
        parts: pkcs1::RsaPublicKeyRef<'_>,
        format: &'static str,
        pss: bool,
    ) -> Result<Public, Error> {
        check_components(
            parts.modulus.as_bytes(),
            parts.public_exponent.as_bytes(),
            format,
        )?;
        let key = ::rsa::PublicKey::try_from(parts).map_err(|_| Error::InvalidKey {
            format,
            reason: "not an RSA public key (the modulus must be odd and above e)",
        })?;
        Ok(Public { key, pss })
    }

    pub(crate) fn kind(&self) -> KeyKind {
        kind(self.pss)
    }

    /// The policy for using this key with `alg`: modulus size and public exponent.
    pub(crate) fn check_policy(&self, alg: Algorithm, policy: KeyPolicy) -> Result<(), Error> {
        let bits = bit_len(&self.key.n_bytes());
        let min = match policy {
            KeyPolicy::Rfc7518 => 2048,
            KeyPolicy::AllowWeak => *READ_BITS.start(),
        };
        if bits < min {
            return Err(Error::WeakRsaKey { alg, bits, min });
        }
        // The exponent is below 2^33 (checked on loading), so it fits.
        let e = self
            .key
            .e_bytes()
            .iter()
            .fold(0u64, |e, &b| e << 8 | u64::from(b));
        if policy == KeyPolicy::Rfc7518 && e <= 1 << 16 {
            return Err(Error::WeakRsaExponent { e });
        }
        Ok(())
    }

    /// The length of every signature under this key: the modulus in bytes.
    pub(crate) fn signature_len(&self) -> usize {
        self.key.size()
    }

    /// Whether `sig` is a valid `alg` signature of `msg` (`false` for an algorithm
    /// this key does not allow, or a signature not as long as the modulus).
    pub(crate) fn verify(&self, alg: Algorithm, msg: &[u8], sig: &[u8]) -> bool {
        if sig.len() != self.signature_len() || (self.pss && !alg.is_pss()) {
            return false;
        }
        let key = &self.key;
        match alg {
            Algorithm::Rs256 => key.pkcs1v15_verify::<Sha256>(msg, sig).is_ok(),
            Algorithm::Rs384 => key.pkcs1v15_verify::<Sha384>(msg, sig).is_ok(),
            Algorithm::Rs512 => key.pkcs1v15_verify::<Sha512>(msg, sig).is_ok(),
            // The salt must be as long as the hash (RFC 7518 §3.5), as `pss_verify` requires.
            Algorithm::Ps256 => key.pss_verify::<Sha256>(msg, sig).is_ok(),
            Algorithm::Ps384 => key.pss_verify::<Sha384>(msg, sig).is_ok(),
            Algorithm::Ps512 => key.pss_verify::<Sha512>(msg, sig).is_ok(),
            _ => false,
        }
    }

    /// SPKI, under the OID it was read with.
    pub(crate) fn to_spki_der(&self) -> Result<Document, Error> {
        if !self.pss {
            return self.key.to_public_key_der().map_err(|_| encode_error());
        }
        let pkcs1 = self.key.to_pkcs1_der().map_err(|_| encode_error())?;
        let spki = spki::SubjectPublicKeyInfoRef {
            algorithm: pss_algorithm(),
            subject_public_key: BitStringRef::from_bytes(pkcs1.as_bytes())
                .map_err(|_| encode_error())?,
        };
        let mut der = Vec::new();
        spki.encode_to_vec(&mut der).map_err(|_| encode_error())?;
        Document::try_from(der).map_err(|_| encode_error())
    }

    /// RFC 7638's members: `{"e":..,"kty":"RSA","n":..}`.
    pub(crate) fn jwk_members(&self) -> String {
        jwk::rsa_members(&self.key.n_bytes(), &self.key.e_bytes())
    }

    /// The modulus length in bits, for `Debug`.
    pub(crate) fn bits(&self) -> usize {
        bit_len(&self.key.n_bytes())
    }
}

fn kind(pss: bool) -> KeyKind {
    if pss {
        KeyKind::RsaPss
    } else {
        KeyKind::Rsa
    }
}

/// The AlgorithmIdentifier of an unrestricted RSASSA-PSS key (RFC 4055 §3.1: absent
/// parameters).
fn pss_algorithm() -> AlgorithmIdentifierRef<'static> {
    AlgorithmIdentifierRef {
        oid: oid::RSASSA_PSS,
        parameters: None,
    }
}

/// rsaEncryption's parameters must be NULL (RFC 8017 appendix A.1); PSS's were checked
/// by [`oid::key_kind`].
fn check_rsa_parameters(
    algorithm: &AlgorithmIdentifierRef<'_>,
    format: &'static str,
) -> Result<(), Error> {
    if algorithm.oid == oid::RSA_ENCRYPTION && algorithm.parameters != Some(AnyRef::NULL) {
        return Err(Error::InvalidKey {
            format,
            reason: "rsaEncryption parameters must be NULL",
        });
    }
    Ok(())
}

/// The checks every RSA key gets on loading, with precise errors (the `rsa` crate's
/// own are coarser): a size it reads and an odd exponent from 3 to 2^33 - 1.
fn check_components(n: &[u8], e: &[u8], format: &'static str) -> Result<(), Error> {
    let bits = bit_len(n);
    if !READ_BITS.contains(&bits) {
        return Err(Error::UnsupportedRsaSize { bits });
    }
    let e_value = if e.len() <= 8 {
        e.iter().fold(0u64, |v, &b| v << 8 | u64::from(b))
    } else {
        u64::MAX
    };
    let reason = if e_value % 2 == 0 {
        "the public exponent is even"
    } else if e_value < 3 {
        "the public exponent is 1"
    } else if e_value >= 1 << 33 {
        "the public exponent is 2^33 or more, which the rsa crate refuses (slow verification)"
    } else {
        return Ok(());
    };
    Err(Error::InvalidKey { format, reason })
}

/// The bit length of a big-endian integer.
fn bit_len(bytes: &[u8]) -> usize {
    let Some(first) = bytes.iter().position(|&b| b != 0) else {
        return 0;
    };
    let rest = bytes.len() - first - 1;
    let top = bytes
        .get(first)
        .map_or(0, |b| 8 - b.leading_zeros() as usize);
    rest * 8 + top
}

/// Whether `given` (minimal big-endian) equals `computed` (fixed width), in time that
/// depends only on the lengths.
fn padded_eq(computed: &[u8], given: &[u8]) -> subtle::Choice {
    let Some(pad) = computed.len().checked_sub(given.len()) else {
        return subtle::Choice::from(0);
    };
    let (zeros, rest) = computed.split_at(pad);
    let zero = zeros.iter().fold(0u8, |acc, &b| acc | b).ct_eq(&0);
    zero & rest.ct_eq(given)
}

fn multi_prime() -> Error {
    Error::UnsupportedKey {
        what: "a multi-prime RSA key (more than two primes)",
    }
}

fn encode_error() -> Error {
    Error::InvalidKey {
        format: "PKCS#8",
        reason: "cannot encode this RSA key",
    }
}
