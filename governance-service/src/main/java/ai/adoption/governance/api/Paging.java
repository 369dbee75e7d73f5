package ai.adoption.governance.api;

import ai.adoption.eventsourcing.web.InvalidInput;
import ai.adoption.eventsourcing.web.Requests;
import ai.adoption.governance.application.Keyset;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Predicate;

/**
 * Keyset paging of the register's lists (README, "Paging the register"): {@code limit}, the opaque {@code after} cursor
 * that a page answers as {@code next}, and the RFC 8288 {@code Link: <...>; rel="next"} header. A cursor carries the
 * knowledge point (and business date) of the walk's first page, so every page answers at it.
 */
final class Paging {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;
    static final String LIMIT = "Items per page, 1 to " + MAX_LIMIT + "; default " + DEFAULT_LIMIT;
    static final String AFTER = "The next cursor of the previous page (its body's next, or the Link rel=\"next\" header), unchanged. "
            + "The page answers at the knowledge point (and asOf) of the walk's first page; asOf and knownAt may be left out, "
            + "or given with the same values";
    static final String LINK = "RFC 8288 Link to the next page (rel=\"next\"); absent on the last page";
    private static final String NOT_A_CURSOR = "is not a cursor of this list: pass the next value of the previous page unchanged";

    private Paging() {
    }

    static int limit(String raw) {
        Integer limit = Requests.integer("limit", raw);
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInput("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    /** A register list's cursor (it carries asOf), or null for the first page. */
    static Keyset dated(String raw) {
        return after(raw, cursor -> cursor.asOf() != null);
    }

    /** A cursor that the list would have issued ({@code fits}), or null for the first page; otherwise 400 naming {@code after}. */
    static Keyset after(String raw, Predicate<Keyset> fits) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        Keyset cursor;
        try {
            cursor = Keyset.decode(raw);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("after", NOT_A_CURSOR);
        }
        if (!fits.test(cursor)) {
            throw new InvalidInput("after", NOT_A_CURSOR);
        }
        return cursor;
    }

    /** The business date of the page: the cursor's; asOf given with a cursor must be the same. */
    static LocalDate asOf(Keyset after, LocalDate given, LocalDate otherwise) {
        if (after == null) {
            return given != null ? given : otherwise;
        }
        if (given != null && !given.equals(after.asOf())) {
            throw new InvalidInput("after", "was issued for asOf=" + after.asOf() + ": leave asOf out or give that date");
        }
        return after.asOf();
    }

    /** The knowledge point asked for: the cursor's; knownAt given with a cursor must be the same. */
    static Instant knownAt(Keyset after, Instant given) {
        if (after == null) {
            return given;
        }
        if (given != null && !given.equals(after.knownAt())) {
            throw new InvalidInput("after", "was issued for knownAt=" + after.knownAt() + ": leave knownAt out or give that point");
        }
        return after.knownAt();
    }

    /** 200 with the page, and the Link to the next one (this request with after = next) when there is one. */
    static Response page(Object body, String next, UriInfo uri) {
        Response.ResponseBuilder response = Response.ok(body);
        if (next != null) {
            response.header("Link", "<" + uri.getRequestUriBuilder().replaceQueryParam("after", next).build() + ">; rel=\"next\"");
        }
        return response.build();
    }
}
