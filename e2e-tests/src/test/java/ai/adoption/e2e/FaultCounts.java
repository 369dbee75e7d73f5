package ai.adoption.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static ai.adoption.e2e.Api.encode;

/**
 * The counts, as Jepsen counts: the acknowledged writes of the ledger ({@link FaultLoad}) against what the services'
 * REST read models and the topics (read as any consumer reads them, {@link TopicLog}) show. Each check is a named count
 * that must be 0, with the first offending items kept for the failure report. {@link #missing()} is what the
 * quiescence wait waits on; the duplicate and order checks are only meaningful once nothing is missing.
 */
final class FaultCounts {

    private static final String T = "ai.adoption.";

    /** One count of the table: its group, what it counts, and up to a few examples. */
    record Count(String group, String check, long count, List<String> examples) {
    }

    private final Map<String, Count> counts = new LinkedHashMap<>();

    /** Reads every read model and the topics (caught up now) and counts. */
    static FaultCounts take(FaultLoad load, TopicLog topics, FaultClient client, String officer) throws InterruptedException {
        FaultCounts c = new FaultCounts();
        Map<UUID, FaultLoad.Idea> ledger = Map.copyOf(load.ledger());
        String dept = encode(load.department);

        // --- the read models, over REST ------------------------------------------------------------------------
        Map<UUID, JsonNode> ideas = pages(client, AcrossServices.experiments(), "/ideas?department=" + dept, load.employee, "id");
        Map<UUID, JsonNode> experiments = pages(client, AcrossServices.experiments(), "/experiments?department=" + dept, load.approver, "id");
        Map<UUID, JsonNode> cases = pages(client, AcrossServices.revisit(), "/revisits?department=" + dept,
                Api.token("amy-" + AcrossServices.RUN, "ambassador", load.department), "id");
        Set<UUID> systems = register(client, load.department, officer);
        JsonNode funnel = dashboardFunnel(client, load.department, officer);

        List<String> missingIdeas = new ArrayList<>();
        List<String> missingExperiments = new ArrayList<>();
        List<String> missingCases = new ArrayList<>();
        List<String> notDue = new ArrayList<>();
        List<String> missingSystems = new ArrayList<>();
        Map<UUID, Integer> casesPerIdea = countBy(cases.values(), n -> UUID.fromString(n.path("ideaId").asText()));
        Map<UUID, Integer> experimentsPerIdea = countBy(experiments.values(), n -> UUID.fromString(n.path("ideaId").asText()));
        for (FaultLoad.Idea idea : ledger.values()) {
            JsonNode row = ideas.get(idea.id());
            String status = row == null ? "absent" : row.path("status").asText();
            if (row == null || (!load.unknownAfter(idea.id()) && !status.equals(expectedStatus(idea.last())))) {
                missingIdeas.add(idea.id() + " acknowledged " + idea.last() + ", read model: " + status);
            }
            if (idea.last() == FaultLoad.Acked.EXPERIMENT_STARTED) {
                JsonNode experiment = experiments.get(idea.experimentId());
                if (experiment == null || !"RUNNING".equals(experiment.path("status").asText())) {
                    missingExperiments.add(idea.experimentId() + " of idea " + idea.id() + ": " + experiment);
                }
                if (!systems.contains(systemOf(idea.experimentId()))) {
                    missingSystems.add("experiment " + idea.experimentId() + " (system " + systemOf(idea.experimentId()) + ")");
                }
            }
            if (idea.last() == FaultLoad.Acked.REJECTED) {
                List<JsonNode> ofIdea = cases.values().stream().filter(n -> idea.id().toString().equals(n.path("ideaId").asText())).toList();
                if (ofIdea.isEmpty()) {
                    missingCases.add("idea " + idea.id());
                } else if (ofIdea.stream().noneMatch(n -> "DUE".equals(n.path("status").asText()))) {
                    notDue.add("idea " + idea.id() + " case " + ofIdea.get(0).path("id").asText() + " " + ofIdea.get(0).path("status").asText());
                }
            }
        }
        c.put("missing: read models", "ideas (experiments-service /ideas)", missingIdeas);
        c.put("missing: read models", "experiments (experiments-service /experiments)", missingExperiments);
        c.put("missing: read models", "revisit cases of rejections (revisit-service /revisits)", missingCases);
        c.put("missing: read models", "revisit cases not DUE after " + FaultLoad.REVISIT_AFTER, notDue);
        c.put("missing: read models", "AI systems of experiments (governance-service /ai-systems)", missingSystems);

        // --- the topics ----------------------------------------------------------------------------------------
        topics.catchUp();
        Map<String, Set<String>> byKeyType = new HashMap<>();
        Map<String, Set<String>> openedByIdea = new HashMap<>();
        Map<String, Set<String>> dueByIdea = new HashMap<>();
        Map<String, Set<String>> dueByCaseCycle = new HashMap<>();
        Map<String, Set<String>> registeredByExperiment = new HashMap<>();
        for (TopicLog.Event e : topics.all()) {
            byKeyType.computeIfAbsent(e.key() + " " + e.type(), k -> new HashSet<>()).add(e.id());
            if ((T + "revisit.opened.v1").equals(e.type())) {
                openedByIdea.computeIfAbsent(e.data().path("origin").path("ideaId").asText(), k -> new HashSet<>()).add(e.id());
            } else if ((T + "revisit.due.v1").equals(e.type())) {
                dueByIdea.computeIfAbsent(e.data().path("ideaId").asText(), k -> new HashSet<>()).add(e.id());
                dueByCaseCycle.computeIfAbsent(e.data().path("caseId").asText() + " cycle " + e.data().path("cycle").asInt(),
                        k -> new HashSet<>()).add(e.id());
            } else if ((T + "ai-system.registered.v1").equals(e.type())) {
                registeredByExperiment.computeIfAbsent(e.data().path("experimentId").asText(), k -> new HashSet<>()).add(e.id());
            }
        }
        List<String> missingOnTopics = new ArrayList<>();
        for (FaultLoad.Idea idea : ledger.values()) {
            String id = idea.id().toString();
            expectOnTopic(byKeyType, id, "idea.submitted.v1", missingOnTopics);
            switch (idea.last()) {
                case REJECTED -> {
                    expectOnTopic(byKeyType, id, "idea.rejected.v1", missingOnTopics);
                    if (!openedByIdea.containsKey(id)) {
                        missingOnTopics.add("revisit.opened of idea " + id);
                    }
                    if (!dueByIdea.containsKey(id)) {
                        missingOnTopics.add("revisit.due of idea " + id);
                    }
                }
                case APPROVED -> expectOnTopic(byKeyType, id, "idea.approved.v1", missingOnTopics);
                case EXPERIMENT_STARTED -> {
                    expectOnTopic(byKeyType, id, "idea.approved.v1", missingOnTopics);
                    expectOnTopic(byKeyType, idea.experimentId().toString(), "experiment.started.v1", missingOnTopics);
                    if (!registeredByExperiment.containsKey(idea.experimentId().toString())) {
                        missingOnTopics.add("ai-system.registered of experiment " + idea.experimentId());
                    }
                }
                default -> { }
            }
        }
        c.put("missing: topics", "acknowledged writes and their effects not on a topic (read_committed)", missingOnTopics);
        c.put("missing: topics", "gaps in a stream's sequence among first deliveries", FaultOrder.gaps(topics.all()));
        c.put("order", "per-key reordering among first deliveries (ce_sequence)", FaultOrder.reorderings(topics.all()));

        // --- duplicate effects -----------------------------------------------------------------------------------
        List<String> extraIdeas = new ArrayList<>();
        ideas.keySet().stream().filter(id -> !ledger.containsKey(id)).forEach(id -> extraIdeas.add("idea " + id + " never acknowledged"));
        long givenUpSubmits = load.givenUp().stream().filter(k -> k.startsWith("fault-")).count();
        c.put("duplicates", "ideas beyond the acknowledged submits (" + givenUpSubmits + " given up allowed)",
                extraIdeas.size() <= givenUpSubmits ? List.of() : extraIdeas);
        c.put("duplicates", "experiments per started idea > 1", over(experimentsPerIdea, 1));
        c.put("duplicates", "revisit cases per rejection > 1", over(casesPerIdea, 1));
        c.put("duplicates", "revisit.opened per rejection > 1", overSets(openedByIdea));
        c.put("duplicates", "revisit.due per (case, cycle) > 1", overSets(dueByCaseCycle));
        c.put("duplicates", "AI systems per started experiment > 1 (ai-system.registered)", overSets(registeredByExperiment));
        long experimentsAcked = ledger.values().stream().filter(i -> i.last() == FaultLoad.Acked.EXPERIMENT_STARTED).count();
        c.put("duplicates", "AI systems on the register beyond the started experiments",
                systems.size() > experimentsAcked ? List.of(systems.size() + " systems for " + experimentsAcked + " experiments") : List.of());
        c.put("duplicates", "dashboard funnel counts off the ledger (a projection counted twice or not at all)",
                funnelDifferences(funnel, ledger, load));
        return c;
    }

    /** Adds the run's own counts: contract violations on HTTP, unexpected answers, dead letters. */
    void add(String group, String check, List<String> examples) {
        put(group, check, examples);
    }

    /** Everything an acknowledged write should have caused but which is not there (yet). */
    long missing() {
        return counts.values().stream().filter(c -> c.group().startsWith("missing")).mapToLong(Count::count).sum()
                + counts.values().stream().filter(c -> c.check().startsWith("dashboard")).mapToLong(Count::count).sum();
    }

    long total() {
        return counts.values().stream().mapToLong(Count::count).sum();
    }

    Map<String, Count> counts() {
        return counts;
    }

    private void put(String group, String check, List<String> examples) {
        counts.put(check, new Count(group, check, examples.size(), examples.subList(0, Math.min(examples.size(), 10))));
    }

    private static String expectedStatus(FaultLoad.Acked acked) {
        return switch (acked) {
            case SUBMITTED -> "SUBMITTED";
            case REJECTED -> "REJECTED";
            case APPROVED -> "APPROVED";
            case EXPERIMENT_STARTED -> "IN_EXPERIMENT";
        };
    }

    static UUID systemOf(UUID experimentId) {
        return UUID.nameUUIDFromBytes(("ai-system:experiment:" + experimentId).getBytes(StandardCharsets.UTF_8));
    }

    private static void expectOnTopic(Map<String, Set<String>> byKeyType, String key, String type, List<String> missing) {
        if (!byKeyType.containsKey(key + " " + T + type)) {
            missing.add(type + " of " + key);
        }
    }

    private static List<String> funnelDifferences(JsonNode funnel, Map<UUID, FaultLoad.Idea> ledger, FaultLoad load) {
        if (funnel == null) {
            return List.of("no dashboard summary");
        }
        long submitted = ledger.size();
        long rejected = ledger.values().stream().filter(i -> i.last() == FaultLoad.Acked.REJECTED).count();
        long started = ledger.values().stream().filter(i -> i.last() == FaultLoad.Acked.EXPERIMENT_STARTED).count();
        long approved = ledger.values().stream().filter(i -> i.last() == FaultLoad.Acked.APPROVED).count() + started;
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("submitted", submitted);
        expected.put("approved", approved);
        expected.put("rejected", rejected);
        expected.put("experimentStarted", started);
        expected.put("revisitDue", rejected);
        List<String> off = new ArrayList<>();
        boolean unknown = !load.givenUp().isEmpty();
        expected.forEach((k, v) -> {
            long shown = funnel.path(k).asLong(-1);
            if (shown != v && !(unknown && shown > v)) {
                off.add(k + ": " + shown + " shown, " + v + " acknowledged");
            }
        });
        return off;
    }

    private static <K> List<String> over(Map<K, Integer> countsByKey, int max) {
        List<String> over = new ArrayList<>();
        countsByKey.forEach((k, n) -> {
            if (n > max) {
                over.add(k + ": " + n);
            }
        });
        return over;
    }

    private static List<String> overSets(Map<String, Set<String>> idsByKey) {
        List<String> over = new ArrayList<>();
        idsByKey.forEach((k, ids) -> {
            if (ids.size() > 1) {
                over.add(k + ": " + ids);
            }
        });
        return over;
    }

    private static Map<UUID, Integer> countBy(Iterable<JsonNode> rows, Function<JsonNode, UUID> key) {
        Map<UUID, Integer> n = new HashMap<>();
        rows.forEach(r -> n.merge(key.apply(r), 1, Integer::sum));
        return n;
    }

    /** Every item of a paged list ({@code items}, page size 100), by its id; the items of every page. */
    private static Map<UUID, JsonNode> pages(FaultClient client, ServiceProcess service, String path, String token, String idField)
            throws InterruptedException {
        Map<UUID, JsonNode> all = new LinkedHashMap<>();
        for (int page = 0; ; page++) {
            FaultClient.Reply reply = client.read(service, path + "&size=100&page=" + page, token);
            if (reply == null || reply.status() != 200) {
                throw new IllegalStateException(service.name() + path + " answered " + (reply == null ? "nothing" : reply.status() + " " + reply.body()));
            }
            JsonNode items = reply.json().path("items");
            items.forEach(item -> all.put(UUID.fromString(item.path(idField).asText()), item));
            if (items.size() < 100) {
                return all;
            }
        }
    }

    /** The systems governance registers for the department (every keyset page). */
    private static Set<UUID> register(FaultClient client, String department, String officer) throws InterruptedException {
        Set<UUID> systems = new HashSet<>();
        String after = null;
        do {
            String path = "/ai-systems?department=" + encode(department) + "&limit=500" + (after == null ? "" : "&after=" + encode(after));
            FaultClient.Reply reply = client.read(AcrossServices.governance(), path, officer);
            if (reply == null || reply.status() != 200) {
                throw new IllegalStateException("governance " + path + " answered " + (reply == null ? "nothing" : reply.status() + " " + reply.body()));
            }
            reply.json().path("systems").forEach(s -> systems.add(UUID.fromString(s.path("systemId").asText())));
            after = reply.json().path("next").isTextual() ? reply.json().path("next").asText() : null;
        } while (after != null);
        return systems;
    }

    private static JsonNode dashboardFunnel(FaultClient client, String department, String officer) throws InterruptedException {
        FaultClient.Reply reply = client.read(AcrossServices.dashboard(), "/dashboard/summary?department=" + encode(department), officer);
        return reply == null || reply.status() != 200 ? null : reply.json().path("funnel");
    }
}
