package ai.adoption.eventsourcing.relay;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.health.api.HealthGroup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether the Kafka cluster answers, within two seconds: {@code /q/health/group/kafka} and the gauge
 * {@code eventsourcing_kafka_reachable} (1/0, measured every 15 s and on each probe; -1 until first
 * measured). Deliberately <em>not</em> readiness: while Kafka is down the service keeps accepting
 * commands (the outbox holds the events), so taking the pod out of the load balancer would only
 * turn a publication delay into an outage.
 */
@HealthGroup("kafka")
@ApplicationScoped
public class KafkaHealthCheck implements HealthCheck {

    private static final int TIMEOUT_MS = 2000;
    private static final long REFRESH_SECONDS = 15;
    private final Map<String, Object> config;
    private final AtomicInteger reachable = new AtomicInteger(-1);
    private Admin admin;
    private ScheduledExecutorService refresher;

    @Inject
    public KafkaHealthCheck(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, MeterRegistry meters) {
        this.config = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "kafka-health-check");
        Gauge.builder("eventsourcing.kafka.reachable", reachable, AtomicInteger::get)
                .description("1 if the Kafka cluster answered the last check within 2 s, 0 if not (-1 until first checked)")
                .register(meters);
    }

    /** Connects the admin client in the background at start and keeps the gauge fresh. */
    void warmUp(@Observes StartupEvent event) {
        synchronized (this) {
            refresher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "kafka-health-check");
                t.setDaemon(true);
                return t;
            });
        }
        refresher.scheduleWithFixedDelay(this::call, 0, REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public HealthCheckResponse call() {
        try {
            String clusterId = admin().describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
                    .clusterId().get(TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS);
            reachable.set(1);
            return HealthCheckResponse.named("kafka").up().withData("clusterId", clusterId).build();
        } catch (Exception e) {
            reachable.set(0);
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
        if (refresher != null) {
            refresher.shutdownNow();
        }
        if (admin != null) {
            admin.close();
        }
    }
}
