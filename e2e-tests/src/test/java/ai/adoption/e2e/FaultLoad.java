package ai.adoption.e2e;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static ai.adoption.e2e.AcrossServices.RUN;

/**
 * A steady, modest load of client-acknowledged writes on experiments-service, from a few client threads: each submits
 * an idea and then, by turns, rejects it with a revisit interval of 5 s, approves it and starts an experiment, or leaves
 * it submitted. Every write is retried through {@link FaultClient} until answered; what was acknowledged is recorded in
 * the ledger, which is what the counts check against.
 */
final class FaultLoad {

    /** What the client was told, per idea: the last acknowledged write decides what the read models must show. */
    enum Acked { SUBMITTED, REJECTED, APPROVED, EXPERIMENT_STARTED }

    record Idea(UUID id, Acked last, UUID experimentId, boolean canary) {
    }

    static final String REVISIT_AFTER = "PT5S";

    final String department;
    final String tool;
    final String employee;
    final String approver;
    private final FaultClient client;
    private final Map<UUID, Idea> ledger = new ConcurrentHashMap<>();
    private final Set<String> givenUp = ConcurrentHashMap.newKeySet();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicInteger sequence = new AtomicInteger();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    FaultLoad(FaultClient client, String department, String tool) {
        this.client = client;
        this.department = department;
        this.tool = tool;
        this.employee = Api.token("erin-" + RUN, "employee", department);
        this.approver = Api.token("abe-" + RUN, "approver", department);
    }

    void start(int clients, long pauseMillis) {
        running.set(true);
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(() -> loop(pauseMillis), "fault-load-" + i);
            threads.add(thread);
            thread.start();
        }
    }

    /** Stops the clients after the write each is busy with (which is still retried until answered or given up). */
    void stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(FaultClient.GIVE_UP.toMillis() * 3);
        }
    }

    private void loop(long pauseMillis) {
        while (running.get()) {
            try {
                int n = sequence.incrementAndGet();
                Idea idea = submit(tool, "load-" + n, false);
                if (idea != null) {
                    switch (n % 3) {
                        case 0 -> reject(idea);
                        case 1 -> {
                            Idea approved = approve(idea);
                            if (approved != null) {
                                startExperiment(approved, "load-" + n);
                            }
                        }
                        default -> { } // left submitted
                    }
                }
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable t) {
                failures.add(t);
            }
        }
    }

    /** Submits an idea naming {@code aiTool}; its acknowledged entry, or null when the client gave up. */
    Idea submit(String aiTool, String name, boolean canary) throws InterruptedException {
        String key = "fault-" + RUN + "-" + name;
        FaultClient.Reply reply = client.write(AcrossServices.experiments(), "POST", "/ideas", employee, Map.of(
                "title", "Fault " + name + " " + RUN, "problem", "Sorting the inbox of the " + department + " team by hand",
                "aiTool", aiTool, "dataClassification", "INTERNAL", "benefitCategory", "EFFICIENCY"), key, r -> false);
        if (reply == null) {
            givenUp.add(key);
            return null;
        }
        Idea idea = new Idea(UUID.fromString(reply.json().path("id").asText()), Acked.SUBMITTED, null, canary);
        ledger.put(idea.id(), idea);
        return idea;
    }

    Idea reject(Idea idea) throws InterruptedException {
        FaultClient.Reply reply = client.write(AcrossServices.experiments(), "POST", "/ideas/" + idea.id() + "/reject", approver,
                Map.of("reason", "UNRELIABLE_OUTPUT", "explanation", "Made up a sender", "revisitAfter", REVISIT_AFTER),
                null, r -> r.status() == 409 && "REJECTED".equals(r.json().path("currentState").asText()));
        return acknowledged(reply, new Idea(idea.id(), Acked.REJECTED, null, idea.canary()));
    }

    private Idea approve(Idea idea) throws InterruptedException {
        FaultClient.Reply reply = client.write(AcrossServices.experiments(), "POST", "/ideas/" + idea.id() + "/approve", approver,
                Map.of("funding", Map.of("centralBudgetAmount", 1000, "currency", "EUR", "businessUnitCommitted", true,
                        "businessUnit", "Operations"), "comment", "Try it for two weeks"),
                null, r -> r.status() == 409 && "APPROVED".equals(r.json().path("currentState").asText()));
        return acknowledged(reply, new Idea(idea.id(), Acked.APPROVED, null, idea.canary()));
    }

    private void startExperiment(Idea idea, String name) throws InterruptedException {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        FaultClient.Reply reply = client.write(AcrossServices.experiments(), "POST", "/experiments", approver, Map.of(
                "ideaId", idea.id().toString(), "lead", "erin-" + RUN, "scope", "One mailbox", "tool", tool,
                "startDate", today.toString(), "plannedEndDate", today.plusWeeks(2).toString(),
                "successCriteria", List.of("Half the sorting time"),
                "businessUnitFunding", Map.of("businessUnit", "Operations", "committedBy", "head-of-operations",
                        "amount", 2000, "currency", "EUR")), "fault-" + RUN + "-" + name + "-experiment", r -> false);
        if (reply == null) {
            givenUp.add(idea.id() + " " + Acked.EXPERIMENT_STARTED);
            return;
        }
        acknowledged(reply, new Idea(idea.id(), Acked.EXPERIMENT_STARTED, UUID.fromString(reply.json().path("id").asText()),
                idea.canary()));
    }

    private Idea acknowledged(FaultClient.Reply reply, Idea next) {
        if (reply == null) {
            givenUp.add(next.id() + " " + next.last());
            return null;
        }
        ledger.put(next.id(), next);
        return next;
    }

    Map<UUID, Idea> ledger() {
        return ledger;
    }

    /** Writes the client gave up on: their outcome stays unknown (allowed extras in the read models). */
    Set<String> givenUp() {
        return givenUp;
    }

    /** Whether a write on this idea after its last acknowledged one was given up (so it may or may not have happened). */
    boolean unknownAfter(UUID idea) {
        String prefix = idea + " ";
        return givenUp.stream().anyMatch(k -> k.startsWith(prefix));
    }

    List<Throwable> failures() {
        return failures;
    }
}
