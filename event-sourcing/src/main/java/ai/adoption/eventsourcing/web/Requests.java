package ai.adoption.eventsourcing.web;

import ai.adoption.eventsourcing.command.ExpectedVersion;

import jakarta.ws.rs.core.EntityTag;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing of request values shared by every resource: ids, If-Match versions, ETags, paging. */
public final class Requests {

    public static final int MAX_PAGE_SIZE = 100;
    private static final Pattern IF_MATCH = Pattern.compile("^\\s*(?:W/)?\"?(\\d{1,18})\"?\\s*$");

    private Requests() {
    }

    public static UUID uuid(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInput(field, "is required");
        }
        try {
            UUID id = UUID.fromString(raw);
            if (!id.toString().equalsIgnoreCase(raw.trim())) {
                throw new IllegalArgumentException();
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(field, "must be a UUID such as 3f2c8a4e-5b1d-4c6e-9f7a-2d8b1e0c4a5f");
        }
    }

    /** {@code If-Match: "3"} means the caller last saw version 3; absent or {@code *} means any. */
    public static ExpectedVersion ifMatch(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return ExpectedVersion.ANY;
        }
        Matcher matcher = IF_MATCH.matcher(header);
        if (!matcher.matches()) {
            throw new InvalidInput("If-Match", "must be the ETag of the resource, e.g. \"3\"");
        }
        return ExpectedVersion.exactly(Long.parseLong(matcher.group(1)));
    }

    /** An optional text query parameter: trimmed, and null when blank. */
    public static String text(String raw) {
        return raw == null || raw.isBlank() ? null : raw.trim();
    }

    /** An optional enum query parameter, case-insensitive; a wrong value names the allowed ones. */
    public static <E extends Enum<E>> E enumValue(String field, String raw, Class<E> type) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(raw.trim())) {
                return constant;
            }
        }
        throw new InvalidInput(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
    }

    /** An optional ISO-8601 date query parameter such as {@code 2026-11-23}. */
    public static java.time.LocalDate date(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return java.time.LocalDate.parse(raw.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInput(field, "must be an ISO-8601 date such as 2026-11-23");
        }
    }

    /** An optional boolean query parameter: true or false. */
    public static Boolean bool(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
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
        if (page < 0) {
            throw new InvalidInput("page", "must be 0 or more");
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
