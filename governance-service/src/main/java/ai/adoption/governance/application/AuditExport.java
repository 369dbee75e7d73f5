package ai.adoption.governance.application;

import ai.adoption.eventsourcing.store.Columns;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every governance event recorded in [from, to) and known at the knowledge point K (stamped at or
 * before K, README "As known at"), in append order: the same range and K give the same bytes, whatever
 * commits late afterwards. Read read page by page (keyset on the
 * global position) as the client consumes the response: memory holds one page whatever the range.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup // its page counter is on /q/metrics from the start, not from the first export
public class AuditExport {

    public static final String CSV_HEADER = "recorded_at,known_at,position,event_id,stream_type,stream_id,version,event_type,actor,"
            + "effective_date,correlation_id,payload\n";

    @Schema(description = "One governance event: what, on which stream, who (actor), the business date it takes effect "
            + "(effectiveDate, where the event has one), when it was recorded and when it became known (its knowledge time)")
    public record AuditEntry(Instant recordedAt, Instant knownAt, long position, UUID eventId, String streamType, String streamId, long version,
                             String eventType, String actor, String effectiveDate, String correlationId,
                             @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT) @JsonRawValue String payload) {
    }

    private static final String PAGE = "select e.recorded_at, k.known_at, e.global_position, e.event_id, stream_type, stream_id, stream_version, "
            + "event_type, actor, coalesce(payload->>'effectiveFrom', payload->>'validFrom', payload->>'revokedOn', "
            + "payload->>'completedOn', payload->>'occurredAt'), correlation_id, cast(payload as text) "
            + "from es_event e join gov_knowledge k on k.global_position = e.global_position and k.known_at <= ?5 "
            + "where e.global_position > ?1 and e.recorded_at >= ?2 and e.recorded_at < ?3 order by e.global_position limit ?4";

    private final int pageSize;
    private final Counter pages;

    @Inject
    public AuditExport(@ConfigProperty(name = "governance.audit.page-size", defaultValue = "1000") int pageSize, MeterRegistry meters) {
        this.pageSize = pageSize;
        this.pages = Counter.builder("governance_audit_pages").description("Pages read by the audit export").register(meters);
    }

    /** {@code knownAt}: a knowledge point already resolved ({@link RegisterQueries#point}). */
    public Multi<AuditEntry> entries(Instant from, Instant to, Instant knownAt) {
        return pagesOf(from, to, knownAt).onItem().disjoint();
    }

    public Multi<String> csv(Instant from, Instant to, Instant knownAt) {
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(CSV_HEADER),
                pagesOf(from, to, knownAt).map(AuditExport::csvLines));
    }

    private Multi<List<AuditEntry>> pagesOf(Instant from, Instant to, Instant knownAt) {
        AtomicLong after = new AtomicLong(-1);
        // the first position recorded at or after 'from': the keyset scan starts there, not at the beginning of the store
        Uni<Long> start = Panache.withSession(() -> Sql.rows("select coalesce(min(global_position), 0) - 1, 0 from es_event "
                + "where recorded_at >= ?1 and recorded_at < ?2", from, to)).map(rows -> Columns.longValue(rows.get(0)[0]));
        return start.onItem().transformToMulti(first -> {
            after.set(first);
            return Multi.createBy().repeating()
                    .uni(() -> Panache.withSession(() -> Sql.rows(PAGE, after.get(), from, to, pageSize, knownAt)).map(this::page)
                            .invoke(page -> {
                                if (!page.isEmpty()) {
                                    after.set(page.get(page.size() - 1).position());
                                }
                            }))
                    .whilst(page -> page.size() == pageSize)
                    .filter(page -> !page.isEmpty());
        });
    }

    private List<AuditEntry> page(List<Object[]> rows) {
        pages.increment();
        return rows.stream().map(r -> new AuditEntry(Columns.instant(r[0]), Columns.instant(r[1]), Columns.longValue(r[2]),
                Columns.uuid(r[3]), Columns.text(r[4]), Columns.text(r[5]), Columns.longValue(r[6]), Columns.text(r[7]),
                Columns.text(r[8]), Columns.text(r[9]), Columns.text(r[10]), Columns.text(r[11]))).toList();
    }

    private static String csvLines(List<AuditEntry> page) {
        StringBuilder out = new StringBuilder(page.size() * 256);
        for (AuditEntry e : page) {
            out.append(e.recordedAt()).append(',').append(e.knownAt()).append(',').append(e.position()).append(',').append(e.eventId()).append(',')
                    .append(cell(e.streamType())).append(',').append(cell(e.streamId())).append(',').append(e.version()).append(',')
                    .append(cell(e.eventType())).append(',').append(cell(e.actor())).append(',').append(cell(e.effectiveDate()))
                    .append(',').append(cell(e.correlationId())).append(',').append(cell(e.payload())).append('\n');
        }
        return out.toString();
    }

    /** The first characters that make a spreadsheet read a cell as a formula (OWASP CSV injection), tab and carriage return included. */
    private static final String FORMULA_PREFIXES = "=+-@\t\r";

    /**
     * RFC 4180: quote a cell holding a comma, quote or line break; double the quotes. A cell that starts with =, +, -, @, a tab
     * or a carriage return is defused with a leading apostrophe, so a spreadsheet shows it as text.
     */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = !value.isEmpty() && FORMULA_PREFIXES.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
