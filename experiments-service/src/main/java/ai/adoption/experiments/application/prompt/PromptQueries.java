package ai.adoption.experiments.application.prompt;

import ai.adoption.eventsourcing.core.NotFound;
import ai.adoption.eventsourcing.store.Columns;
import ai.adoption.eventsourcing.store.PersistenceFailure;
import ai.adoption.eventsourcing.web.Page;
import ai.adoption.experiments.application.prompt.PromptViews.EntryView;
import ai.adoption.experiments.application.prompt.PromptViews.VersionView;
import ai.adoption.experiments.domain.prompt.PromptStatus;
import ai.adoption.experiments.domain.prompt.ToolTerms;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads of the catalogue. An approved entry's flag is computed on read, against governance's approved-tools list as
 * this service knows it and today's date, so an approval that expires flags its entries on its last day's end without
 * any event, and a revocation flags them as soon as its event is consumed.
 */
@ApplicationScoped
public class PromptQueries {

    /** How the catalogue is ranked. */
    public enum Ranking { USES, MINUTES_SAVED }

    public record Filter(PromptStatus status, String department, Boolean flagged, Ranking ranking) {
    }

    private final ToolTermRows tools;

    @Inject
    public PromptQueries(ToolTermRows tools) {
        this.tools = tools;
    }

    public Uni<EntryView> entry(UUID id, LocalDate today) {
        return read(() -> PromptEntryRow.<PromptEntryRow>findById(id).chain(row -> {
            if (row == null) {
                return Uni.createFrom().failure(new NotFound("prompt entry", id.toString()));
            }
            return views(List.of(row), today).map(views -> views.get(0));
        }), "Reading the prompt entry failed");
    }

    public Uni<List<VersionView>> versions(UUID id) {
        return read(() -> PromptVersionRow.<PromptVersionRow>list("entryId", Sort.ascending("version"), id).chain(rows -> rows.isEmpty()
                ? Uni.createFrom().failure(new NotFound("prompt entry", id.toString()))
                : Uni.createFrom().item(rows.stream().map(v -> new VersionView(v.version, v.status, v.useCase, v.businessFunction,
                        v.text, v.variables, v.exampleOutput, v.tools, v.maxDataClass, v.writtenBy, v.writtenAt)).toList())),
                "Reading the prompt versions failed");
    }

    /** The catalogue, filtered, ranked by use (or minutes saved), most first, then by id; paged. */
    public Uni<Page<EntryView>> list(Filter filter, LocalDate today, int page, int size) {
        List<String> where = new ArrayList<>();
        if (filter.status() != null) {
            where.add("e.status = :status");
        }
        if (filter.department() != null) {
            where.add("e.department = :department");
        }
        if (filter.flagged() != null) {
            where.add((filter.flagged() ? "" : "not ") + ToolTermRows.FLAGGED);
        }
        String from = " from prompt_entry e" + (where.isEmpty() ? "" : " where " + String.join(" and ", where));
        String order = filter.ranking() == Ranking.MINUTES_SAVED ? "e.minutes_saved desc, e.entry_id" : "e.use_count desc, e.entry_id";
        return read(() -> Panache.getSession().chain(session -> {
            var count = session.createNativeQuery("select count(*)" + from, Object.class);
            var ids = session.createNativeQuery("select e.entry_id" + from + " order by " + order + " limit :limit offset :offset",
                    Object.class).setParameter("limit", size).setParameter("offset", (long) page * size);
            if (filter.status() != null) {
                count.setParameter("status", filter.status().name());
                ids.setParameter("status", filter.status().name());
            }
            if (filter.department() != null) {
                count.setParameter("department", filter.department());
                ids.setParameter("department", filter.department());
            }
            if (filter.flagged() != null) {
                count.setParameter("today", today);
                ids.setParameter("today", today);
            }
            return count.getSingleResult().chain(total -> ids.getResultList().chain(found -> {
                List<UUID> order1 = found.stream().map(Columns::uuid).toList();
                return byIds(order1, today).map(views -> new Page<>(views, page, size, Columns.longValue(total)));
            }));
        }), "Listing the prompt catalogue failed");
    }

    /** The approved, unflagged entries today, by id: what the pill may serve. Needs an open session. */
    Uni<List<UUID>> servable(LocalDate today) {
        return Panache.getSession().chain(session -> session.createNativeQuery("select e.entry_id from prompt_entry e where"
                        + " e.status = 'APPROVED' and not " + ToolTermRows.FLAGGED + " order by e.entry_id", Object.class)
                .setParameter("today", today).getResultList()).map(rows -> rows.stream().map(Columns::uuid).toList());
    }

    /** The views of these entries in this order. Needs an open session. */
    Uni<List<EntryView>> byIds(List<UUID> ids, LocalDate today) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return PromptEntryRow.<PromptEntryRow>list("id in ?1", ids).chain(rows -> {
            Map<UUID, PromptEntryRow> byId = rows.stream().collect(Collectors.toMap(r -> r.id, Function.identity()));
            return views(ids.stream().map(byId::get).toList(), today);
        });
    }

    private Uni<List<EntryView>> views(List<PromptEntryRow> rows, LocalDate today) {
        Set<String> keys = new HashSet<>();
        rows.stream().filter(r -> r.status == PromptStatus.APPROVED).forEach(r -> keys.addAll(r.toolKeys));
        Uni<Map<String, List<ToolTerms.Term>>> terms = keys.isEmpty() ? Uni.createFrom().item(Map.of()) : tools.terms(keys);
        return terms.map(known -> rows.stream().map(row -> view(row, known, today)).toList());
    }

    private static EntryView view(PromptEntryRow r, Map<String, List<ToolTerms.Term>> terms, LocalDate today) {
        String flag = r.status != PromptStatus.APPROVED ? null
                : ToolTerms.check(r.tools, r.maxDataClass, terms, today).map(ToolTerms.Breach::reason).orElse(null);
        return new EntryView(r.id, r.version, r.department, r.author, r.status, r.latestVersion, r.latestStatus, r.servedVersion,
                r.useCase, r.businessFunction, r.text, r.variables, r.exampleOutput, r.tools, r.maxDataClass, r.sourceLearningId,
                r.sourceExperimentId, r.useCount, r.minutesSaved, flag != null, flag, r.createdAt, r.approvedAt, r.updatedAt);
    }

    private static <T> Uni<T> read(java.util.function.Supplier<Uni<T>> work, String what) {
        return Panache.withSession(work).onFailure(e -> !(e instanceof PersistenceFailure) && !(e instanceof NotFound))
                .transform(e -> new PersistenceFailure(what, e));
    }

    static Collection<String> keysOf(List<String> tools) {
        return tools.stream().map(ai.adoption.experiments.domain.prompt.PromptContent::toolKey).toList();
    }
}
