package ai.adoption.testinfra;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DevTokensTest {

    @Test
    void tokenSignatureVerifiesWithTheDevPublicKey() throws Exception {
        String token = DevTokens.mint("alice", Set.of("approver", "viewer"), "finance");
        String[] parts = token.split("\\.");
        assertEquals(3, parts.length);

        PublicKey publicKey = DevTokens.loadPublicKey(DevTokens.publicKeyPath());
        assertEquals(publicKey, DevTokens.publicKey());
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initVerify(publicKey);
        signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(signature.verify(Base64.getUrlDecoder().decode(parts[2])));

        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        assertTrue(header.contains("\"alg\":\"RS256\""));
        String payload = DevTokens.payloadJson(token);
        assertTrue(payload.contains("\"iss\":\"ai-adoption-dev\""), payload);
        assertTrue(payload.contains("\"sub\":\"alice\""), payload);
        assertTrue(payload.contains("\"upn\":\"alice\""), payload);
        assertTrue(payload.contains("\"groups\":[\"approver\",\"viewer\"]"), payload);
        assertTrue(payload.contains("\"department\":\"finance\""), payload);
        assertTrue(payload.matches(".*\"iat\":\\d+,\"exp\":\\d+,\"jti\":\"[0-9a-f-]{36}\".*"), payload);
    }

    @Test
    void tamperedTokenDoesNotVerify() {
        String token = DevTokens.mint("bob", Set.of("viewer"), null, Duration.ofMinutes(5));
        PublicKey publicKey = DevTokens.loadPublicKey(DevTokens.publicKeyPath());
        assertTrue(DevTokens.verifySignature(token, publicKey));
        assertFalse(DevTokens.payloadJson(token).contains("department"));

        String[] parts = token.split("\\.");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                DevTokens.payloadJson(token).replace("viewer", "admin").getBytes(StandardCharsets.UTF_8));
        assertFalse(DevTokens.verifySignature(parts[0] + "." + forged + "." + parts[2], publicKey));
    }

    @Test
    void bundledKeysMatchTheCommittedFiles() throws Exception {
        try (var in = getClass().getClassLoader().getResourceAsStream(DevTokens.BUNDLED_KEYS + "dev-public-key.pem")) {
            assertEquals(java.nio.file.Files.readString(DevTokens.publicKeyPath()),
                    new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void jsonStringsAreEscaped() {
        assertEquals("\"a\\\"b\\\\c\\nd\\u0001\"", DevTokens.jsonString("a\"b\\c\nd\u0001"));
    }
}
