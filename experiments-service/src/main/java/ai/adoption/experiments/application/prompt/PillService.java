package ai.adoption.experiments.application.prompt;

import ai.adoption.eventsourcing.store.Columns;
import ai.adoption.eventsourcing.store.PersistenceFailure;
import ai.adoption.experiments.application.prompt.PromptViews.FeatureView;
import ai.adoption.experiments.application.prompt.PromptViews.PillView;
import ai.adoption.experiments.domain.prompt.PillRotation;
import ai.adoption.experiments.domain.prompt.ToolTerms;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The daily AI pill. The day's entry for a department is computed by {@link PillRotation} from what is servable and
 * what the department was served before, and stored exactly once by the first reader of the day ({@code prompt_pill},
 * primary key department and day, {@code on conflict do nothing}, then read back): everyone in the department gets the
 * same entry all day, and two readers racing at midnight agree, with no scheduler. If the stored entry stops being
 * servable during its day (flagged, deprecated) the first reader to notice replaces it, by compare-and-set.
 * The suggested tool feature rotates daily over the curated features ({@code prompts.pill.features-resource}) of the
 * tools that governance's approved-tools list has in force today.
 */
@ApplicationScoped
public class PillService {

    private final PromptQueries queries;
    private final ToolTermRows tools;
    private final int window;
    private final Map<String, List<String>> features;

    @Inject
    public PillService(PromptQueries queries, ToolTermRows tools, @ConfigProperty(name = "prompts.pill.window-days", defaultValue = "30") int window,
                       @ConfigProperty(name = "prompts.pill.features-resource", defaultValue = "prompt-pill/tool-features.json") String featuresResource) {
        if (window < 1) {
            throw new IllegalArgumentException("prompts.pill.window-days must be at least 1");
        }
        this.queries = queries;
        this.tools = tools;
        this.window = window;
        this.features = load(featuresResource);
    }

    public Uni<PillView> today(String department, LocalDate day) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> queries.servable(day).chain(servable ->
                        stored(session, department, day).chain(stored -> {
                            if (stored.isPresent() && servable.contains(stored.get())) {
                                return Uni.createFrom().item(stored);
                            }
                            return lastServed(session, department, day).chain(last -> {
                                Optional<UUID> chosen = PillRotation.choose(department, day, servable, last, window);
                                if (chosen.isEmpty()) {
                                    return Uni.createFrom().item(Optional.<UUID>empty());
                                }
                                return store(session, department, day, chosen.get(), stored.orElse(null))
                                        .chain(() -> stored(session, department, day));
                            });
                        }).chain(pick -> lastServed(session, department, day).chain(last -> {
                            boolean repeat = pick.isPresent() && last.containsKey(pick.get())
                                    && last.get(pick.get()).isAfter(day.minusDays(window));
                            Uni<List<PromptViews.EntryView>> entry = pick.isEmpty() ? Uni.createFrom().item(List.of())
                                    : queries.byIds(List.of(pick.get()), day);
                            return entry.chain(views -> feature(department, day).map(feature -> new PillView(day, department, window,
                                    servable.size(), repeat, views.isEmpty() ? null : views.get(0), feature)));
                        })))))
                .onFailure(e -> !(e instanceof PersistenceFailure)).transform(e -> new PersistenceFailure("The daily pill failed", e));
    }

    private static Uni<Optional<UUID>> stored(Mutiny.Session session, String department, LocalDate day) {
        return session.createNativeQuery("select entry_id from prompt_pill where department = :department and day = :day", Object.class)
                .setParameter("department", department).setParameter("day", day).getResultList()
                .map(rows -> rows.stream().findFirst().map(Columns::uuid));
    }

    private static Uni<Map<UUID, LocalDate>> lastServed(Mutiny.Session session, String department, LocalDate day) {
        return session.createNativeQuery("select entry_id, max(day) from prompt_pill where department = :department and day < :day"
                        + " group by entry_id", Object[].class)
                .setParameter("department", department).setParameter("day", day).getResultList().map(rows -> {
                    Map<UUID, LocalDate> last = new HashMap<>();
                    rows.forEach(r -> last.put(Columns.uuid(r[0]), Columns.date(r[1])));
                    return last;
                });
    }

    /** Stores the day's pick once; replaces {@code previous} only if it is still the stored one (compare-and-set). */
    private static Uni<Integer> store(Mutiny.Session session, String department, LocalDate day, UUID chosen, UUID previous) {
        if (previous == null) {
            return session.createNativeQuery("insert into prompt_pill (department, day, entry_id) values (:department, :day, :entry)"
                            + " on conflict do nothing").setParameter("department", department).setParameter("day", day)
                    .setParameter("entry", chosen).executeUpdate();
        }
        return session.createNativeQuery("update prompt_pill set entry_id = :entry where department = :department and day = :day"
                        + " and entry_id = :previous").setParameter("department", department).setParameter("day", day)
                .setParameter("entry", chosen).setParameter("previous", previous).executeUpdate();
    }

    private Uni<FeatureView> feature(String department, LocalDate day) {
        return tools.terms(null).chain(terms -> tools.names().map(names -> {
            List<String> offered = new ArrayList<>();
            Map<String, String> toolOf = new HashMap<>();
            terms.forEach((key, list) -> {
                String name = names.getOrDefault(key, key);
                boolean inForce = ToolTerms.check(List.of(name), null, Map.of(key, list), day).isEmpty();
                if (inForce) {
                    for (String feature : features.getOrDefault(key, List.of())) {
                        String line = name + ": " + feature;
                        offered.add(line);
                        toolOf.put(line, name);
                    }
                }
            });
            return PillRotation.feature(department, day, offered)
                    .map(line -> new FeatureView(toolOf.get(line), line.substring(toolOf.get(line).length() + 2))).orElse(null);
        }));
    }

    private static Map<String, List<String>> load(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("prompts.pill.features-resource " + resource + " is not on the class path");
            }
            Map<String, List<String>> raw = new ObjectMapper().readValue(in, new TypeReference<Map<String, List<String>>>() {
            });
            Map<String, List<String>> byKey = new TreeMap<>();
            raw.forEach((tool, list) -> byKey.put(ai.adoption.experiments.domain.prompt.PromptContent.toolKey(tool), List.copyOf(list)));
            return Map.copyOf(byKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
