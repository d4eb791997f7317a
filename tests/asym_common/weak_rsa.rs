//! RSA TEST keys outside the default policy, beyond the shared `asym-keys.json` (whose
//! `rsa1024` is the short one): a 2047-bit modulus, one bit short of 2048, and a
//! 2048-bit key with the public exponent 3.
//!
//! TEST KEYS ONLY, published on purpose: never use them for anything real. Generated
//! once on this machine with OpenSSL 3.0.19 (2026-12-02), rather than at test time (RSA
//! key generation is slow in debug builds, and the `rsa` crate and
//! `PrivateKey::generate_rsa` make only standard sizes):
//!
//! ```text
//! openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2047
//! openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -pkeyopt rsa_keygen_pubexp:3
//! ```

/// PKCS#8 PEM of a 2047-bit RSA key, e = 65537.
pub const RSA2047_PKCS8_PEM: &str = "\
-----BEGIN PRIVATE KEY-----\n\
MIIEuwIBADANBgkqhkiG9w0BAQEFAASCBKUwggShAgEAAoIBAGnbyMSvHlNkCqFx\n\
McTRfVWWe8tK8nFwqY/Yc42XWeQevk0A6/iRzh4fxS/QJnMEAdaL3k50bpvF3KE5\n\
lIw59/eZOXnomCwpeoPI9kjxop7YSNmGyJUavZ1+vHJjGxPj2CdICqe5aXqIi7Y5\n\
QAWARwkZzccLv8fSHrAH6QLZodugYox07eb5GVkbhze+fkstR0N4nBeaUxZtndTI\n\
HjyA5GsLdtS/LNPhypxHXT9wJmdteoF2VbKUdwMrOQCwAlBGRreY4C1oy8TtkcjQ\n\
lk9dkRjv1Xb9VIyADVyChg5qS5mc3ciqJfXC0V282LP2SnSle0bhVr7XkzSkAC3d\n\
zAQDfzsCAwEAAQKCAQARnAQb492xlZTHImNbEFY/JJdXTBJkmI88ZI9kYGcNsaeK\n\
e7rFUMvu6u4MdB3RSDteC0ph1rCHrTR0hXWWlhYP1CdhhjW6MvQ0c/u0Sq34qpYD\n\
yY4Yb6hXSLvkc2QPvPk6H5vWJtvLDGfhWkiyIZKviuFWWTf/7443TjmOxdFNDXnZ\n\
HaEXhtXCKnEZrdnvKgLrpHeefsktzSR9L2LaVYGobJIo0/DLlR4WF5tpsQn7RqOS\n\
crov2rkoDpt7aBRXMVtYWZl9uKDkZw6mpbGWnlUyaEqr1ewDST1OZtd9o3bgrHb4\n\
w0C/qUBGQl5JOsS7R3AKIoAMVrHbRzcobfxVA+ghAoGBAN4VbIvknrHIxBj0Hc5w\n\
+kbB1RoBTQ1aMZMlWYbMm23EOqlPLz3q36Uc5nwncr7mi8Zrmi+vbCh0AvuuMvaL\n\
9KZ1VgFtFf9y/4YI6dA1C6j42ugucBhw2Hh+l7cGpNN6O31v5+qk93GKWClnJA2k\n\
ZL6dC8ne+4MoWteoDnI7C8AzAoGAegZs+XzKJfqRruIzyWx+MGrsLbepAB798t3t\n\
3NszSGTTd09pGlzq0C7Lr8xSCnXsrE+STm8/M5Vor02dUOotx6sb/N787wyQwD0Z\n\
WS+wuyncu5e4Bb4SvTedXio4bLUFzh6QskDrr90Zh6AENUBN/yydqLROgk/LbQEc\n\
NnHYHNkCgYB5/grCTbNetYoCqxY0cJsKgy8sOcq5qvHQgpPLGFnI0iHnHzg0KvDv\n\
IhD54jGF696cAD+SMiqXjiKVXftgs0CQr6Ou5N1QlTsHxZ2qYXkmOI0HPXsV8eb3\n\
SZLNVzjzchF7th0PJ89E71m+ZInJdKRikKIJIhPG2EQOcqJ83TJ3QQKBgFpRfz96\n\
ujU6LbKAA0zHXO+BdKayFgjc56Jn2bNrG54t4sego26776F/wYuxc9gCSNeRXf1o\n\
IiOQJxf6HsLRUmlDoUed1SEq78kacDSvM+SUq6i+N5sogL5E99nG7lSn+FAEF52Y\n\
p9pXkJnuOq8flZuV7mv8aU/SuANKmxNBWHChAoGBAKQGkdjIuhXX/oev69pg2URc\n\
K5TfXIRCAMUgjmwKbGY8qwnE2HMDQSPmXjMhNFkmWBQQ4bMD6BflUxpr8OJ66lSh\n\
ECSRGgdGY0Oq2pwOeDh6FjGIfWIE5DzUTnTJKFT8jyg+mK2QtGG2nUHTcNUxxDmb\n\
wJA4fli+Cb89sbqyvqSC\n\
-----END PRIVATE KEY-----\n\
";

/// PKCS#8 PEM of a 2048-bit RSA key with e = 3.
pub const RSA_E3_PKCS8_PEM: &str = "\
-----BEGIN PRIVATE KEY-----\n\
MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQC0aqsAtoBpUkq8\n\
inFRZ0b5fy1zB6FviBf8PGKqFmchfLMFRnY7fsne6dRtDipORKfzQLDvSdsNW+cH\n\
iIjGA3iFTLWIj7VHduzoOh346sI8THfMeoe6tTZMmJ7aIo08HaFFXq89VLR3S3X7\n\
HxnUt4a85/H39giGGwu5u+TuKbYojqzSWTKlYDOSqyt5yGZqwwv4D+XwcFQlLexT\n\
C9WSSl9QXKNH0xY/3EdNvOwZDeiBjSwne6gx2kCNkJvKOD8M7DQrAnrCdYl//YrW\n\
z7fuZohrIXjOMkBfTEcU67A5iYWJqcV2dXefZu8H9xSEpaJJUxbYrPeZ4Z+KtSmx\n\
jlQmSBElAgEDAoIBAHhHHKskVZuMMdMG9jZE2fuqHkyvwPUFZVLS7HFkRMD9zK4u\n\
+Xz/MT9GjZ4JcYmDGqIrIJ+Gkgjn71pbBdlXpa4zI7Bfzi+knfAmvqXx1tLdpTL8\n\
Wnx4zt27FJFsXigTwNjpyijjIvoyTqdqETh6WdNFS/qkBa68snvSmJ7GeXBd/Zqm\n\
Jc11WOE2ASEwWq89I8gc9A1Vpo0/AHfuDYDkvQ7TDuCsV1kTCw0yDhGVXU7u/pum\n\
BjeiuHp7Ee3JZs/OfTZvcm7DIYYiD9hxjscoXQFPqTE4YdkX9X9hEk1S0s9PyKRV\n\
7fcYjSheSFxlKDngh9hU3Sx4aYTme3C+w6fn+6sCgYEA79qKSHDaIkBsIyc2uyhf\n\
rK4HkuzZkIN7VGj6uspFTLuuNYisEunba4cIEnv3+QtHjhFlNM4i61t97JLAO+Sy\n\
TpdyqdsL+c/Om/RrvtgTRpj2mBDpdTk55XSjoz9dNRlpDKCEeCM2SQVxCB7g+hPB\n\
AxxqSSKLlQJfib1borEjUGECgYEAwI/VsYBWDABuBqDJIzuHqZ3c5O+WSc3UFzYs\n\
Boat9v5x124kgFBkSzLpxIK143/fICydahBDQHpaFFLJ6PCEKcHopUFE3Wb71x25\n\
ouuWtlAzYvN0OGBucWE2cYYwFDlJC99wGomL0kX4n9ss697BR/fDYrShbED75ssU\n\
i/lIx0UCgYEAn+cG2vXmwYBIF2950hrqcx6vt0iRCwJSOEX8fIbY3dJ0I7Byt0aS\n\
R69atv1P+1zaXrZDeIlsnOepSGHVfUMhibpMcTyypoqJvU2dKeViLxCkZWCbo3t7\n\
7k3CbNTozhDwsxWtpWzO21j2BWnrUWKArL2cMMGyY1bqW9OSbHYXiusCgYEAgF/j\n\
y6rkCABJWcCGF30FG76TQ0pkMTPiuiQdWa8epKmhOkltquBC3Myb2Fcj7P/qFXMT\n\
nArXgFGRYuHb8KBYG9abGNYt6O9Sj2kmbJ0PJDV3l0z4JZWe9kDO9ll1YtDbXT+g\n\
EbEH4YP7FTzInT8rhU/XlyMWSCtSmdy4XVDbL4MCgYADoE3uhYFhmOmD3RB6t0u4\n\
eqXbpFywqTAKpacm7IGN3egQ+2JfpCsYtZUqYH7i/PzbqI22mmvFbxT4JmIm6w5J\n\
1m6fqpZ4pgoy+5oX6BZ1bsAGOOLiN57gYb+YkxOSNe1+68VfE3W2o6zWE4kCond9\n\
UtXFEG3N+sKP+n/B3spM1A==\n\
-----END PRIVATE KEY-----\n\
";
