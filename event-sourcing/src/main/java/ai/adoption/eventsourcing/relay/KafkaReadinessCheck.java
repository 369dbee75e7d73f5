package ai.adoption.eventsourcing.relay;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Ready only while the Kafka cluster answers, within two seconds. When it does not, the service still
 * accepts commands (the outbox holds the events); readiness only tells the platform that publication
 * is delayed.
 */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {

    private static final int TIMEOUT_MS = 2000;
    private final Map<String, Object> config;
    private Admin admin;

    @Inject
    public KafkaReadinessCheck(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.config = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "readiness-check");
    }

    /** Connects the admin client in the background at start, so the first readiness probe answers quickly. */
    void warmUp(@Observes StartupEvent event) {
        Thread warmUp = new Thread(() -> admin().describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS)),
                "kafka-readiness-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    @Override
    public HealthCheckResponse call() {
        try {
            String clusterId = admin().describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
                    .clusterId().get(TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS);
            return HealthCheckResponse.named("kafka").up().withData("clusterId", clusterId).build();
        } catch (Exception e) {
            return HealthCheckResponse.named("kafka").down()
                    .withData("reason", e.getClass().getSimpleName()).build();
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(config);
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
