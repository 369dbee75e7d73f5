import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;

import ai.adoption.eventsourcing.security.CachingJwtParser;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;

/**
 * CPU time (this thread's, so other load on the machine does not count) of one bearer-token check:
 * smallrye-jwt's DefaultJWTParser.parse (what every request paid) and CachingJwtParser.parse on a
 * cached token. Run by benchmark/jwt-cost.sh: java -cp <a service's lib/main/*> JwtCost.java KEY TOKEN N
 */
public class JwtCost {
    public static void main(String[] args) throws Exception {
        String pem = Files.readString(Path.of(args[0])).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        String token = Files.readString(Path.of(args[1])).trim();
        int n = Integer.parseInt(args[2]);
        JWTAuthContextInfo info = new JWTAuthContextInfo(key, "ai-adoption-dev");
        DefaultJWTParser plain = new DefaultJWTParser(info);
        CachingJwtParser cached = new CachingJwtParser(new DefaultJWTParser(info), info, new SimpleMeterRegistry(), 2048,
                Duration.ofMinutes(5));
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= 5; round++) { // the first rounds warm the JIT up
            System.out.printf("round %d: DefaultJWTParser.parse %.1f us CPU, CachingJwtParser.parse (hit) %.2f us CPU%n",
                    round, perCall(plain, token, n, cpu), perCall(cached, token, n * 10, cpu));
        }
    }

    private static double perCall(JWTParser parser, String token, int n, ThreadMXBean cpu) throws Exception {
        long t0 = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            if (parser.parse(token).getSubject() == null) {
                throw new IllegalStateException("no subject");
            }
        }
        return (cpu.getCurrentThreadCpuTime() - t0) / 1000.0 / n;
    }
}
