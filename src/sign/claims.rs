//! The customer and tenant a token is minted for.

use alloc::string::String;

use crate::json::value::{Map, Value};

/// The subject of a quick-start customer token (`id`, `name`, optional `fields`).
///
/// # Examples
///
/// ```
/// use membrane_token::{Algorithm, Customer, Workspace};
///
/// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
/// let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
/// let customer = Customer::new("customer-42", "Acme Inc.").field("userField", "pro");
/// let token = ws.customer_token_at(&customer, 1_799_992_800, 7200)?;
/// // The payload Node's `jwt.sign({id, name, fields}, secret, {issuer, expiresIn})` writes.
/// let payload = concat!(
///     r#"{"id":"customer-42","name":"Acme Inc.","fields":{"userField":"pro"},"#,
///     r#""iat":1799992800,"exp":1800000000,"iss":"ws_7f3c2a9e"}"#,
/// );
/// assert_eq!(ws.verify(&token, 1_799_992_900)?.payload_json(), payload);
/// # Ok::<(), membrane_token::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Customer {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) fields: Option<Map>,
}

impl Customer {
    /// A customer with its id (unique within the workspace) and display name.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Customer, Workspace};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let customer = Customer::new("customer-42", "Acme Inc.");
    /// let token = ws.customer_token_at(&customer, 1_799_992_800, 7200)?;
    /// let claims = ws.verify(&token, 1_799_992_900)?;
    /// assert_eq!((claims.id(), claims.name()), (Some("customer-42"), Some("Acme Inc.")));
    /// assert!(!claims.contains("fields")); // no field added: no `fields` claim
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Customer {
        Customer {
            id: id.into(),
            name: name.into(),
            fields: None,
        }
    }

    /// Adds a field (kept in call order; a repeated name replaces the value in place).
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Customer, Workspace};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let customer = Customer::new("customer-42", "Acme Inc.")
    ///     .field("plan", "free")
    ///     .field("seats", 5)
    ///     .field("plan", "pro"); // replaces "free" and keeps its place
    /// let token = ws.customer_token_at(&customer, 1_799_992_800, 7200)?;
    /// let claims = ws.verify(&token, 1_799_992_900)?;
    /// assert_eq!(claims.raw("fields"), Some(r#"{"plan":"pro","seats":5}"#));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn field(mut self, name: impl Into<String>, value: impl Into<Value>) -> Customer {
        self.fields.get_or_insert_with(Map::new).insert(name, value);
        self
    }

    /// Sets all fields at once; an empty map still writes `"fields":{}`, under every
    /// profile (php-jwt too keeps a nested empty object an object).
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Customer, Workspace};
    /// use membrane_token::{Map, Profile};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let customer = Customer::new("customer-42", "Acme Inc.").fields(Map::new());
    /// let node = ws.customer_token_at(&customer, 1_799_992_800, 7200)?;
    /// let php = ws.with_profile(Profile::Php).customer_token_at(&customer, 1_799_992_800, 7200)?;
    /// assert_eq!(ws.verify(&node, 1_799_992_900)?.raw("fields"), Some("{}"));
    /// assert_eq!(ws.verify(&php, 1_799_992_900)?.raw("fields"), Some("{}"));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn fields(mut self, fields: Map) -> Customer {
        self.fields = Some(fields);
        self
    }
}

/// The subject of a current-format tenant token (`tenantKey`, optional `name` and
/// `fields`).
///
/// # Examples
///
/// ```
/// use membrane_token::{Algorithm, Tenant, Workspace};
///
/// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
/// let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
/// let tenant = Tenant::new("tenant-001")
///     .name("Tenant One")
///     .field("tier", "gold")
///     .field("seats", 10);
/// let token = ws.tenant_token_at(&tenant, 1_799_992_800, 7200)?;
/// // The payload Node's `jsonwebtoken` writes for the same call.
/// let payload = concat!(
///     r#"{"workspaceKey":"ws_7f3c2a9e","tenantKey":"tenant-001","name":"Tenant One","#,
///     r#""fields":{"tier":"gold","seats":10},"iat":1799992800,"exp":1800000000}"#,
/// );
/// assert_eq!(ws.verify(&token, 1_799_992_900)?.payload_json(), payload);
/// # Ok::<(), membrane_token::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Tenant {
    pub(crate) key: String,
    pub(crate) name: Option<String>,
    pub(crate) fields: Option<Map>,
}

impl Tenant {
    /// A tenant with its key (the customer's id in your product).
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Tenant, Workspace};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let token = ws.tenant_token_at(&Tenant::new("tenant-001"), 1_799_992_800, 7200)?;
    /// let claims = ws.verify(&token, 1_799_992_900)?;
    /// assert_eq!(claims.tenant_key(), Some("tenant-001"));
    /// assert_eq!(claims.workspace_key(), Some("ws_7f3c2a9e"));
    /// assert_eq!(claims.name(), None);
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn new(tenant_key: impl Into<String>) -> Tenant {
        Tenant {
            key: tenant_key.into(),
            name: None,
            fields: None,
        }
    }

    /// Sets the display name.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Tenant, Workspace};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let tenant = Tenant::new("tenant-001").name("Tenant One");
    /// let token = ws.tenant_token_at(&tenant, 1_799_992_800, 7200)?;
    /// assert_eq!(ws.verify(&token, 1_799_992_900)?.name(), Some("Tenant One"));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn name(mut self, name: impl Into<String>) -> Tenant {
        self.name = Some(name.into());
        self
    }

    /// Adds a field (kept in call order; a repeated name replaces the value in place).
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Tenant, Workspace};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let tenant = Tenant::new("tenant-001").field("tier", "gold").field("seats", 10);
    /// let token = ws.tenant_token_at(&tenant, 1_799_992_800, 7200)?;
    /// let claims = ws.verify(&token, 1_799_992_900)?;
    /// assert_eq!(claims.raw("fields"), Some(r#"{"tier":"gold","seats":10}"#));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn field(mut self, name: impl Into<String>, value: impl Into<Value>) -> Tenant {
        self.fields.get_or_insert_with(Map::new).insert(name, value);
        self
    }

    /// Sets all fields at once; an empty map still writes `"fields":{}`, under every
    /// profile (php-jwt too keeps a nested empty object an object).
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Tenant, Workspace};
    /// use membrane_token::{Map, Value};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let fields: Map = [("tier", Value::from("gold")), ("seats", Value::from(10))]
    ///     .into_iter()
    ///     .collect();
    /// let tenant = Tenant::new("tenant-001").fields(fields.clone());
    /// let token = ws.tenant_token_at(&tenant, 1_799_992_800, 7200)?;
    /// assert_eq!(ws.verify(&token, 1_799_992_900)?.fields(), Some(fields));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn fields(mut self, fields: Map) -> Tenant {
        self.fields = Some(fields);
        self
    }
}
