//! Verify a token read from stdin and print who it is for.
//!
//! `echo "$TOKEN" | MEMBRANE_WORKSPACE_SECRET=... cargo run --example verify -- ws_7f3c2a9e`

use std::io::Read;

use membrane_token::{unix_now, Algorithm, Verifier, Workspace};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let key = std::env::args().nth(1).unwrap_or_else(|| "ws_demo".into());
    let secret = std::env::var("MEMBRANE_WORKSPACE_SECRET")
        .map_err(|_| "set MEMBRANE_WORKSPACE_SECRET to the workspace secret")?;
    let mut token = String::new();
    std::io::stdin().read_to_string(&mut token)?;

    let workspace = Workspace::new(&key, secret.as_bytes(), Algorithm::Hs512)?;
    // Tolerate 30 s of clock skew between the minting and the checking machine.
    let verifier = Verifier::new(&workspace).leeway(30);
    match verifier.verify(token.trim(), unix_now()?) {
        Ok(claims) => {
            let who = claims.id().or(claims.tenant_key()).unwrap_or("(workspace)");
            println!("valid token for {who}; admin: {}", claims.is_admin());
            Ok(())
        }
        Err(e) => Err(format!("rejected: {e}").into()),
    }
}
