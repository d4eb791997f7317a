package membrane.interop;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import io.jsonwebtoken.security.MacAlgorithm;
import io.jsonwebtoken.security.SignatureAlgorithm;

import javax.crypto.SecretKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Runs jjwt the way a Java user of Membrane's quick start would, for
 * membrane-token's interop checks. One JVM handles a whole batch:
 *
 * <pre>
 *   driver sign   &lt; cases.jsonl &gt; out.jsonl   one {"name","token"|"refused"} per case
 *   driver verify &lt; in.jsonl    &gt; out.jsonl   one {"name","ok"[,"error"]} per case
 *   driver version                            jjwt, Jackson and JDK versions, one line
 * </pre>
 *
 * HMAC lines carry {@code secret}; public-key lines (RS*, PS*, ES*, EdDSA)
 * carry {@code private_key} (PKCS#8 PEM) to sign and {@code public_key} (SPKI
 * PEM) to verify, loaded with the JDK's KeyFactory (RSA, EC, Ed25519: JDK 15+).
 *
 * Each input line is handled on its own: whatever goes wrong with one line
 * becomes that line's result and the driver goes on with the next.
 */
public final class Driver {

    /** Reads our input and writes our output; jjwt uses its own ObjectMapper. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * Verification of public-key tokens runs at INTEROP_NOW (default 1799993000),
     * the --now the CLI gets: the reference vectors' tokens expire in 2027.
     */
    private static final long NOW = Long.parseLong(System.getenv().getOrDefault("INTEROP_NOW", "1799993000"));

    /** Parsed keys, per PEM text: a program loads its key once. */
    private static final Map<String, PrivateKey> PRIVATE_KEYS = new HashMap<>();
    private static final Map<String, PublicKey> PUBLIC_KEYS = new HashMap<>();

    private Driver() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 1 && args[0].equals("version")) {
            System.out.println(version());
            return;
        }
        if (args.length != 1 || !(args[0].equals("sign") || args[0].equals("verify"))) {
            System.err.println("usage: driver sign|verify|version < in.jsonl > out.jsonl");
            System.exit(2);
        }
        boolean signing = args[0].equals("sign");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                Map<String, Object> result = signing ? sign(line) : verify(line);
                out.write(JSON.writeValueAsString(result));
                out.write('\n');
            }
        }
    }

    /**
     * The versions really on the classpath (from the pom.properties that each
     * jar carries, which the shaded jar keeps) and of the JVM running us. The
     * JDK's feature version matters: jjwt writes doubles with Double.toString,
     * which prints the shortest digits only from JDK 19 on.
     */
    static String version() {
        String jjwt = artifactVersion("io.jsonwebtoken", "jjwt-api");
        String impl = artifactVersion("io.jsonwebtoken", "jjwt-impl");
        String lib = jjwt.equals(impl) ? jjwt : jjwt + ", jjwt-impl " + impl;
        return "jjwt " + lib
                + " (Jackson " + artifactVersion("com.fasterxml.jackson.core", "jackson-databind")
                + ", jackson-core " + artifactVersion("com.fasterxml.jackson.core", "jackson-core")
                + ", JDK " + Runtime.version()
                + " " + System.getProperty("java.vendor", "?")
                + " at " + System.getProperty("java.home", "?") + ")";
    }

    static String artifactVersion(String group, String artifact) {
        String path = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = Driver.class.getResourceAsStream(path)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    static Map<String, Object> sign(String line) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", ""); // stays first, and present even when the line is unreadable
        Map<String, Object> c;
        Map<String, Object> claims;
        MacAlgorithm alg;
        try {
            c = readObject(line);
            r.put("name", c.get("name"));
            claims = readObject((String) c.get("claims"));
            if (c.containsKey("private_key")) {
                return signAsymmetric(r, c, claims);
            }
            alg = macAlgorithm((String) c.get("alg"));
        } catch (Exception | StackOverflowError e) {
            r.put("refused", "driver: bad input: " + e);
            return r;
        }
        try {
            // jjwt's documented way for an existing HMAC secret: Keys.hmacShaKeyFor
            // on its bytes, then signWith(key, alg) to pin the algorithm.
            SecretKey key = Keys.hmacShaKeyFor(((String) c.get("secret")).getBytes(StandardCharsets.UTF_8));
            String token = Jwts.builder().claims(claims).signWith(key, alg).compact();
            r.put("token", token);
        } catch (Exception | StackOverflowError e) {
            // jjwt would not sign: a key shorter than the hash output, or a claim
            // value of the wrong type for a registered claim (iss, sub, jti...).
            r.put("refused", describe(e));
        }
        return r;
    }

    /**
     * The shared vectors' call: signWith(privateKey, Jwts.SIG.&lt;alg&gt;), the
     * key from KeyFactory(RSA|EC|Ed25519).generatePrivate(PKCS8EncodedKeySpec).
     */
    static Map<String, Object> signAsymmetric(Map<String, Object> r, Map<String, Object> c, Map<String, Object> claims) {
        SignatureAlgorithm alg;
        PrivateKey key;
        try {
            alg = signatureAlgorithm((String) c.get("alg"));
            key = privateKey((String) c.get("alg"), (String) c.get("private_key"));
        } catch (Exception e) {
            r.put("refused", "driver: bad key or alg: " + e);
            return r;
        }
        try {
            r.put("token", Jwts.builder().claims(claims).signWith(key, alg).compact());
        } catch (Exception | StackOverflowError e) {
            r.put("refused", describe(e));
        }
        return r;
    }

    /**
     * The shared vectors' verify_call: the parser's clock frozen, its algorithm
     * set cleared down to the pinned one, the SPKI public key.
     */
    static void verifyAsymmetric(Map<String, Object> r, Map<String, Object> c) throws Exception {
        String alg = (String) c.get("alg");
        SignatureAlgorithm sig = signatureAlgorithm(alg);
        PublicKey key = publicKey(alg, (String) c.get("public_key"));
        Jws<Claims> jws = Jwts.parser()
                .clock(() -> new Date(NOW * 1000L))
                .sig().clear().add(sig).and()
                .verifyWith(key)
                .build()
                .parseSignedClaims((String) c.get("token"));
        String got = jws.getHeader().getAlgorithm();
        r.put("ok", alg.equals(got));
        if (!alg.equals(got)) {
            r.put("error", "driver: token alg " + got + " is not the pinned " + alg);
        }
    }

    static SignatureAlgorithm signatureAlgorithm(String alg) {
        switch (String.valueOf(alg)) {
            case "RS256": return Jwts.SIG.RS256;
            case "RS384": return Jwts.SIG.RS384;
            case "RS512": return Jwts.SIG.RS512;
            case "PS256": return Jwts.SIG.PS256;
            case "PS384": return Jwts.SIG.PS384;
            case "PS512": return Jwts.SIG.PS512;
            case "ES256": return Jwts.SIG.ES256;
            case "ES384": return Jwts.SIG.ES384;
            case "ES512": return Jwts.SIG.ES512;
            case "EdDSA": return Jwts.SIG.EdDSA;
            default: throw new IllegalArgumentException("unknown alg " + alg);
        }
    }

    /** The JDK KeyFactory algorithm for a JOSE alg's key type. */
    static String keyFactoryName(String alg) {
        if (alg.startsWith("RS") || alg.startsWith("PS")) {
            return "RSA";
        }
        return alg.startsWith("ES") ? "EC" : "Ed25519";
    }

    static byte[] pemBody(String pem) {
        if (pem == null) {
            throw new IllegalArgumentException("missing PEM");
        }
        String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    static PrivateKey privateKey(String alg, String pem) throws GeneralSecurityException {
        PrivateKey k = PRIVATE_KEYS.get(pem);
        if (k == null) {
            k = KeyFactory.getInstance(keyFactoryName(alg)).generatePrivate(new PKCS8EncodedKeySpec(pemBody(pem)));
            PRIVATE_KEYS.put(pem, k);
        }
        return k;
    }

    static PublicKey publicKey(String alg, String pem) throws GeneralSecurityException {
        PublicKey k = PUBLIC_KEYS.get(pem);
        if (k == null) {
            k = KeyFactory.getInstance(keyFactoryName(alg)).generatePublic(new X509EncodedKeySpec(pemBody(pem)));
            PUBLIC_KEYS.put(pem, k);
        }
        return k;
    }

    static Map<String, Object> verify(String line) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", "");
        try {
            Map<String, Object> c = readObject(line);
            r.put("name", c.get("name"));
            if (c.containsKey("public_key")) {
                verifyAsymmetric(r, c);
                return r;
            }
            String alg = (String) c.get("alg");
            macAlgorithm(alg); // reject an unknown alg up front, as sign does
            SecretKey key = Keys.hmacShaKeyFor(((String) c.get("secret")).getBytes(StandardCharsets.UTF_8));
            Jws<Claims> jws = Jwts.parser().verifyWith(key).build().parseSignedClaims((String) c.get("token"));
            // jjwt's parser takes the algorithm from the token's header and only
            // checks that the key is long enough for it; it has no option to pin
            // one. A careful user compares the header afterwards, so we do too.
            String got = jws.getHeader().getAlgorithm();
            r.put("ok", alg.equals(got));
            if (!alg.equals(got)) {
                r.put("error", "driver: token alg " + got + " is not the pinned " + alg);
            }
        } catch (Exception | StackOverflowError e) {
            r.put("ok", false);
            r.put("error", describe(e));
        }
        return r;
    }

    static MacAlgorithm macAlgorithm(String alg) {
        switch (String.valueOf(alg)) {
            case "HS256": return Jwts.SIG.HS256;
            case "HS384": return Jwts.SIG.HS384;
            case "HS512": return Jwts.SIG.HS512;
            default: throw new IllegalArgumentException("unknown alg " + alg);
        }
    }

    /**
     * The exception's simple class name and message, plus the cause's class:
     * jjwt 0.13 reports a short key at compact() as a SignatureException whose
     * cause is the WeakKeyException, and callers should be able to see both.
     */
    static String describe(Throwable e) {
        String s = e.getClass().getSimpleName() + ": " + e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause != e) {
            s += " [cause: " + cause.getClass().getSimpleName() + "]";
        }
        return s;
    }

    /**
     * Parses the JSON text of an object into what a Java user would build by
     * hand: LinkedHashMap (keeps the caller's member order), ArrayList, String,
     * Boolean, null, Long for integer literals (BigInteger beyond Long), Double
     * for literals with a fraction or exponent.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> readObject(String text) throws IOException {
        if (text == null) {
            throw new IllegalArgumentException("missing JSON text");
        }
        Object v = natural(JSON.readValue(text, Object.class));
        if (!(v instanceof Map)) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return (Map<String, Object>) v;
    }

    @SuppressWarnings("unchecked")
    static Object natural(Object v) {
        if (v instanceof Map) {
            Map<String, Object> m = (Map<String, Object>) v;
            m.replaceAll((k, e) -> natural(e));
            return m;
        }
        if (v instanceof List) {
            List<Object> l = new ArrayList<>((List<Object>) v);
            l.replaceAll(Driver::natural);
            return l;
        }
        // Jackson picks Integer for small integer literals; code that builds
        // claims with Unix times and counts uses long, and Jackson prints both alike.
        if (v instanceof Integer) {
            return ((Integer) v).longValue();
        }
        if (v instanceof Double && !Double.isFinite((Double) v)) {
            // Java has no literal for it (1e400 does not compile), so no user claim can hold it.
            throw new IllegalArgumentException("number out of double range");
        }
        return v;
    }
}
