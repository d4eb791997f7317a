//! `keygen` and `pubkey`: making a key pair and showing the public half.
//!
//! The private key goes only to the file named by `--out`, created with mode 0600 and
//! never over an existing file; stdout gets the public key, which is what Membrane's
//! workspace settings take. Neither command prints the path it was given.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::Path;

use membrane_token::{Algorithm, PrivateKey, PublicKey};

use crate::cli::{KeygenArgs, PubkeyArgs};
use crate::input::os_reason;
use crate::{keys, Failure};

pub fn keygen(args: KeygenArgs) -> Result<String, Failure> {
    let alg = args.alg;
    if alg.is_hmac() {
        return Err(Failure::usage(format!(
            "{alg} signs with the workspace secret, which Membrane makes for you (see the \
             workspace settings); keygen makes keys for RS*, PS*, ES* and EdDSA"
        )));
    }
    if args.bits.is_some() && !alg.is_rsa() {
        return Err(Failure::usage(format!(
            "--bits sets an RSA key's size (RS*, PS*); a {alg} key's size is fixed by its curve"
        )));
    }
    if args.out == Path::new("-") {
        return Err(Failure::usage(
            "--out needs a file path: keygen never prints a private key".into(),
        ));
    }
    // The file first: an existing key is refused before any work, and a key is never
    // generated that has nowhere to go.
    let mut file = create_private(&args.out)?;
    let written = generate(alg, args.bits).and_then(|key| {
        write_private(&mut file, &key)?;
        Ok(key.public_key())
    });
    let public = match written {
        Ok(public) => public,
        Err(failure) => {
            drop(file);
            // Only the (empty or partial) file this command created is removed.
            let _ = std::fs::remove_file(&args.out);
            return Err(failure);
        }
    };
    eprintln!(
        "membrane-token: wrote the private key for {alg} (PKCS#8 PEM, mode 0600) to the \
         --out file; paste the public key below into the workspace settings in Membrane"
    );
    if alg == Algorithm::EdDsa {
        eprintln!(
            "membrane-token: warning: EdDSA is not supported by Node's jsonwebtoken 9, which \
             Membrane's own verifier probably uses; if Membrane refuses the key or its \
             tokens, use ES256"
        );
    }
    Ok(public_text(&public, args.jwk))
}

pub fn pubkey(args: PubkeyArgs) -> Result<String, Failure> {
    let key = keys::private_key(&args.private_key_file)?;
    Ok(public_text(&key.public_key(), args.jwk))
}

fn public_text(public: &PublicKey, jwk: bool) -> String {
    if jwk {
        public.to_jwk() + "\n"
    } else {
        public.to_pem()
    }
}

fn generate(alg: Algorithm, bits: Option<usize>) -> Result<PrivateKey, Failure> {
    if alg.is_rsa() {
        // Seconds for 4096 bits: say so, or the silence looks like a hang.
        eprintln!("membrane-token: generating an RSA key (this can take a few seconds)");
    }
    let generated = match bits {
        Some(bits) => PrivateKey::generate_rsa(bits),
        None => PrivateKey::generate(alg),
    };
    generated.map_err(|e| Failure::usage(format!("cannot generate the key: {e}")))
}

/// Creates the `--out` file for a private key: new (never an existing file, nor a
/// symlink's target), readable and writable by its owner only.
fn create_private(path: &Path) -> Result<File, Failure> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => Failure::usage(
            "the --out file already exists; keygen never overwrites a key \
             (choose another path, or move the old key away first)"
                .into(),
        ),
        _ => Failure::usage(format!("cannot create the --out file: {}", os_reason(&e))),
    })
}

fn write_private(file: &mut File, key: &PrivateKey) -> Result<(), Failure> {
    // Zeroizing: the PEM text is wiped when it goes out of scope.
    let pem = key.to_pem();
    file.write_all(pem.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| Failure::usage(format!("cannot write the --out file: {}", os_reason(&e))))
}
