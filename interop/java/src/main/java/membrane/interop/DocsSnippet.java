package membrane.interop;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.SignatureAlgorithm;

import javax.crypto.spec.SecretKeySpec;
import java.time.Instant;
import java.util.Date;

/**
 * Membrane's Java quick-start snippet as written (deprecated setExpiration and
 * signWith(Key, SignatureAlgorithm) included), with Instant.now() replaced by
 * a fixed instant so that the token is reproducible. Prints the token.
 *
 * <pre>java -cp target/jjwt-driver.jar membrane.interop.DocsSnippet KEY TENANT NAME SECRET NOW_UNIX</pre>
 */
public final class DocsSnippet {

    private DocsSnippet() {
    }

    @SuppressWarnings("deprecation") // the snippet uses jjwt's pre-0.12 API; that is the point
    public static void main(String[] args) {
        if (args.length != 5) {
            System.err.println("usage: DocsSnippet KEY TENANT NAME SECRET NOW_UNIX");
            System.exit(2);
        }
        Instant now = Instant.ofEpochSecond(Long.parseLong(args[4]));
        String token = Jwts.builder()
                .claim("workspaceKey", args[0])
                .claim("tenantKey", args[1])
                .claim("name", args[2])
                .setExpiration(Date.from(now.plusSeconds(7200)))
                // getBytes() without a charset, as the docs have it: the secret is ASCII.
                .signWith(new SecretKeySpec(args[3].getBytes(), "HmacSHA256"), SignatureAlgorithm.HS256)
                .compact();
        System.out.println(token);
    }
}
