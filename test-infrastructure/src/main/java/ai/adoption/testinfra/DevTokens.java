package ai.adoption.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Mints RS256-signed development JWTs (claims {@code iss}, {@code sub}, {@code aud}, {@code upn}, {@code groups},
 * optional {@code department}, {@code iat}, {@code exp}, {@code jti}) with the committed DEVELOPMENT-ONLY key in
 * {@code deploy/dev-keys/}. Issuer: {@value #ISSUER}, audience: {@value #AUDIENCE}.
 *
 * <p>Uses only the JDK, and no other project class, so it also runs as a single-file source program:
 * <pre>
 * java test-infrastructure/src/main/java/ai/adoption/testinfra/DevTokens.java \
 *      --role approver --department finance [--subject alice] [--ttl-minutes 600] [--key PEM]
 * </pre>
 * which prints only the token on standard output ({@code --role} may be repeated; {@code --roles a,b} also works).
 *
 * <p>Private key lookup: system property {@value #PRIVATE_KEY_PROPERTY}, else environment variable
 * {@code DEVTOKENS_PRIVATE_KEY}, else {@code deploy/dev-keys/dev-private-key.pem} found by walking up from the
 * current directory, else (when used from the jar) the copy bundled under {@value #BUNDLED_KEYS}. The public
 * key is found the same way ({@value #PUBLIC_KEY_PROPERTY}, {@code DEVTOKENS_PUBLIC_KEY},
 * {@code deploy/dev-keys/dev-public-key.pem}, bundled copy).
 */
public final class DevTokens {

    /** The {@code iss} claim of every dev token; configure {@code mp.jwt.verify.issuer} with it. */
    public static final String ISSUER = "ai-adoption-dev";
    /** The audience every service checks ({@code mp.jwt.verify.audiences}). */
    public static final String AUDIENCE = "ai-adoption";
    /** System property naming the PKCS#8 PEM private key file. */
    public static final String PRIVATE_KEY_PROPERTY = "devtokens.private-key";
    /** System property naming the X.509 PEM public key file. */
    public static final String PUBLIC_KEY_PROPERTY = "devtokens.public-key";
    /** Token lifetime used when none is given: one hour. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);

    private static final String KEY_DIR = "deploy/dev-keys";
    private static final String PRIVATE_KEY_FILE = "dev-private-key.pem";
    private static final String PUBLIC_KEY_FILE = "dev-public-key.pem";
    /** Class-path folder holding a copy of both PEM files (added to the jar by the Maven build). */
    public static final String BUNDLED_KEYS = "ai/adoption/testinfra/dev-keys/";

    private DevTokens() {
    }

    /** Mints a token valid for {@link #DEFAULT_TTL}; {@code department} may be {@code null} (claim omitted). */
    public static String mint(String subject, Set<String> roles, String department) {
        return mint(subject, roles, department, DEFAULT_TTL);
    }

    /** Mints a token valid for {@code ttl}; {@code department} may be {@code null} (claim omitted). */
    public static String mint(String subject, Set<String> roles, String department, Duration ttl) {
        return mint(subject, roles, department, ttl, privateKey());
    }

    /** Mints a token signed with {@code key}; {@code department} may be {@code null} (claim omitted). */
    public static String mint(String subject, Collection<String> roles, String department, Duration ttl,
                              PrivateKey key) {
        return mint(subject, roles, department, ttl, key, AUDIENCE);
    }

    /** Mints a token for {@code audience} ({@code null}: no {@code aud} claim), signed with {@code key}. */
    public static String mint(String subject, Collection<String> roles, String department, Duration ttl,
                              PrivateKey key, String audience) {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("subject must not be blank");
        }
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        long now = Instant.now().getEpochSecond();
        StringBuilder claims = new StringBuilder("{");
        claims.append("\"iss\":").append(jsonString(ISSUER));
        claims.append(",\"sub\":").append(jsonString(subject));
        if (audience != null) {
            claims.append(",\"aud\":").append(jsonString(audience));
        }
        claims.append(",\"upn\":").append(jsonString(subject));
        claims.append(",\"groups\":[");
        boolean first = true;
        for (String role : new TreeSet<>(roles == null ? Set.of() : roles)) {
            claims.append(first ? "" : ",").append(jsonString(role));
            first = false;
        }
        claims.append(']');
        if (department != null) {
            claims.append(",\"department\":").append(jsonString(department));
        }
        claims.append(",\"iat\":").append(now);
        claims.append(",\"exp\":").append(now + ttl.toSeconds());
        claims.append(",\"jti\":").append(jsonString(UUID.randomUUID().toString()));
        claims.append('}');

        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign token", e);
        }
    }

    /** Whether {@code token}'s RS256 signature is valid for {@code key} (does not check claims or expiry). */
    public static boolean verifySignature(String token, PublicKey key) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key);
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return signature.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The decoded JSON payload (claims) of {@code token}, unverified. */
    public static String payloadJson(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a JWS compact token");
        }
        return new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    }

    /**
     * The dev private key: from {@link #privateKeyPath()} if that finds a file, else from the copy bundled in this
     * jar ({@value #BUNDLED_KEYS}{@code dev-private-key.pem}).
     */
    public static PrivateKey privateKey() {
        Path path;
        try {
            path = privateKeyPath();
        } catch (IllegalStateException notFound) {
            return (PrivateKey) bundledKey(PRIVATE_KEY_FILE, "PRIVATE KEY", notFound);
        }
        return loadPrivateKey(path);
    }

    /**
     * The dev public key: from {@link #publicKeyPath()} if that finds a file, else from the copy bundled in this
     * jar ({@value #BUNDLED_KEYS}{@code dev-public-key.pem}, also usable as a class-path
     * {@code mp.jwt.verify.publickey.location} in tests).
     */
    public static PublicKey publicKey() {
        Path path;
        try {
            path = publicKeyPath();
        } catch (IllegalStateException notFound) {
            return (PublicKey) bundledKey(PUBLIC_KEY_FILE, "PUBLIC KEY", notFound);
        }
        return loadPublicKey(path);
    }

    /** Location of the private key (see class Javadoc for the lookup order); throws if there is no such file. */
    public static Path privateKeyPath() {
        return keyPath(PRIVATE_KEY_PROPERTY, "DEVTOKENS_PRIVATE_KEY", PRIVATE_KEY_FILE);
    }

    /**
     * Location of the public key, e.g. for {@code mp.jwt.verify.publickey.location} in tests; throws if there is
     * no such file.
     */
    public static Path publicKeyPath() {
        return keyPath(PUBLIC_KEY_PROPERTY, "DEVTOKENS_PUBLIC_KEY", PUBLIC_KEY_FILE);
    }

    /** Reads an RSA private key from a PKCS#8 PEM file ({@code -----BEGIN PRIVATE KEY-----}). */
    public static PrivateKey loadPrivateKey(Path pem) {
        try {
            byte[] der = pemBody(pem, "PRIVATE KEY");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Not an RSA PKCS#8 private key: " + pem, e);
        }
    }

    /** Reads an RSA public key from an X.509 PEM file ({@code -----BEGIN PUBLIC KEY-----}). */
    public static PublicKey loadPublicKey(Path pem) {
        try {
            byte[] der = pemBody(pem, "PUBLIC KEY");
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Not an RSA public key: " + pem, e);
        }
    }

    /**
     * Command line: {@code [--subject S] --role R [--role R2 | --roles R2,R3] [--department D]
     * [--ttl-minutes N] [--key PEM]}; prints the token alone on standard output.
     */
    public static void main(String[] args) {
        String subject = null;
        List<String> roles = new ArrayList<>();
        String department = null;
        long ttlMinutes = DEFAULT_TTL.toMinutes();
        Path key = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--subject" -> subject = value(args, ++i, arg);
                    case "--role" -> roles.add(value(args, ++i, arg));
                    case "--roles" -> {
                        for (String r : value(args, ++i, arg).split(",")) {
                            if (!r.isBlank()) {
                                roles.add(r.trim());
                            }
                        }
                    }
                    case "--department" -> department = value(args, ++i, arg);
                    case "--ttl-minutes" -> ttlMinutes = Long.parseLong(value(args, ++i, arg));
                    case "--key" -> key = Paths.get(value(args, ++i, arg));
                    case "-h", "--help" -> {
                        usage();
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown argument: " + arg);
                }
            }
            if (roles.isEmpty()) {
                throw new IllegalArgumentException("at least one --role is required");
            }
            if (subject == null) {
                subject = "dev-" + roles.get(0);
            }
            PrivateKey privateKey = key != null ? loadPrivateKey(key) : privateKey();
            System.out.println(mint(subject, roles, department, Duration.ofMinutes(ttlMinutes), privateKey));
        } catch (RuntimeException e) {
            System.err.println("DevTokens: " + e.getMessage());
            usage();
            System.exit(2);
        }
    }

    private static void usage() {
        System.err.println("usage: java DevTokens.java --role ROLE [--role ROLE2 | --roles R1,R2]"
                + " [--department DEPT] [--subject NAME] [--ttl-minutes N] [--key PRIVATE_KEY_PEM]");
    }

    private static java.security.Key bundledKey(String fileName, String type, IllegalStateException notFound) {
        try (java.io.InputStream in = DevTokens.class.getClassLoader() == null ? null
                : DevTokens.class.getClassLoader().getResourceAsStream(BUNDLED_KEYS + fileName)) {
            if (in == null) {
                throw notFound;
            }
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            byte[] der = pemBody(pem, type, BUNDLED_KEYS + fileName);
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            return type.equals("PRIVATE KEY")
                    ? rsa.generatePrivate(new PKCS8EncodedKeySpec(der))
                    : rsa.generatePublic(new X509EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read bundled key " + BUNDLED_KEYS + fileName, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Bad bundled key " + BUNDLED_KEYS + fileName, e);
        }
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static Path keyPath(String property, String envVariable, String fileName) {
        String configured = System.getProperty(property);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(envVariable);
        }
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured);
        }
        Path start = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(KEY_DIR).resolve(fileName);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("Cannot find " + KEY_DIR + "/" + fileName + " in " + start
                + " or any parent directory; set -D" + property + "=PATH or " + envVariable);
    }

    private static byte[] pemBody(Path pem, String type) {
        try {
            return pemBody(Files.readString(pem, StandardCharsets.US_ASCII), type, pem.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read key file " + pem, e);
        }
    }

    private static byte[] pemBody(String text, String type, String source) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException(source + " has no '" + begin + "' block");
        }
        String body = text.substring(from + begin.length(), to).replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Encodes {@code s} as a JSON string literal (RFC 8259 escaping). */
    static String jsonString(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
