package ai.adoption.eventsourcing.relay;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import java.util.Optional;

/**
 * Live while the outbox relay's loop runs and completes rounds: DOWN when no round completed within
 * {@code eventsourcing.relay.liveness-timeout} (a thread hanging on a half-open connection, say), so
 * that the platform restarts the pod and a standby takes the advisory lock. A broker outage does not
 * make it DOWN (every Kafka call is bounded, each failed round still completes).
 */
@Liveness
@ApplicationScoped
public class RelayLivenessCheck implements HealthCheck {

    private final RelayLifecycle lifecycle;

    @Inject
    public RelayLivenessCheck(RelayLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
        return response(lifecycle.relay());
    }

    static HealthCheckResponse response(Optional<OutboxRelay> relay) {
        return relay
                .map(r -> HealthCheckResponse.named("outbox-relay").status(r.isLive())
                        .withData("running", r.isRunning())
                        .withData("leader", r.isLeader())
                        .withData("sinceLastRoundMs", r.sinceLastRound().toMillis())
                        .withData("unpublished", r.unpublished()).build())
                .orElseGet(() -> HealthCheckResponse.named("outbox-relay").up().withData("enabled", false).build());
    }
}
