<?php
// Serializer driver: PHP's json_encode as firebase/php-jwt's JWT::jsonEncode calls it,
// json_encode($input, JSON_UNESCAPED_SLASHES), on the array that
// json_decode($text, true) gives (what a PHP caller builds: int for integer literals,
// float otherwise, arrays keep insertion order, numeric-string keys become int keys).
// php-jwt itself is not installed here; JWT::encode takes `array $payload`, so it would
// refuse the bare scalars that this driver still serializes.
//   php ser.php inputs.json > php.tsv

$doc = json_decode(file_get_contents($argv[1]), true, 512, JSON_THROW_ON_ERROR);
$lines = ["#version\tPHP " . PHP_VERSION . ", serialize_precision=" . ini_get('serialize_precision')
          . ", precision=" . ini_get('precision')];
foreach ($doc['cases'] as $c) {
    $value = json_decode($c['text'], true);
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
