package ai.adoption.eventsourcing.relay;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the outbox relay's threads run; reports whether this instance is the active relay. */
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
        return lifecycle.relay()
                .map(relay -> HealthCheckResponse.named("outbox-relay").status(relay.isRunning())
                        .withData("leader", relay.isLeader())
                        .withData("unpublished", relay.unpublished()).build())
                .orElseGet(() -> HealthCheckResponse.named("outbox-relay").up().withData("enabled", false).build());
    }
}
