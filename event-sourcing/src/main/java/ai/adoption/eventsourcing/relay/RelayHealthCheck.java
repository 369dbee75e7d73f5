package ai.adoption.eventsourcing.relay;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import java.util.Optional;

/**
 * {@code /q/health/group/outbox-relay}: whether publication works. DOWN while the relay refuses to
 * publish because its checkpoint belongs to another cluster (a restored database), or when its loop
 * hangs. Deliberately not liveness: restarting the pod cannot fix a checkpoint and would take the API
 * down with it. Parked poison records are reported (data, metric) but do not make it DOWN.
 */
@HealthGroup("outbox-relay")
@ApplicationScoped
public class RelayHealthCheck implements HealthCheck {

    private final RelayLifecycle lifecycle;

    @Inject
    public RelayHealthCheck(RelayLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
        return response(lifecycle.relay());
    }

    static HealthCheckResponse response(Optional<OutboxRelay> relay) {
        if (relay.isEmpty()) {
            return HealthCheckResponse.named("outbox-relay-publication").up().withData("enabled", false).build();
        }
        OutboxRelay r = relay.get();
        Optional<String> mismatch = r.checkpointMismatch();
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("outbox-relay-publication")
                .status(r.isLive() && mismatch.isEmpty())
                .withData("leader", r.isLeader())
                .withData("unpublished", r.unpublished())
                .withData("parked", r.parked())
                .withData("held", r.held())
                .withData("xminGateAgeMs", r.xminGateAge().toMillis());
        mismatch.ifPresent(m -> builder.withData("checkpointMismatch", m));
        return builder.build();
    }
}
