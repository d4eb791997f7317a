<?php
// PHP json_encode stand-in for firebase/php-jwt (not the library itself).
//
// firebase/php-jwt cannot be installed here (its registry is out of reach), so this
// driver does what php-jwt v7's JWT::encode / JWT::decode do for HS256/384/512,
// with PHP's real json_encode / json_decode doing the serialization, which is
// what decides the token bytes:
//   encode: header ['typ' => 'JWT', 'alg' => ALG] (typ first), payload
//           json_encode($payload, JSON_UNESCAPED_SLASHES) where $payload came
//           from json_decode($text, true); base64url without padding; hash_hmac.
//   decode: json_decode to objects with JSON_BIGINT_AS_STRING, alg must match the
//           key's alg, constant-time signature check, then nbf / iat / exp.
//   v7 refuses HMAC keys shorter than the hash output (32/48/64 bytes), on both.
// It is checked against the real library's tokens in the shared reference vectors
// (php-public.json) on every interop run.
//
//   php driver.php sign   < cases.jsonl  > tokens.jsonl
//   php driver.php verify < tokens.jsonl > results.jsonl
//   php driver.php version

const HASHES = ['HS256' => 'sha256', 'HS384' => 'sha384', 'HS512' => 'sha512'];
const MIN_KEY_BYTES = ['HS256' => 32, 'HS384' => 48, 'HS512' => 64];

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
    check_alg_and_key($alg, $key);
    $header = ['typ' => 'JWT'];
    $header['alg'] = $alg;
    $signing_input = b64url_encode(json_encode_like_php_jwt($header)) . '.'
        . b64url_encode(json_encode_like_php_jwt($payload));
    return $signing_input . '.' . b64url_encode(hash_hmac(HASHES[$alg], $signing_input, $key, true));
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
    if (!isset(HASHES[$header->alg])) {
        throw new UnexpectedValueException('Algorithm not supported');
    }
    if (!hash_equals($alg, $header->alg)) {
        throw new UnexpectedValueException('Incorrect key for this algorithm');
    }
    check_alg_and_key($alg, $key);
    $expected = hash_hmac(HASHES[$alg], "$h64.$p64", $key, true);
    if (!hash_equals($expected, b64url_decode($s64))) {
        throw new UnexpectedValueException('Signature verification failed');
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

function sign_case(array $c): array
{
    // json_decode(..., true) gives what a php-jwt caller passes: ordered arrays,
    // int for integer literals, float for literals with '.', 'e' or 'E'.
    $payload = json_decode($c['claims'], true);
    if (json_last_error() !== JSON_ERROR_NONE || !is_array($payload)) {
        throw new DomainException('claims: ' . json_last_error_msg());
    }
    return ['token' => encode_like_php_jwt($payload, $c['secret'], $c['alg'])];
}

function verify_case(array $c, int $now): array
{
    decode_like_php_jwt($c['token'], $c['secret'], $c['alg'], $now);
    return ['ok' => true];
}

$mode = $argv[1] ?? '';
if ($mode === 'version') {
    echo 'PHP json_encode stand-in for firebase/php-jwt v7 (not the library itself) (php ' . PHP_VERSION . ")\n";
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
