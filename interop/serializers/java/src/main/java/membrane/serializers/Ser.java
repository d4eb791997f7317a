package membrane.serializers;

import com.fasterxml.jackson.core.json.PackageVersion;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.jackson.io.JacksonSerializer;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Serializer driver: Jackson exactly as jjwt-jackson 0.13.0 configures it. The value is
 * written by a real {@code io.jsonwebtoken.jackson.io.JacksonSerializer} (its default
 * ObjectMapper: the jjwt-jackson module, writer without AUTO_CLOSE_TARGET).
 *
 * <p>Values are what a Java caller builds: LinkedHashMap (document order), ArrayList,
 * Long for integer literals, Double for literals with '.', 'e' or 'E', String, Boolean,
 * null. They are read with a separate ObjectMapper (USE_LONG_FOR_INTS), never the one
 * under test.
 *
 * <p>For object inputs it also records, as "check", the payload of a real jjwt-impl
 * token: {@code Jwts.builder().claims(map).compact()} (unsecured), base64url-decoded.
 *
 * <pre>java -jar target/jackson-ser.jar inputs.json &gt; java.tsv</pre>
 */
public final class Ser {
    private static final ObjectMapper READER = new ObjectMapper()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS);

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 2);
        for (byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return sb.toString();
    }

    private static String hex(String s) {
        return hex(s.getBytes(StandardCharsets.UTF_8));
    }

    public static void main(String[] args) throws Exception {
        JsonNode doc = READER.readTree(new File(args[0]));
        JacksonSerializer<Object> ser = new JacksonSerializer<>();
        StringBuilder out = new StringBuilder();
        out.append("#version\tJava ").append(System.getProperty("java.version"))
                .append(", jackson-core ").append(PackageVersion.VERSION)
                .append(", jackson-databind ").append(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION)
                .append(", jjwt-jackson ").append(mavenVersion("io.jsonwebtoken", "jjwt-jackson"))
                .append(", jjwt-impl ").append(mavenVersion("io.jsonwebtoken", "jjwt-impl"))
                .append('\n');
        for (JsonNode c : doc.get("cases")) {
            String name = c.get("name").asText();
            Object value;
            try {
                value = READER.readValue(c.get("text").asText(), Object.class);
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                ser.serialize(value, bytes);
                out.append(name).append("\tok\t").append(hex(bytes.toByteArray())).append('\n');
            } catch (Exception e) {
                out.append(name).append("\terr\t").append(hex(e.getClass().getName() + ": " + e.getMessage())).append('\n');
                continue;
            }
            if (value instanceof Map) {
                try {
                    @SuppressWarnings("unchecked")
                    Map<String, ?> claims = (Map<String, ?>) value;
                    String token = Jwts.builder().claims(claims).compact();
                    String[] parts = token.split("\\.", -1);
                    byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
                    out.append(name).append("\tcheck\t").append(hex(payload)).append('\n');
                } catch (Exception e) {
                    out.append(name).append("\tcheckerr\t").append(hex(e.getClass().getName() + ": " + e.getMessage())).append('\n');
                }
            }
        }
        PrintStream ps = new PrintStream(System.out, false, StandardCharsets.US_ASCII);
        ps.print(out);
        ps.flush();
    }

    /** The version in the pom.properties that Maven puts in every jar (kept by shade). */
    private static String mavenVersion(String group, String artifact) {
        String res = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (java.io.InputStream in = Ser.class.getResourceAsStream(res)) {
            if (in == null) return "?";
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version", "?");
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
