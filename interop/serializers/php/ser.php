<?php
// Serializer driver: PHP's json_encode as firebase/php-jwt's JWT::jsonEncode calls it,
// json_encode($input, JSON_UNESCAPED_SLASHES), on what JWT::encode(array $payload) is
// handed: the decoded JSON with objects kept as objects (stdClass) except the top level,
// which is cast to an array, `(array) json_decode($text)`, the way the reference tokens
// in asym-php-public.json were made (their nested `{}` stays `{}`). So a top-level
// object keyed "0".."n-1" (or empty) becomes a list; nested ones do not.
// php-jwt itself is not installed here; JWT::encode takes `array $payload`, so it would
// refuse the bare scalars that this driver still serializes.
//   php ser.php inputs.json > php.tsv

$doc = json_decode(file_get_contents($argv[1]), true, 512, JSON_THROW_ON_ERROR);
$lines = ["#version\tPHP " . PHP_VERSION . ", serialize_precision=" . ini_get('serialize_precision')
          . ", precision=" . ini_get('precision')];
foreach ($doc['cases'] as $c) {
    $value = json_decode($c['text']);
    if ($value instanceof stdClass) {
        $value = (array) $value;
    }
    if (json_last_error() !== JSON_ERROR_NONE) {
        $lines[] = $c['name'] . "\terr\t" . bin2hex('json_decode: ' . json_last_error_msg());
        continue;
    }
    $out = json_encode($value, JSON_UNESCAPED_SLASHES);
    if ($out === false || json_last_error() !== JSON_ERROR_NONE) {
        $lines[] = $c['name'] . "\terr\t" . bin2hex('json_encode: ' . json_last_error_msg());
        continue;
    }
    $lines[] = $c['name'] . "\tok\t" . bin2hex($out);
}
echo implode("\n", $lines), "\n";
