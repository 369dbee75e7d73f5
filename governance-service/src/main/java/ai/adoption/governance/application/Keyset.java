package ai.adoption.governance.application;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.UUID;

/**
 * Where the next page of a register list starts (README, "Paging the register"), and the knowledge
 * point (and business date) that the first page used: every later page answers at the same point, so
 * a walk is one consistent snapshot whatever is written meanwhile. {@code key} and {@code id} are the
 * list's sort key of the row to resume at; {@code skip} how many items of that row were given already
 * (a system has several compliance gaps). Opaque to callers: base64url of a versioned text.
 */
public record Keyset(Instant knownAt, LocalDate asOf, String key, UUID id, int skip) {

    /** A cursor longer than this is not one we issued (a system's name is at most 200 characters). */
    static final int MAX_LENGTH = 2048;
    private static final String VERSION = "k1";
    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999Z");

    public String encode() {
        String text = String.join("\n", VERSION, knownAt.toString(), asOf == null ? "" : asOf.toString(), id.toString(),
                Integer.toString(skip), key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a page answered as {@code next}; IllegalArgumentException when it is not one. */
    public static Keyset decode(String cursor) {
        if (cursor.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("too long");
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = text.split("\n", 6);
            if (parts.length != 6 || !VERSION.equals(parts[0])) {
                throw new IllegalArgumentException("unknown format");
            }
            int skip = Integer.parseInt(parts[4]);
            if (skip < 0) {
                throw new IllegalArgumentException("negative skip");
            }
            Instant knownAt = Instant.parse(parts[1]);
            LocalDate asOf = parts[2].isEmpty() ? null : LocalDate.parse(parts[2]);
            // what the queries accept: years 0001-9999, as in every date and instant of a request
            if (knownAt.isBefore(FIRST) || knownAt.isAfter(LAST) || asOf != null && (asOf.getYear() < 1 || asOf.getYear() > 9999)) {
                throw new IllegalArgumentException("out of range");
            }
            return new Keyset(knownAt, asOf, parts[5], UUID.fromString(parts[3]), skip);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a cursor of this list", e);
        }
    }
}
