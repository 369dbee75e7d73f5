package ai.adoption.experiments.application.prompt;

import ai.adoption.eventsourcing.store.Columns;
import ai.adoption.experiments.domain.DataClassification;
import ai.adoption.experiments.domain.prompt.PromptContent;
import ai.adoption.experiments.domain.prompt.ToolTerms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Governance's approved-tools list as this service learned it from {@code governance.tool} ({@code prompt_tool_term}):
 * written by the consumer of those events, read for approvals, flags and the pill's tool features. It never asks
 * governance.
 */
@ApplicationScoped
public class ToolTermRows {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The SQL twin of {@link ToolTerms#check} for the entry {@code e} on {@code :today}: true when one of its tools has no
     * approval in force that allows its data class. Kept beside the Java rule so that the two are read together.
     */
    static final String FLAGGED = """
            (e.status = 'APPROVED' and exists (select 1 from jsonb_array_elements_text(cast(e.tool_keys as jsonb)) k(tool_key)
                where not exists (select 1 from (select t.allowed, t.valid_until, t.revoked_on from prompt_tool_term t
                        where t.tool_key = k.tool_key and t.valid_from <= :today order by t.position desc limit 1) d
                    where (d.valid_until is null or d.valid_until >= :today) and (d.revoked_on is null or d.revoked_on > :today)
                      and jsonb_exists(cast(d.allowed as jsonb), e.max_data_class))))""";

    /** A {@code tool.approved}: a new term, deciding from {@code validFrom} on. Runs on the consumer's transaction. */
    public Uni<Void> approved(String tool, List<DataClassification> allowed, LocalDate validFrom, LocalDate validUntil) {
        String allowedJson;
        try {
            allowedJson = JSON.writeValueAsString(allowed.stream().map(Enum::name).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("insert into prompt_tool_term (tool_key, tool, allowed,"
                        + " valid_from, valid_until) values (:key, :tool, :allowed, :from, :until)")
                .setParameter("key", PromptContent.toolKey(tool)).setParameter("tool", tool.strip()).setParameter("allowed", allowedJson)
                .setParameter("from", validFrom).setParameter("until", validUntil)
                .executeUpdate()).replaceWithVoid();
    }

    /** A {@code tool.approval-revoked}: no approval of the tool is in force from {@code revokedOn} on. */
    public Uni<Void> revoked(String tool, LocalDate revokedOn, String reason) {
        return Panache.getSession().chain(session -> session.createNativeQuery("update prompt_tool_term set revoked_on = :on,"
                        + " revoke_reason = :reason where tool_key = :key and (revoked_on is null or revoked_on > :on)")
                .setParameter("on", revokedOn).setParameter("reason", reason).setParameter("key", PromptContent.toolKey(tool))
                .executeUpdate()).replaceWithVoid();
    }

    /** The terms of these tool keys (all tools when null), oldest first per key. Needs an open session. */
    public Uni<Map<String, List<ToolTerms.Term>>> terms(Collection<String> toolKeys) {
        String sql = "select tool_key, allowed, valid_from, valid_until, revoked_on, tool from prompt_tool_term"
                + (toolKeys == null ? "" : " where tool_key = any(cast(:keys as text[]))") + " order by tool_key, position";
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class);
            if (toolKeys != null) {
                query.setParameter("keys", toolKeys.toArray(String[]::new));
            }
            return query.getResultList();
        }).map(rows -> {
            Map<String, List<ToolTerms.Term>> terms = new LinkedHashMap<>();
            for (Object[] row : rows) {
                terms.computeIfAbsent(Columns.text(row[0]), k -> new ArrayList<>()).add(new ToolTerms.Term(allowed(Columns.text(row[1])),
                        Columns.date(row[2]), Columns.date(row[3]), Columns.date(row[4])));
            }
            return terms;
        });
    }

    /** The display name of each tool key, as governance last spelled it. Needs an open session. */
    public Uni<Map<String, String>> names() {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select distinct on (tool_key) tool_key, tool from prompt_tool_term order by tool_key, position desc", Object[].class)
                .getResultList()).map(rows -> {
                    Map<String, String> names = new LinkedHashMap<>();
                    rows.forEach(r -> names.put(Columns.text(r[0]), Columns.text(r[1])));
                    return names;
                });
    }

    private static List<DataClassification> allowed(String json) {
        try {
            return List.of(JSON.readValue(json, String[].class)).stream().map(DataClassification::valueOf).toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("prompt_tool_term.allowed is not a JSON array of names: " + json, e);
        }
    }
}
