#!/usr/bin/env node
// Interop driver for the real jsonwebtoken (see interop/README.md for the protocol).
// HMAC lines carry `secret`; public-key lines (RS*, PS*, ES*, EdDSA) carry
// `private_key` (PKCS#8 PEM) to sign and `public_key` (SPKI PEM) to verify, the
// PEM text passed to jsonwebtoken as its docs show.
//   node driver.js sign   < cases.jsonl > tokens.jsonl
//   node driver.js verify < tokens.jsonl > results.jsonl
//   node driver.js version
'use strict';

const fs = require('fs');
const jwt = require('jsonwebtoken');

// Verification runs at a fixed time (the crate's CLI is given the same --now), so
// an `iat` in the future of the real clock means the same thing to everyone.
const NOW = Number(process.env.INTEROP_NOW || 1799993000);

function sign(c) {
  const payload = JSON.parse(c.claims);
  const key = 'private_key' in c ? c.private_key : c.secret;
  const options = { algorithm: c.alg };
  if (c.clock !== undefined) {
    // A reference case made as a user would: jsonwebtoken adds `iat` from
    // Date.now(), here frozen at `clock` (Unix seconds), as the vectors were made.
    const realNow = Date.now;
    Date.now = () => c.clock * 1000;
    try {
      return { token: jwt.sign(payload, key, options) };
    } finally {
      Date.now = realNow;
    }
  }
  // jsonwebtoken adds `iat` (the clock) unless noTimestamp is set, but noTimestamp
  // also DELETES an `iat` the caller put in the payload. Without noTimestamp a
  // caller's iat is kept, in place. So: noTimestamp only when there is no iat,
  // and the payload is exactly the claims either way.
  if (!Object.prototype.hasOwnProperty.call(payload, 'iat')) options.noTimestamp = true;
  return { token: jwt.sign(payload, key, options) };
}

function verify(c) {
  const key = 'public_key' in c ? c.public_key : c.secret;
  jwt.verify(c.token, key, { algorithms: [c.alg], clockTimestamp: NOW });
  return { ok: true };
}

function main() {
  const mode = process.argv[2];
  if (mode === 'version') {
    console.log(`jsonwebtoken ${require('jsonwebtoken/package.json').version} (node ${process.version}, OpenSSL ${process.versions.openssl})`);
    return;
  }
  if (mode !== 'sign' && mode !== 'verify') {
    console.error('usage: driver.js sign|verify|version');
    process.exit(2);
  }
  const out = [];
  for (const line of fs.readFileSync(0, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    let c = {};
    let result;
    try {
      c = JSON.parse(line);
      result = mode === 'sign' ? sign(c) : verify(c);
    } catch (e) {
      // One bad case must not stop the batch: the error goes into its line.
      const msg = `${e.name}: ${e.message}`;
      result = mode === 'sign' ? { refused: msg } : { ok: false, error: msg };
    }
    // Escape U+2028/9 so the output stays one JSON object per '\n'-separated line
    // for every reader.
    out.push(JSON.stringify({ name: c.name, ...result }).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029'));
  }
  fs.writeFileSync(1, out.length ? out.join('\n') + '\n' : '');
}

main();
