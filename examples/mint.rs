//! Mint a quick-start customer token with the workspace secret from the environment.
//!
//! `MEMBRANE_WORKSPACE_SECRET=... cargo run --example mint -- ws_7f3c2a9e customer-42 'Acme Inc.'`

use membrane_token::{Algorithm, Customer, Workspace};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let key = args.next().unwrap_or_else(|| "ws_demo".into());
    let id = args.next().unwrap_or_else(|| "customer-42".into());
    let name = args.next().unwrap_or_else(|| "Acme Inc.".into());
    let secret = std::env::var("MEMBRANE_WORKSPACE_SECRET")
        .map_err(|_| "set MEMBRANE_WORKSPACE_SECRET to the workspace secret")?;

    // Build the workspace once (it computes the HMAC key schedule) and share it.
    let workspace = Workspace::new(&key, secret.as_bytes(), Algorithm::Hs512)?;
    let customer = Customer::new(id, name).field("plan", "pro");
    println!("{}", workspace.customer_token(&customer)?);
    Ok(())
}
