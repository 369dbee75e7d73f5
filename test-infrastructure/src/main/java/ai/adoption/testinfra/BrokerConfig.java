package ai.adoption.testinfra;

import java.nio.file.Path;

/** The text of the broker's {@code server.properties} and of its child JVM's {@code logging.properties}. */
final class BrokerConfig {

    private BrokerConfig() {
    }

    /** One combined broker+controller node (KRaft) on {@code host}, single-replica internal topics, quick restarts. */
    static String serverProperties(String host, int brokerPort, int controllerPort, Path dataDir) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + host + ":" + controllerPort,
                "listeners=PLAINTEXT://" + host + ":" + brokerPort + ",CONTROLLER://" + host + ":" + controllerPort,
                "advertised.listeners=PLAINTEXT://" + host + ":" + brokerPort,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + dataDir.toAbsolutePath(),
                "auto.create.topics.enable=true",
                "num.partitions=3",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=5",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=5",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // after a kill the restarted broker is a new incarnation: the controller rejects its registration
                // until the old session expires, so keep that session short (default 9 s)
                "broker.heartbeat.interval.ms=500",
                "broker.session.timeout.ms=3000",
                "num.network.threads=2",
                "num.io.threads=4",
                "num.recovery.threads.per.data.dir=1",
                "log.cleaner.dedupe.buffer.size=8388608",
                "");
    }

    /** jboss-logmanager configuration of the child JVM: INFO to stdout, the chatty config dumps at WARN. */
    static String loggingProperties() {
        return String.join("\n",
                "loggers=org.apache.kafka.common.config,kafka.server.KafkaConfig,org.apache.kafka.clients",
                "logger.level=INFO",
                "logger.handlers=CONSOLE",
                "logger.org.apache.kafka.common.config.level=WARN",
                "logger.kafka.server.KafkaConfig.level=WARN",
                "logger.org.apache.kafka.clients.level=WARN",
                "handler.CONSOLE=org.jboss.logmanager.handlers.ConsoleHandler",
                "handler.CONSOLE.properties=autoFlush,target",
                "handler.CONSOLE.autoFlush=true",
                "handler.CONSOLE.target=SYSTEM_OUT",
                "handler.CONSOLE.formatter=PATTERN",
                "formatter.PATTERN=org.jboss.logmanager.formatters.PatternFormatter",
                "formatter.PATTERN.properties=pattern",
                "formatter.PATTERN.pattern=%d{HH:mm:ss,SSS} %-5p [%c] (%t) %s%e%n",
                "");
    }
}
