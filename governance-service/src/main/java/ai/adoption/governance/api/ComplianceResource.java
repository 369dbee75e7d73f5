package ai.adoption.governance.api;

import ai.adoption.eventsourcing.web.CommandContexts;
import ai.adoption.eventsourcing.web.InvalidInput;
import ai.adoption.eventsourcing.web.Requests;
import ai.adoption.governance.application.AuditExport;
import ai.adoption.governance.application.GapQueries;
import ai.adoption.governance.application.Keyset;
import ai.adoption.governance.application.RegisterQueries;
import ai.adoption.governance.application.SystemService;
import ai.adoption.governance.application.Views.Gaps;
import ai.adoption.governance.application.Views.Inventory;
import ai.adoption.governance.application.Views.InventoryDiff;
import ai.adoption.governance.application.Views.LiteracyGap;
import ai.adoption.governance.domain.Access;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** What compliance officers ask: the inventory on a date, what changed between two, the gaps, AI literacy, the audit trail. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Compliance", description = "Inventory as of a date, the diff between two dates, compliance gaps, AI literacy and the audit export")
@SecurityRequirement(name = "jwt")
public class ComplianceResource {

    static final String CSV = "text/csv";

    private final RegisterQueries register;
    private final GapQueries gaps;
    private final AuditExport audit;
    private final SystemService systems;
    private final CommandContexts contexts;

    @Inject
    public ComplianceResource(RegisterQueries register, GapQueries gaps, AuditExport audit, SystemService systems,
                              CommandContexts contexts) {
        this.register = register;
        this.gaps = gaps;
        this.audit = audit;
        this.systems = systems;
        this.contexts = contexts;
    }

    @GET
    @Path("inventory")
    @Authenticated
    @Operation(operationId = "inventory", summary = "Every system in use on a date (not retired), with its owner and classification on that date, "
            + "one keyset page at a time",
            description = "Compliance officers and admins see every department; approvers and ambassadors their own. In (name, id) "
                    + "order, limit per page; the next page with after=next, answered at the first page's knownAt and asOf.")
    @APIResponse(responseCode = "200", description = "One page; the Link header (rel=\"next\") and next name the following one",
            headers = @Header(name = "Link", description = Paging.LINK, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Inventory.class)))
    @APIResponse(responseCode = "400", description = "A malformed asOf, knownAt, limit or after (errors[].field names it)")
    public Uni<Response> inventory(@Parameter(description = "Only this department's systems (on that date)") @QueryParam("department") String department,
                                   @Parameter(description = SystemResource.AS_OF, schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("asOf") String asOf,
                                   @Parameter(description = SystemResource.KNOWN_AT, schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("knownAt") String knownAt,
                                   @Parameter(description = Paging.LIMIT, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "100"))
                                   @QueryParam("limit") String limit,
                                   @Parameter(description = Paging.AFTER) @QueryParam("after") String after, @Context UriInfo uri) {
        String scope = Access.departmentScope(contexts.actor(), Requests.text(department));
        int size = Paging.limit(limit);
        Keyset cursor = Paging.dated(after);
        LocalDate on = Paging.asOf(cursor, Requests.date("asOf", asOf), systems.today());
        Instant known = Paging.knownAt(cursor, SystemResource.known(knownAt));
        return register.inventory(on, known, scope, cursor, size).map(page -> Paging.page(page, page.next(), uri));
    }

    @GET
    @Path("inventory/diff")
    @Authenticated
    @Operation(operationId = "inventoryDiff", summary = "What changed between two dates: systems added, retired, ownership changed, classification changed")
    public Uni<InventoryDiff> diff(@Parameter(required = true, schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("from") String from,
                                   @Parameter(required = true, schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to") String to,
                                   @Parameter(description = "Only the systems this department held on either date") @QueryParam("department") String department,
                                   @Parameter(description = SystemResource.KNOWN_AT, schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("knownAt") String knownAt) {
        String scope = Access.departmentScope(contexts.actor(), Requests.text(department));
        LocalDate start = required("from", Requests.date("from", from));
        LocalDate end = required("to", Requests.date("to", to));
        if (end.isBefore(start)) {
            throw new InvalidInput("to", "must not be before from");
        }
        return register.diff(start, end, scope, SystemResource.known(knownAt));
    }

    @GET
    @Path("compliance-gaps")
    @Authenticated
    @Operation(operationId = "complianceGaps", summary = "Every compliance gap on a date, each naming the AI Act article behind it",
            description = "One keyset page at a time, by system in (name, id) order; the next page with after=next, answered at "
                    + "the first page's knownAt and asOf. NO_OWNER (Art. 26(1)), NOT_CLASSIFIED (Art. 5, 6), OWNER_NOT_TRAINED (Art. 4), OVERSIGHT_NOT_TRAINED, "
                    + "HIGH_RISK_NO_OVERSIGHT (Art. 26(2)), HIGH_RISK_NO_FRIA (Art. 27), HIGH_RISK_WORKERS_NOT_INFORMED (Art. 26(7)), "
                    + "HIGH_RISK_NOT_REGISTERED (Art. 49(3)), HIGH_RISK_NO_LOG_RETENTION (Art. 26(6)), PROHIBITED_IN_PRODUCTION (Art. 5), "
                    + "TOOL_NOT_APPROVED / TOOL_APPROVAL_EXPIRED / DATA_CLASS_NOT_ALLOWED (approved-tools list, Art. 26(1)), "
                    + "SERIOUS_INCIDENT_NOT_REPORTED (Art. 26(5)).")
    @APIResponse(responseCode = "200", description = "One page; the Link header (rel=\"next\") and next name the following one",
            headers = @Header(name = "Link", description = Paging.LINK, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Gaps.class)))
    @APIResponse(responseCode = "400", description = "A malformed asOf, knownAt, limit or after (errors[].field names it)")
    public Uni<Response> gaps(@Parameter(description = "Only this department's systems (on that date)") @QueryParam("department") String department,
                              @Parameter(description = SystemResource.AS_OF, schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("asOf") String asOf,
                              @Parameter(description = SystemResource.KNOWN_AT, schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("knownAt") String knownAt,
                              @Parameter(description = Paging.LIMIT + " (gaps; a page covers at most that many systems, so it may hold fewer "
                                      + "before the end)", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "100"))
                              @QueryParam("limit") String limit,
                              @Parameter(description = Paging.AFTER) @QueryParam("after") String after, @Context UriInfo uri) {
        String scope = Access.departmentScope(contexts.actor(), Requests.text(department));
        int size = Paging.limit(limit);
        Keyset cursor = Paging.dated(after);
        LocalDate on = Paging.asOf(cursor, Requests.date("asOf", asOf), systems.today());
        Instant known = Paging.knownAt(cursor, SystemResource.known(knownAt));
        return gaps.gaps(on, known, scope, cursor, size).map(page -> Paging.page(page, page.next(), uri));
    }

    @GET
    @Path("ai-literacy/gaps")
    @Authenticated
    @Operation(operationId = "literacyGaps", summary = "Owners and human-oversight persons without valid AI-literacy training on a date (Article 4)")
    @APIResponse(responseCode = "200", description = "The gaps; the Known-At header names the knowledge point used",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = LiteracyGap.class)))
    public Uni<Response> literacy(@QueryParam("department") String department,
                                  @Parameter(description = SystemResource.AS_OF, schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("asOf") String asOf,
                                  @Parameter(description = SystemResource.KNOWN_AT, schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("knownAt") String knownAt) {
        String scope = Access.departmentScope(contexts.actor(), Requests.text(department));
        LocalDate on = orToday(Requests.date("asOf", asOf));
        Instant requested = SystemResource.known(knownAt);
        return register.point(requested).chain(point -> gaps.untrained(on, point, scope)
                .map(found -> Response.ok(found).header(SystemResource.KNOWN_AT_HEADER, point.toString()).build()));
    }

    @GET
    @Path("audit")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Access.COMPLIANCE_OFFICER, Access.ADMIN})
    @Operation(operationId = "auditExport", summary = "Every governance event recorded in [from, to) and known at knownAt, streamed as JSON (or CSV with Accept: text/csv)",
            description = "from and to are ISO-8601 dates (from: the start of that day UTC; to: the end of that day) or instants. "
                    + "Each entry: recorded time, position, event, stream, actor, effective date (where the event has one), "
                    + "correlation id, payload. The response is streamed page by page: memory does not grow with the range.")
    @APIResponse(responseCode = "200", description = "The events, oldest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = AuditExport.AuditEntry.class)))
    public Multi<AuditExport.AuditEntry> export(
            @Parameter(required = true, description = "yyyy-MM-dd or an ISO-8601 instant") @QueryParam("from") String from,
            @Parameter(required = true, description = "yyyy-MM-dd (inclusive) or an ISO-8601 instant (exclusive)") @QueryParam("to") String to,
            @Parameter(description = SystemResource.KNOWN_AT, schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("knownAt") String knownAt,
            @Context HttpServerResponse response) {
        Instant start = bound("from", from, false);
        Instant end = end(start, to);
        return known(knownAt, response).onItem().transformToMulti(point -> audit.entries(start, end, point));
    }

    @GET
    @Path("audit")
    @Produces(CSV + ";qs=0.9")
    @RolesAllowed({Access.COMPLIANCE_OFFICER, Access.ADMIN})
    @Operation(operationId = "auditExportCsv", summary = "The audit export as CSV (RFC 4180, header line first)")
    @APIResponse(responseCode = "200", description = "The events, oldest first",
            content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)))
    public Multi<String> exportCsv(
            @Parameter(required = true, description = "yyyy-MM-dd or an ISO-8601 instant") @QueryParam("from") String from,
            @Parameter(required = true, description = "yyyy-MM-dd (inclusive) or an ISO-8601 instant (exclusive)") @QueryParam("to") String to,
            @Parameter(description = SystemResource.KNOWN_AT, schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("knownAt") String knownAt,
            @Context HttpServerResponse response) {
        Instant start = bound("from", from, false);
        Instant end = end(start, to);
        return known(knownAt, response).onItem().transformToMulti(point -> audit.csv(start, end, point));
    }

    /** The knowledge point of a streamed answer, echoed in the Known-At header (written before the first item). */
    private Uni<Instant> known(String knownAt, HttpServerResponse response) {
        return register.point(SystemResource.known(knownAt))
                .invoke(point -> response.putHeader(SystemResource.KNOWN_AT_HEADER, point.toString()));
    }

    private static Instant end(Instant start, String to) {
        Instant end = bound("to", to, true);
        if (!end.isAfter(start)) {
            throw new InvalidInput("to", "must be after from");
        }
        return end;
    }

    private LocalDate orToday(LocalDate date) {
        return date != null ? date : systems.today();
    }

    private static LocalDate required(String field, LocalDate value) {
        if (value == null) {
            throw new InvalidInput(field, "is required: " + Requests.DATE_RULE);
        }
        return value;
    }

    private static Instant bound(String field, String raw, boolean endOfDay) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInput(field, "is required: a date (yyyy-MM-dd) or an ISO-8601 instant");
        }
        LocalDate date = Requests.isoDate(raw);
        if (date != null) {
            return (endOfDay ? date.plusDays(1) : date).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        return Requests.instant(field, raw);
    }
}
