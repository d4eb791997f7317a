#!/usr/bin/env node
// Makes tests/vectors/node-formats.json: tokens from the real jsonwebtoken,
// called the way Membrane's docs call it for each token format, so the crate's
// format builders can be checked byte-for-byte against the library.
//
//   node interop/node/make_format_vectors.js [OUT_PATH]
//
// The clock is frozen so `iat`/`exp` (and so the tokens) are reproducible.
'use strict';

const path = require('path');
const fs = require('fs');
const crypto = require('crypto');
const jwt = require('jsonwebtoken');

const NOW = 1799992800;
Date.now = () => NOW * 1000; // jsonwebtoken reads the clock only through Date.now

const KEY = 'ws_7f3c2a9e';
const OUT = process.argv[2] || path.join(__dirname, '..', '..', 'tests', 'vectors', 'node-formats.json');

// Deterministic printable secrets of a chosen length (hex digits, so 1 char = 1 byte).
function secret(label, len) {
  let hex = '';
  for (let i = 0; hex.length < len; i++) {
    hex += crypto.createHash('sha512').update(`membrane-format-${label}-${i}`).digest('hex');
  }
  return hex.slice(0, len);
}

// Build the object the caller would write, in insertion order. `pairs` keeps the
// order the caller meant; JS itself may still move integer-like keys first.
function objectFromPairs(pairs) {
  const o = {};
  for (const [k, v] of pairs) o[k] = v;
  return o;
}

// Each case: format, alg, ttl, secret length, and the caller's inputs.
const CASES = [
  // --- customer: jwt.sign({id, name, fields}, SECRET, {issuer, expiresIn, algorithm})
  // Same call and secret as the quick start's docs snippet: must equal docs-snippet-node
  // in the shared reference vectors.
  { name: 'customer-quickstart-hs512', format: 'customer', alg: 'HS512', ttl: 7200,
    fixedSecret: '3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4cx',
    id: 'customer-42', display_name: 'Acme Inc.', fields: [['userField', 'pro']] },
  { name: 'customer-no-fields-hs256', format: 'customer', alg: 'HS256', ttl: 7200, slen: 32,
    id: 'u-1', display_name: 'Jane', fields: null },
  { name: 'customer-unicode-hs384', format: 'customer', alg: 'HS384', ttl: 7200, slen: 48,
    id: 'u-2', display_name: 'Zoë Müller, 東京 🚀', fields: [['city', '東京'], ['mood', '😀👍🏽']] },
  { name: 'customer-html-chars-hs256', format: 'customer', alg: 'HS256', ttl: 60, slen: 64,
    id: 'c<1>&2', display_name: '<script>alert("x")</script> & \'co\'',
    fields: [['path', 'a/b\\c'], ['quote', 'say "hi"'], ['amp', '&&<>']] },
  { name: 'customer-control-chars-hs512', format: 'customer', alg: 'HS512', ttl: 86400, slen: 64,
    id: 'ctl-1', display_name: 'tab\there\nnew\rline\u0000nul\u0001\u001f\u007f\u0085',
    fields: [['bs', '\b\f'], ['ls', 'a\u2028b\u2029c'], ['bom', '\ufeffx']] },
  { name: 'customer-nested-hs256', format: 'customer', alg: 'HS256', ttl: 7200, slen: 32,
    id: 'team-7', display_name: 'Team 7',
    fields: [['plan', 'pro'], ['seats', 25], ['active', true], ['tags', ['a', 'b', []]],
      ['meta', { region: null, limits: { api: 1000, ratio: 1.5, nested: { deep: [1, { x: false }] } } }]] },
  { name: 'customer-numbers-hs384', format: 'customer', alg: 'HS384', ttl: 60, slen: 100,
    id: 'n-1', display_name: 'Numbers',
    fields: [['zero', 0], ['neg', -1], ['max', 9007199254740991], ['min', -9007199254740991],
      ['half', 1.5], ['tiny', 0.1], ['big', 1e21], ['small', 1e-7], ['whole', 2.0]] },
  { name: 'customer-empty-values-hs512', format: 'customer', alg: 'HS512', ttl: 7200, slen: 150,
    id: '', display_name: '', fields: [['e', ''], ['o', {}], ['a', []], ['n', null], ['f', false]] },
  { name: 'customer-integer-keys-hs256', format: 'customer', alg: 'HS256', ttl: 86400, slen: 32,
    // JS objects list integer-like keys first, ascending; '007' is not integer-like.
    id: 'ik-1', display_name: 'Integer keys', fields: [['plan', 'pro'], ['10', 'ten'], ['2', 'two'], ['007', 'bond'], ['-1', 'neg']] },
  { name: 'customer-empty-fields-hs256', format: 'customer', alg: 'HS256', ttl: 7200, slen: 33,
    id: 'ef-1', display_name: 'Empty fields object', fields: [] },

  // --- tenant: jwt.sign({workspaceKey, tenantKey, name, fields}, SECRET, {expiresIn, algorithm})
  { name: 'tenant-full-hs512', format: 'tenant', alg: 'HS512', ttl: 7200, slen: 64,
    tenant_key: 'tenant-001', display_name: 'Tenant One', fields: [['tier', 'gold'], ['seats', 10]] },
  { name: 'tenant-key-only-hs256', format: 'tenant', alg: 'HS256', ttl: 7200, slen: 32,
    tenant_key: 'tenant-002', display_name: null, fields: null },
  { name: 'tenant-name-only-hs384', format: 'tenant', alg: 'HS384', ttl: 60, slen: 48,
    tenant_key: 't-3', display_name: 'Café Ünïcode 東京 🏢', fields: null },
  { name: 'tenant-fields-only-hs256', format: 'tenant', alg: 'HS256', ttl: 86400, slen: 64,
    tenant_key: 't/4', display_name: null, fields: [['x', { b: 1, a: [true, null, 'z'] }]] },
  { name: 'tenant-escapes-hs512', format: 'tenant', alg: 'HS512', ttl: 7200, slen: 128,
    tenant_key: 'key "quoted" \\ back', display_name: '<b>&amp;</b>\u2028\u2029\t',
    fields: [['ctl', '\u0000\u0007\u001b'], ['emoji', '👩‍💻'], ['comb', 'e\u0301']] },
  { name: 'tenant-unicode-key-hs256', format: 'tenant', alg: 'HS256', ttl: 7200, slen: 40,
    tenant_key: 'テナント-五', display_name: 'Ωmega', fields: [['ключ', 'значение'], ['😀', 1.25]] },
  { name: 'tenant-long-hs384', format: 'tenant', alg: 'HS384', ttl: 86400, slen: 48,
    tenant_key: 'tenant-long', display_name: 'Long '.repeat(40),
    fields: [['list', Array.from({ length: 30 }, (_, i) => ({ i, label: `item-${i}`, ok: i % 2 === 0 }))]] },

  // --- workspace: jwt.sign({workspaceKey}, SECRET, {expiresIn, algorithm})
  { name: 'workspace-hs256', format: 'workspace', alg: 'HS256', ttl: 7200, slen: 32 },
  { name: 'workspace-hs384', format: 'workspace', alg: 'HS384', ttl: 60, slen: 48 },
  { name: 'workspace-hs512', format: 'workspace', alg: 'HS512', ttl: 86400, slen: 64 },
  { name: 'workspace-hs512-long-secret', format: 'workspace', alg: 'HS512', ttl: 7200, slen: 200 },

  // --- admin: jwt.sign({workspaceKey, isAdmin: true}, SECRET, {expiresIn, algorithm})
  { name: 'admin-hs256', format: 'admin', alg: 'HS256', ttl: 7200, slen: 32 },
  { name: 'admin-hs384', format: 'admin', alg: 'HS384', ttl: 86400, slen: 48 },
  { name: 'admin-hs512', format: 'admin', alg: 'HS512', ttl: 60, slen: 64 },
];

// Call jwt.sign exactly as the docs do for each format.
function sign(c, SECRET) {
  const fields = c.fields ? objectFromPairs(c.fields) : undefined;
  let payload;
  switch (c.format) {
    case 'customer':
      payload = { id: c.id, name: c.display_name };
      if (fields) payload.fields = fields;
      return jwt.sign(payload, SECRET, { issuer: KEY, expiresIn: c.ttl, algorithm: c.alg });
    case 'tenant':
      payload = { workspaceKey: KEY, tenantKey: c.tenant_key };
      if (c.display_name !== null) payload.name = c.display_name;
      if (fields) payload.fields = fields;
      return jwt.sign(payload, SECRET, { expiresIn: c.ttl, algorithm: c.alg });
    case 'workspace':
      return jwt.sign({ workspaceKey: KEY }, SECRET, { expiresIn: c.ttl, algorithm: c.alg });
    case 'admin':
      return jwt.sign({ workspaceKey: KEY, isAdmin: true }, SECRET, { expiresIn: c.ttl, algorithm: c.alg });
    default:
      throw new Error(`unknown format ${c.format}`);
  }
}

const decode = (seg) => Buffer.from(seg, 'base64url').toString('utf8');

const vectors = CASES.map((c) => {
  const SECRET = c.fixedSecret || secret(c.name, c.slen);
  const token = sign(c, SECRET);
  const [h, p] = token.split('.');
  // Sanity: the library must accept its own token at the frozen time.
  jwt.verify(token, SECRET, { algorithms: [c.alg] });
  return {
    name: c.name,
    format: c.format,
    alg: c.alg,
    secret: SECRET,
    key: KEY,
    tenant_key: c.format === 'tenant' ? c.tenant_key : null,
    id: c.format === 'customer' ? c.id : null,
    display_name: c.display_name === undefined ? null : c.display_name,
    fields: c.fields || null,
    issued_at: NOW,
    ttl: c.ttl,
    token,
    header_json: decode(h),
    payload_json: decode(p),
  };
});

const out = {
  library: 'jsonwebtoken',
  library_version: require('jsonwebtoken/package.json').version,
  runtime: `node ${process.version}`,
  generated_by: 'interop/node/make_format_vectors.js',
  now: NOW,
  vectors,
};
fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(OUT, JSON.stringify(out, null, 2) + '\n');
console.log(`wrote ${vectors.length} vectors to ${path.relative(process.cwd(), OUT)}`);
