// Serializer driver: node's JSON.stringify, which is what jsonwebtoken 9 uses for an
// object payload (jws/lib/tostring.js: strings are signed as they are, numbers via
// Number#toString, everything else via JSON.stringify).
//   node ser.js inputs.json > node.tsv
// Output lines: "#version\t<text>", then per case "<name>\tok\t<hex of UTF-8 output>"
// or "<name>\terr\t<hex of message>", and for object inputs "<name>\tcheck\t<hex>": the
// payload segment of a token the real jsonwebtoken signed (noTimestamp), decoded.
'use strict';
const fs = require('fs');

const hex = (s) => Buffer.from(s, 'utf8').toString('hex');
const lines = [];
let jwt = null;
try {
  jwt = require('jsonwebtoken');
} catch (e) {
  jwt = null;
}
lines.push('#version\tnode ' + process.version +
  (jwt ? ', jsonwebtoken ' + require('jsonwebtoken/package.json').version : ''));

const doc = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
for (const c of doc.cases) {
  let value;
  try {
    value = JSON.parse(c.text);
    const out = JSON.stringify(value);
    if (typeof out !== 'string') throw new Error('JSON.stringify returned ' + typeof out);
    lines.push(c.name + '\tok\t' + hex(out));
  } catch (e) {
    lines.push(c.name + '\terr\t' + hex(String(e && e.message || e)));
    continue;
  }
  // Real-library cross-check for plain objects (what jsonwebtoken serializes as JSON).
  if (jwt && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    try {
      const token = jwt.sign(value, 'serializer-vectors-secret-0123456789abcdef',
        { algorithm: 'HS256', noTimestamp: true });
      const payload = Buffer.from(token.split('.')[1], 'base64url').toString('utf8');
      lines.push(c.name + '\tcheck\t' + hex(payload));
    } catch (e) {
      lines.push(c.name + '\tcheckerr\t' + hex(String(e && e.message || e)));
    }
  }
}
process.stdout.write(lines.join('\n') + '\n');
