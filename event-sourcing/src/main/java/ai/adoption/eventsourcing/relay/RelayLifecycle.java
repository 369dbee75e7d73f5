package ai.adoption.eventsourcing.relay;

import ai.adoption.eventsourcing.command.CommitSignal;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.DriverManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

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
    private final OpenTelemetry telemetry;
    private OutboxRelay relay;

    @Inject
    public RelayLifecycle(RelayConfig config, CommitSignal commitSignal, MeterRegistry meters,
                          @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                          @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
                          @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
                          @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
                          @ConfigProperty(name = "quarkus.application.name") String applicationName,
                          OpenTelemetry telemetry) {
        this.config = config;
        this.commitSignal = commitSignal;
        this.meters = meters;
        this.kafkaConfig = kafkaConfig;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.applicationName = applicationName;
        this.telemetry = telemetry;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        RelaySettings settings = new RelaySettings(config.topicPrefix(),
                config.source().orElse("urn:ai-adoption:" + applicationName),
                config.pollInterval(), config.batchSize(), config.channel(), config.lockKey(),
                config.livenessTimeout(), config.gaugeInterval(), config.linger(), config.checkpointInterval());
        Map<String, Object> producer = new HashMap<>(kafkaConfig);
        producer.remove("group.id");
        producer.putIfAbsent("client.id", applicationName + "-outbox-relay");
        producer.put("transactional.id", config.transactionalId()
                .orElse(applicationName + "." + config.topicPrefix() + ".outbox-relay"));
        Properties connectionProperties = connectionProperties(username, password, config.socketTimeout());
        relay = new OutboxRelay(settings, () -> DriverManager.getConnection(jdbcUrl, connectionProperties), producer, meters,
                telemetry);
        commitSignal.onCommit(relay::wake);
        relay.start();
    }

    /**
     * JDBC properties of the relay's own connections: credentials, a socket timeout (a read on a
     * half-open connection fails instead of hanging for the kernel's 15+ minutes while the advisory
     * lock is held) and TCP keepalive. Parameters in the JDBC URL take precedence.
     */
    static Properties connectionProperties(Optional<String> username, Optional<String> password, Duration socketTimeout) {
        Properties properties = new Properties();
        username.ifPresent(u -> properties.setProperty("user", u));
        password.ifPresent(p -> properties.setProperty("password", p));
        properties.setProperty("socketTimeout", Long.toString(Math.max(1, socketTimeout.toSeconds())));
        properties.setProperty("tcpKeepAlive", "true");
        return properties;
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
