package ai.adoption.eventsourcing.web;

import ai.adoption.eventsourcing.command.ExpectedVersion;

import jakarta.ws.rs.core.EntityTag;

import java.util.Optional;
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

    public static Optional<UUID> optionalUuid(String field, String raw) {
        return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(uuid(field, raw));
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

    public static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }

    public static int page(Integer page) {
        if (page == null) {
            return 0;
        }
        if (page < 0) {
            throw new InvalidInput("page", "must be 0 or more");
        }
        return page;
    }

    public static int size(Integer size) {
        if (size == null) {
            return 20;
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidInput("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        return size;
    }
}
