package ai.adoption.revisit;

import ai.adoption.eventsourcing.command.CommandContext;
import ai.adoption.eventsourcing.command.UnitOfWork;
import ai.adoption.eventsourcing.core.Actor;
import ai.adoption.revisit.application.CaseService;
import ai.adoption.revisit.domain.CaseSource;
import ai.adoption.revisit.domain.Origin;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/** Opens many cases at once through the real command path (as the consumer does), on a Vert.x context. */
public final class Cases {

    private Cases() {
    }

    public static <T> T onContext(Vertx vertx, Supplier<Uni<T>> work) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        return Uni.createFrom().<T>deferred(() -> work.get())
                .runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()))
                .await().atMost(Duration.ofMinutes(3));
    }

    /** Opens {@code count} cases of {@code department} with their own {@code interval}, cycle 1 starting at {@code startAt}. */
    public static List<UUID> open(Vertx vertx, UnitOfWork unitOfWork, CaseService cases, int count, String department, String tool,
                                  String interval, Instant startAt) {
        return open(vertx, unitOfWork, cases, count, department, tool, interval, startAt, "QUALITY_INSUFFICIENT");
    }

    /** The same, rejected for {@code reason}; {@code interval} null: the department's or the global interval applies. */
    public static List<UUID> open(Vertx vertx, UnitOfWork unitOfWork, CaseService cases, int count, String department, String tool,
                                  String interval, Instant startAt, String reason) {
        List<UUID> ids = new ArrayList<>();
        int perTransaction = 100;
        for (int from = 0; from < count; from += perTransaction) {
            int n = Math.min(perTransaction, count - from);
            List<UUID> batch = onContext(vertx, () -> unitOfWork.transact(() -> {
                List<UUID> opened = new ArrayList<>();
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (int i = 0; i < n; i++) {
                    UUID eventId = UUID.randomUUID();
                    Origin origin = new Origin(CaseSource.REJECTION, UUID.randomUUID(), null, department, "Case " + eventId, tool,
                            "alice", reason, null, null, "not good enough yet", "fiona", eventId, "idea.rejected");
                    CommandContext context = new CommandContext(Actor.system("test"), "corr-" + eventId, eventId.toString(),
                            MutableClock.INSTANCE.instant());
                    chain = chain.chain(() -> cases.open(origin, interval, startAt, context)
                            .invoke(() -> opened.add(CaseService.caseIdFor(eventId))).replaceWithVoid());
                }
                return chain.replaceWith(opened);
            }));
            ids.addAll(batch);
        }
        return ids;
    }
}
