package ai.adoption.eventsourcing.web;

import ai.adoption.eventsourcing.command.ExpectedVersion;

import jakarta.ws.rs.core.EntityTag;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** Parsing of request values shared by every resource: ids, If-Match versions, ETags, paging. */
public final class Requests {

    public static final int MAX_PAGE_SIZE = 100;
    public static final String DATE_RULE = "must be an ISO-8601 date (yyyy-MM-dd) from 0001-01-01 to 9999-12-31, such as 2026-11-23";
    public static final String UUID_RULE = "must be a UUID such as 3f2c8a4e-5b1d-4c6e-9f7a-2d8b1e0c4a5f";
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** RFC 9110 entity-tag: [W/] DQUOTE *etagc DQUOTE, etagc = %x21 / %x23-7E / obs-text. */
    private static final Pattern ENTITY_TAG = Pattern.compile("(W/)?\"([\\x21\\x23-\\x7E\\x80-\\xFF]*)\"");
    private static final Pattern VERSION = Pattern.compile("\\d{1,18}");

    private Requests() {
    }

    public static UUID uuid(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInput(field, "is required");
        }
        UUID id = canonicalUuid(raw.trim());
        if (id == null) {
            throw new InvalidInput(field, UUID_RULE);
        }
        return id;
    }

    /** The UUID in its canonical 8-4-4-4-12 hexadecimal form, or null. */
    public static UUID canonicalUuid(String raw) {
        if (raw == null || !UUID_TEXT.matcher(raw).matches()) {
            return null;
        }
        return UUID.fromString(raw);
    }

    /**
     * {@code If-Match: "3"} means the caller last saw version 3; absent means any, as does {@code *}.
     * The header must follow RFC 9110 ({@code *} or a list of entity-tags): anything else is a 400.
     * If-Match uses the strong comparison, so a weak tag ({@code W/"3"}) or a tag that is not one of our
     * versions can never match: 412, as for a stale version.
     */
    public static ExpectedVersion ifMatch(String header) {
        if (header == null) {
            return ExpectedVersion.ANY;
        }
        String value = header.trim();
        if (value.equals("*")) {
            return ExpectedVersion.ANY;
        }
        List<String> strong = new ArrayList<>();
        boolean any = false;
        for (String member : splitList(value)) {
            java.util.regex.Matcher tag = ENTITY_TAG.matcher(member);
            if (!tag.matches()) {
                throw new InvalidInput("If-Match", "must be * or the ETag of the resource in quotes, e.g. \"3\"");
            }
            any = true;
            if (tag.group(1) == null && VERSION.matcher(tag.group(2)).matches()) {
                strong.add(tag.group(2));
            }
        }
        if (!any) {
            throw new InvalidInput("If-Match", "must be * or the ETag of the resource in quotes, e.g. \"3\"");
        }
        List<String> versions = strong.stream().map(v -> Long.toString(Long.parseLong(v))).distinct().toList();
        if (versions.isEmpty()) {
            throw new PreconditionFailed("If-Match", "matches no current version: a weak or unknown ETag never matches (strong comparison)");
        }
        if (versions.size() > 1) {
            throw new InvalidInput("If-Match", "must name one version of the resource, e.g. \"3\"");
        }
        return ExpectedVersion.exactly(Long.parseLong(versions.get(0)));
    }

    /** The members of a comma-separated header list; commas inside quotes belong to the tag. */
    private static List<String> splitList(String value) {
        List<String> members = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                members.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        members.add(current.toString().trim());
        if (quoted || members.stream().anyMatch(String::isEmpty)) {
            throw new InvalidInput("If-Match", "must be * or the ETag of the resource in quotes, e.g. \"3\"");
        }
        return members;
    }

    /** An optional text query parameter: trimmed, and null when blank. */
    public static String text(String raw) {
        return raw == null || raw.isBlank() ? null : raw.trim();
    }

    /**
     * An optional enum query parameter: the exact constant name (case-sensitive, as in JSON bodies);
     * a wrong value names the allowed ones.
     */
    public static <E extends Enum<E>> E enumValue(String field, String raw, Class<E> type) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(raw)) {
                return constant;
            }
        }
        throw new InvalidInput(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
    }

    /** The ISO-8601 date {@code yyyy-MM-dd} with a year from 0001 to 9999, or null. */
    public static LocalDate isoDate(String raw) {
        if (raw == null || !DATE.matcher(raw).matches()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(raw);
            return date.getYear() >= 1 ? date : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** An optional ISO-8601 date query parameter such as {@code 2026-11-23} (years 0001 to 9999). */
    public static LocalDate date(String field, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        LocalDate date = isoDate(raw);
        if (date == null) {
            throw new InvalidInput(field, DATE_RULE);
        }
        return date;
    }

    /** An inclusive range of UTC days, as a query's {@code from} and {@code to} give it. */
    public record Days(LocalDate from, LocalDate to) {
    }

    /**
     * The days of {@code from}..{@code to} (inclusive ISO dates): {@code to} defaults to today on
     * {@code clock}, {@code from} to 29 days before {@code to}; {@code from} after {@code to} is a 400 on from.
     */
    public static Days days(String from, String to, java.time.Clock clock) {
        LocalDate end = date("to", to);
        end = end == null ? LocalDate.now(clock) : end;
        LocalDate start = date("from", from);
        start = start == null ? end.minusDays(29) : start;
        if (start.isAfter(end)) {
            throw new InvalidInput("from", "must not be after to");
        }
        return new Days(start, end);
    }

    public static final String INSTANT_RULE = "must be an ISO-8601 instant with an offset, such as 2026-07-01T12:00:00Z";

    /**
     * An ISO-8601 instant with an offset and a year from 0001 to 9999 ({@code 2026-07-01T12:00:00Z},
     * {@code 2026-07-01T14:00:00+02:00}), or null: no epoch numbers, no local times, no signed years.
     */
    public static java.time.Instant isoInstant(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > 64 || !Character.isDigit(raw.charAt(0))) {
            return null;
        }
        try {
            java.time.OffsetDateTime time = java.time.OffsetDateTime.parse(raw);
            return time.getYear() >= 1 && time.getYear() <= 9999 ? time.toInstant() : null;
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** An optional ISO-8601 instant query parameter such as {@code 2026-07-01T12:00:00Z} (an offset is required). */
    public static java.time.Instant instant(String field, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        java.time.Instant instant = isoInstant(raw);
        if (instant == null) {
            throw new InvalidInput(field, INSTANT_RULE);
        }
        return instant;
    }

    /** An optional boolean query parameter: true or false. */
    public static Boolean bool(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (raw.equals("true") || raw.equals("false")) {
            return Boolean.valueOf(raw);
        }
        throw new InvalidInput(field, "must be true or false");
    }

    /** An optional integer query parameter. */
    public static Integer integer(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(raw.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInput(field, "must be an integer");
        }
    }

    public static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }

    public static int page(String raw) {
        Integer page = integer("page", raw);
        if (page == null) {
            return 0;
        }
        if (page < 0 || page > 100_000) {
            throw new InvalidInput("page", "must be from 0 to 100000");
        }
        return page;
    }

    public static int size(String raw) {
        Integer size = integer("size", raw);
        if (size == null) {
            return 20;
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidInput("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        return size;
    }
}
