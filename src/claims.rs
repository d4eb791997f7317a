//! The customer and tenant a token is minted for.

use alloc::string::String;

use crate::value::{Map, Value};

/// The subject of a quick-start customer token (`id`, `name`, optional `fields`).
#[derive(Clone, Debug, PartialEq)]
pub struct Customer {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) fields: Option<Map>,
}

impl Customer {
    /// A customer with its id (unique within the workspace) and display name.
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Customer {
        Customer {
            id: id.into(),
            name: name.into(),
            fields: None,
        }
    }

    /// Adds a field (kept in call order; a repeated name replaces the value in place).
    pub fn field(mut self, name: impl Into<String>, value: impl Into<Value>) -> Customer {
        self.fields.get_or_insert_with(Map::new).insert(name, value);
        self
    }

    /// Sets all fields at once; an empty map still writes `"fields":{}` (`[]` under the
    /// PHP profile, as PHP's `json_encode` writes an empty array).
    pub fn fields(mut self, fields: Map) -> Customer {
        self.fields = Some(fields);
        self
    }
}

/// The subject of a current-format tenant token (`tenantKey`, optional `name` and
/// `fields`).
#[derive(Clone, Debug, PartialEq)]
pub struct Tenant {
    pub(crate) key: String,
    pub(crate) name: Option<String>,
    pub(crate) fields: Option<Map>,
}

impl Tenant {
    /// A tenant with its key (the customer's id in your product).
    pub fn new(tenant_key: impl Into<String>) -> Tenant {
        Tenant {
            key: tenant_key.into(),
            name: None,
            fields: None,
        }
    }

    /// Sets the display name.
    pub fn name(mut self, name: impl Into<String>) -> Tenant {
        self.name = Some(name.into());
        self
    }

    /// Adds a field (kept in call order; a repeated name replaces the value in place).
    pub fn field(mut self, name: impl Into<String>, value: impl Into<Value>) -> Tenant {
        self.fields.get_or_insert_with(Map::new).insert(name, value);
        self
    }

    /// Sets all fields at once; an empty map still writes `"fields":{}` (`[]` under the
    /// PHP profile, as PHP's `json_encode` writes an empty array).
    pub fn fields(mut self, fields: Map) -> Tenant {
        self.fields = Some(fields);
        self
    }
}
