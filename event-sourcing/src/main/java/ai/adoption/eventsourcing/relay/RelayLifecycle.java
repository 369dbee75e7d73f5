package ai.adoption.eventsourcing.relay;

import ai.adoption.eventsourcing.command.CommitSignal;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.DriverManager;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Starts this service's outbox relay once the schema is migrated, and stops it on shutdown. */
@ApplicationScoped
public class RelayLifecycle {

    private final RelayConfig config;
    private final CommitSignal commitSignal;
    private final MeterRegistry meters;
    private final Map<String, Object> kafkaConfig;
    private final String jdbcUrl;
    private final Optional<String> username;
    private final Optional<String> password;
    private final String applicationName;
    private OutboxRelay relay;

    @Inject
    public RelayLifecycle(RelayConfig config, CommitSignal commitSignal, MeterRegistry meters,
                          @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                          @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
                          @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
                          @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
                          @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.config = config;
        this.commitSignal = commitSignal;
        this.meters = meters;
        this.kafkaConfig = kafkaConfig;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.applicationName = applicationName;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        RelaySettings settings = new RelaySettings(config.topicPrefix(),
                config.source().orElse("urn:ai-adoption:" + applicationName),
                config.pollInterval(), config.batchSize(), config.channel(), config.lockKey());
        Map<String, Object> producer = new HashMap<>(kafkaConfig);
        producer.remove("group.id");
        producer.putIfAbsent("client.id", applicationName + "-outbox-relay");
        relay = new OutboxRelay(settings,
                () -> DriverManager.getConnection(jdbcUrl, username.orElse(null), password.orElse(null)),
                producer, meters);
        commitSignal.onCommit(relay::wake);
        relay.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (relay != null) {
            relay.close();
        }
    }

    public Optional<OutboxRelay> relay() {
        return Optional.ofNullable(relay);
    }
}
