package ai.adoption.revisit.application;

import ai.adoption.eventsourcing.command.CommandContext;
import ai.adoption.eventsourcing.core.Actor;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;

/**
 * At start, finishes what the last run left half done: policy reschedules and tool-approval
 * bring-forwards are chunked and resumable ({@link WaitingCases}), and their unfinished state is
 * durable (a policy's rescheduled version, an approval's pending mark). Runs in the background.
 */
@ApplicationScoped
public class PendingWork {

    private static final Logger LOG = Logger.getLogger(PendingWork.class);

    private final Vertx vertx;
    private final PolicyService policies;
    private final ToolApprovals approvals;
    private final Clock clock;

    @Inject
    public PendingWork(Vertx vertx, PolicyService policies, ToolApprovals approvals, Clock clock) {
        this.vertx = vertx;
        this.policies = policies;
        this.approvals = approvals;
        this.clock = clock;
    }

    void resume(@Observes StartupEvent event) {
        CommandContext context = new CommandContext(Actor.system("revisit-service"), "revisit-service:resume-at-start",
                "revisit-service:resume-at-start", clock.instant());
        VertxContexts.onFreshContext(vertx, () -> policies.resumeReschedules(context))
                .chain(rescheduled -> VertxContexts.onFreshContext(vertx, () -> approvals.resumePending(clock.instant()))
                        .invoke(moved -> {
                            if (rescheduled > 0 || !moved.isEmpty()) {
                                LOG.infof("Resumed at start: %d case(s) rescheduled, %d brought forward", rescheduled, moved.size());
                            }
                        }))
                .subscribe().with(ignored -> { }, e -> LOG.warnf("Resuming unfinished reschedules and bring-forwards failed: %s", e.toString()));
    }
}
