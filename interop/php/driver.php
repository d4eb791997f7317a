<?php
// PHP json_encode stand-in for firebase/php-jwt (not the library itself).
//
// firebase/php-jwt cannot be installed here (its registry is out of reach), so this
// driver does what php-jwt v7's JWT::encode / JWT::decode do for HS256/384/512,
// with PHP's real json_encode / json_decode doing the serialization, which is
// what decides the token bytes:
//   encode: header ['typ' => 'JWT', 'alg' => ALG] (typ first), payload
//           json_encode($payload, JSON_UNESCAPED_SLASHES) where $payload is
//           (array) json_decode($text) (nested JSON objects stay stdClass
//           objects: see sign_case); base64url without padding; hash_hmac.
//   decode: json_decode to objects with JSON_BIGINT_AS_STRING, alg must match the
//           key's alg, constant-time signature check, then nbf / iat / exp.
//   v7 refuses HMAC keys shorter than the hash output (32/48/64 bytes), on both.
// Public-key algorithms, as php-jwt v7's JWT::sign / JWT::verify do them:
//   RS256/384/512: openssl_sign / openssl_verify with the PEM text and
//           'SHA256'...; v7 refuses RSA keys under 2048 bits, on both
//           ('Provided key is too short').
//   ES256/ES384: the same, with OpenSSL's DER signature converted to raw R||S
//           (signatureFromDER, 32/48 bytes each) and back (signatureToDER).
//   EdDSA:  sodium_crypto_sign_detached / sodium_crypto_sign_verify_detached; the
//           key is not PEM but base64 of libsodium's 64-byte secret key (seed ||
//           public key) and of the raw 32-byte public key, as php-jwt's README
//           has it; the last non-empty line of the key text is used.
//   PS256/384/512, ES512: not in php-jwt's $supported_algs: 'Algorithm not
//           supported' (DomainException on encode, UnexpectedValueException on decode).
// Lines for those carry `private_key` (PKCS#8 PEM) and `private_jwk` to sign,
// `public_key` (SPKI PEM) and `public_jwk` to verify; for EdDSA the driver builds
// php-jwt's base64 keys from the JWK's raw bytes, as a caller would.
// It is checked against the real library's tokens in the shared reference vectors
// (php-public.json, asym-php-public.json) on every interop run.
//
//   php driver.php sign   < cases.jsonl  > tokens.jsonl
//   php driver.php verify < tokens.jsonl > results.jsonl
//   php driver.php version

const HASHES = ['HS256' => 'sha256', 'HS384' => 'sha384', 'HS512' => 'sha512'];
const MIN_KEY_BYTES = ['HS256' => 32, 'HS384' => 48, 'HS512' => 64];
// php-jwt v7's $supported_algs beyond HMAC: [function, OpenSSL digest].
const ASYM = [
    'ES384' => ['openssl', 'SHA384'],
    'ES256' => ['openssl', 'SHA256'],
    'RS256' => ['openssl', 'SHA256'],
    'RS384' => ['openssl', 'SHA384'],
    'RS512' => ['openssl', 'SHA512'],
    'EdDSA' => ['sodium_crypto', 'EdDSA'],
];
const RSA_KEY_MIN_BITS = 2048;
const ASN1_INTEGER = 0x02;
const ASN1_SEQUENCE = 0x10;
const ASN1_BIT_STRING = 0x03;

// Verification runs at a fixed time, like php-jwt's JWT::$timestamp in tests.
$NOW = (int) (getenv('INTEROP_NOW') ?: 1799993000);

function b64url_encode(string $bytes): string
{
    return rtrim(strtr(base64_encode($bytes), '+/', '-_'), '=');
}

function b64url_decode(string $text): string
{
    $pad = strlen($text) % 4;
    if ($pad) {
        $text .= str_repeat('=', 4 - $pad);
    }
    return base64_decode(strtr($text, '-_', '+/'));
}

function check_alg_and_key(string $alg, string $key): void
{
    if (!isset(HASHES[$alg])) {
        throw new DomainException('Algorithm not supported');
    }
    if (strlen($key) < MIN_KEY_BYTES[$alg]) {
        throw new DomainException('Provided key is too short');
    }
}

function json_encode_like_php_jwt(array $value): string
{
    $json = json_encode($value, JSON_UNESCAPED_SLASHES);
    if ($json === false) {
        throw new DomainException(json_last_error_msg());
    }
    return $json;
}

function encode_like_php_jwt(array $payload, string $key, string $alg): string
{
    $hmac = !isset(ASYM[$alg]);
    if ($hmac) {
        check_alg_and_key($alg, $key);
    }
    $header = ['typ' => 'JWT'];
    $header['alg'] = $alg;
    $signing_input = b64url_encode(json_encode_like_php_jwt($header)) . '.'
        . b64url_encode(json_encode_like_php_jwt($payload));
    $signature = $hmac ? hash_hmac(HASHES[$alg], $signing_input, $key, true) : asym_sign($signing_input, $key, $alg);
    return $signing_input . '.' . b64url_encode($signature);
}

function json_decode_like_php_jwt(string $json, string $what)
{
    $value = json_decode($json, false, 512, JSON_BIGINT_AS_STRING);
    if (json_last_error() !== JSON_ERROR_NONE) {
        throw new DomainException(json_last_error_msg());
    }
    if ($value === null) {
        throw new UnexpectedValueException("Invalid $what encoding");
    }
    return $value;
}

function decode_like_php_jwt(string $jwt, string $key, string $alg, int $now): stdClass
{
    $parts = explode('.', $jwt);
    if (count($parts) !== 3) {
        throw new UnexpectedValueException('Wrong number of segments');
    }
    [$h64, $p64, $s64] = $parts;
    $header = json_decode_like_php_jwt(b64url_decode($h64), 'header');
    $payload = json_decode_like_php_jwt(b64url_decode($p64), 'claims');
    if (is_array($payload)) {
        $payload = (object) $payload;
    }
    if (!$payload instanceof stdClass) {
        throw new UnexpectedValueException('Payload must be a JSON object');
    }
    if (empty($header->alg)) {
        throw new UnexpectedValueException('Empty algorithm');
    }
    if (!is_string($header->alg) || (!isset(HASHES[$header->alg]) && !isset(ASYM[$header->alg]))) {
        throw new UnexpectedValueException('Algorithm not supported');
    }
    if (!hash_equals($alg, $header->alg)) {
        throw new UnexpectedValueException('Incorrect key for this algorithm');
    }
    if (isset(ASYM[$alg])) {
        $sig = b64url_decode($s64);
        if ($alg === 'ES256' || $alg === 'ES384') {
            // OpenSSL expects an ASN.1 DER sequence for ES256/ES384 signatures
            $sig = signature_to_der($sig);
        }
        if (!asym_verify("$h64.$p64", $sig, $key, $alg)) {
            throw new UnexpectedValueException('Signature verification failed');
        }
    } else {
        check_alg_and_key($alg, $key);
        $expected = hash_hmac(HASHES[$alg], "$h64.$p64", $key, true);
        if (!hash_equals($expected, b64url_decode($s64))) {
            throw new UnexpectedValueException('Signature verification failed');
        }
    }
    if (isset($payload->nbf) && floor($payload->nbf) > $now) {
        throw new UnexpectedValueException('Cannot handle token with nbf prior to ' . $payload->nbf);
    }
    if (!isset($payload->nbf) && isset($payload->iat) && floor($payload->iat) > $now) {
        throw new UnexpectedValueException('Cannot handle token with iat prior to ' . $payload->iat);
    }
    if (isset($payload->exp) && $now >= $payload->exp) {
        throw new UnexpectedValueException('Expired token');
    }
    return $payload;
}

// v7: an RSA key shorter than 2048 bits is refused, signing and verifying.
function check_rsa_key_length($key): void
{
    $details = openssl_pkey_get_details($key);
    if ($details !== false && $details['type'] === OPENSSL_KEYTYPE_RSA && $details['bits'] < RSA_KEY_MIN_BITS) {
        throw new DomainException('Provided key is too short');
    }
}

// php-jwt's readDER / signatureFromDER / encodeDER / signatureToDER.
function read_der(string $der, int $offset = 0): array
{
    $pos = $offset;
    $size = strlen($der);
    $constructed = (ord($der[$pos]) >> 5) & 0x01;
    $type = ord($der[$pos++]) & 0x1f;
    $len = ord($der[$pos++]);
    if ($len & 0x80) {
        $n = $len & 0x1f;
        $len = 0;
        while ($n-- && $pos < $size) {
            $len = ($len << 8) | ord($der[$pos++]);
        }
    }
    if ($type === ASN1_BIT_STRING) {
        $pos++;
        $data = substr($der, $pos, $len - 1);
        $pos += $len - 1;
    } elseif (!$constructed) {
        $data = substr($der, $pos, $len);
        $pos += $len;
    } else {
        $data = null;
    }
    return [$pos, $data];
}

function signature_from_der(string $der, int $keySize): string
{
    [$offset, $_] = read_der($der);
    [$offset, $r] = read_der($der, $offset);
    [$offset, $s] = read_der($der, $offset);
    $r = str_pad(ltrim($r, "\x00"), $keySize / 8, "\x00", STR_PAD_LEFT);
    $s = str_pad(ltrim($s, "\x00"), $keySize / 8, "\x00", STR_PAD_LEFT);
    return $r . $s;
}

function encode_der(int $type, string $value): string
{
    $tag_header = $type === ASN1_SEQUENCE ? 0x20 : 0;
    return chr($tag_header | $type) . chr(strlen($value)) . $value;
}

function signature_to_der(string $sig): string
{
    $length = max(1, (int) (strlen($sig) / 2));
    [$r, $s] = str_split($sig, $length);
    $r = ltrim($r, "\x00");
    $s = ltrim($s, "\x00");
    if (ord($r[0]) > 0x7f) {
        $r = "\x00" . $r;
    }
    if (ord($s[0]) > 0x7f) {
        $s = "\x00" . $s;
    }
    return encode_der(ASN1_SEQUENCE, encode_der(ASN1_INTEGER, $r) . encode_der(ASN1_INTEGER, $s));
}

// The last non-empty line of an EdDSA key text, base64-decoded (php-jwt's rule).
function sodium_key(string $text): string
{
    $lines = array_filter(explode("\n", $text));
    $key = base64_decode((string) end($lines));
    if (strlen($key) === 0) {
        throw new DomainException('Key cannot be empty string');
    }
    return $key;
}

function asym_sign(string $msg, string $key, string $alg): string
{
    if (!isset(ASYM[$alg])) {
        throw new DomainException('Algorithm not supported');
    }
    [$function, $digest] = ASYM[$alg];
    if ($function === 'sodium_crypto') {
        try {
            return sodium_crypto_sign_detached($msg, sodium_key($key));
        } catch (Throwable $e) {
            throw new DomainException($e->getMessage(), 0, $e);
        }
    }
    $pkey = openssl_pkey_get_private($key);
    if ($pkey === false) {
        throw new DomainException('OpenSSL unable to sign data');
    }
    check_rsa_key_length($pkey);
    $signature = '';
    if (!openssl_sign($msg, $signature, $pkey, $digest)) {
        throw new DomainException('OpenSSL unable to sign data');
    }
    if ($alg === 'ES256') {
        $signature = signature_from_der($signature, 256);
    } elseif ($alg === 'ES384') {
        $signature = signature_from_der($signature, 384);
    }
    return $signature;
}

function asym_verify(string $msg, string $signature, string $key, string $alg): bool
{
    [$function, $digest] = ASYM[$alg];
    if ($function === 'sodium_crypto') {
        try {
            if (strlen($signature) === 0) {
                throw new DomainException('Signature cannot be empty string');
            }
            return sodium_crypto_sign_verify_detached($signature, $msg, sodium_key($key));
        } catch (Throwable $e) {
            throw new DomainException($e->getMessage(), 0, $e);
        }
    }
    $pkey = openssl_pkey_get_public($key);
    if ($pkey === false) {
        throw new DomainException('OpenSSL error: ' . openssl_error_string());
    }
    check_rsa_key_length($pkey);
    $success = openssl_verify($msg, $signature, $pkey, $digest);
    if ($success === 1) {
        return true;
    }
    if ($success === 0) {
        return false;
    }
    throw new DomainException('OpenSSL error: ' . openssl_error_string());
}

function b64url_jwk(array $jwk, string $member): string
{
    if (!isset($jwk[$member]) || !is_string($jwk[$member])) {
        throw new DomainException("driver: JWK has no '$member'");
    }
    return b64url_decode($jwk[$member]);
}

// The key a php-jwt caller passes: the PEM text for OpenSSL algorithms; for
// EdDSA base64(libsodium secret key) made from the seed, or base64(public key).
function php_jwt_private_key(array $c): string
{
    if ($c['alg'] === 'EdDSA') {
        $seed = b64url_jwk($c['private_jwk'] ?? [], 'd');
        return base64_encode(sodium_crypto_sign_secretkey(sodium_crypto_sign_seed_keypair($seed)));
    }
    return $c['private_key'];
}

function php_jwt_public_key(array $c): string
{
    if ($c['alg'] === 'EdDSA') {
        return base64_encode(b64url_jwk($c['public_jwk'] ?? [], 'x'));
    }
    return $c['public_key'];
}

function sign_case(array $c): array
{
    // What a php-jwt caller passes: the claims decoded to PHP values, JSON
    // objects as stdClass objects (a JSON object stays an object, `{}` included),
    // the top level cast to the array JWT::encode takes; int for integer
    // literals, float for literals with '.', 'e' or 'E'. Decoding to arrays
    // (json_decode(..., true)) would turn `{}` into `[]` and {"0":..,"1":..}
    // into a list; the real php-jwt's asym vectors show `"emptyObject":{}`.
    $decoded = json_decode($c['claims'], false);
    if (json_last_error() !== JSON_ERROR_NONE || !$decoded instanceof stdClass) {
        throw new DomainException('claims: ' . json_last_error_msg());
    }
    $payload = (array) $decoded;
    $key = isset($c['private_key']) ? php_jwt_private_key($c) : $c['secret'];
    return ['token' => encode_like_php_jwt($payload, $key, $c['alg'])];
}

function verify_case(array $c, int $now): array
{
    $key = isset($c['public_key']) ? php_jwt_public_key($c) : $c['secret'];
    decode_like_php_jwt($c['token'], $key, $c['alg'], $now);
    return ['ok' => true];
}

$mode = $argv[1] ?? '';
if ($mode === 'version') {
    echo 'PHP json_encode stand-in for firebase/php-jwt v7 (not the library itself) (php ' . PHP_VERSION
        . ', ' . OPENSSL_VERSION_TEXT . ', libsodium ' . SODIUM_LIBRARY_VERSION . ")\n";
    exit(0);
}
if ($mode !== 'sign' && $mode !== 'verify') {
    fwrite(STDERR, "usage: driver.php sign|verify|version\n");
    exit(2);
}

$out = '';
foreach (explode("\n", stream_get_contents(STDIN)) as $line) {
    if (trim($line) === '') {
        continue;
    }
    $c = [];
    try {
        $c = json_decode($line, true, 512, JSON_THROW_ON_ERROR);
        $result = $mode === 'sign' ? sign_case($c) : verify_case($c, $NOW);
    } catch (Throwable $e) { // one bad case must not stop the batch
        $msg = get_class($e) . ': ' . $e->getMessage();
        $result = $mode === 'sign' ? ['refused' => $msg] : ['ok' => false, 'error' => $msg];
    }
    // Plain json_encode escapes all non-ASCII, so each output line stays one line.
    $out .= json_encode(['name' => $c['name'] ?? null] + $result, JSON_INVALID_UTF8_SUBSTITUTE) . "\n";
}
echo $out;
