package ai.adoption.eventsourcing.tracing;

import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * The sampler every service traces with (Quarkus uses a CDI {@link Sampler} instead of its configured one).
 *
 * <p>Spans and their ids always exist: every response carries {@code X-Trace-Id}, every event stores its
 * {@code traceparent} and every record carries it on. Whether spans are <em>recorded and exported</em>
 * depends on where they would go. Quarkus cannot switch its OTLP exporter off at run time (an unset
 * endpoint means {@code localhost:4317}), so on the laptop, with no collector, it would log a failed
 * export every few seconds under load. So: with no OTLP endpoint configured
 * ({@code quarkus.otel.exporter.otlp.traces.endpoint} or {@code quarkus.otel.exporter.otlp.endpoint}),
 * nothing is sampled and nothing is exported; with one, {@code eventsourcing.tracing.sampling-ratio}
 * of the new traces are (default 1.0: all), and a trace that arrives sampled or not stays so (parent-based).
 * {@code eventsourcing.tracing.export=true|false} overrides the choice (true with a CDI
 * {@code SpanExporter}, as tests use).
 *
 * <p>"Configured" means set by a real configuration source (a properties file, the environment, a system
 * property), not merely present: the OpenTelemetry extension registers {@code http://localhost:4317/} as a
 * <em>default value</em> of both endpoint properties, so asking whether they are present always says yes.
 */
@ApplicationScoped
public class TracingSampler {

    private static final Logger LOG = Logger.getLogger(TracingSampler.class);

    static final String TRACES_ENDPOINT = "quarkus.otel.exporter.otlp.traces.endpoint";
    static final String ENDPOINT = "quarkus.otel.exporter.otlp.endpoint";

    /**
     * The lowest ordinal of a source a person writes: {@code META-INF/microprofile-config.properties} is 100,
     * {@code application.properties} 250, the environment 300, system properties 400. Default values that
     * extensions register live far below (SmallRye's defaults source is {@code Integer.MIN_VALUE}).
     */
    private static final int LOWEST_WRITTEN_ORDINAL = 100;

    @Produces
    @Singleton
    @Unremovable
    Sampler sampler(@ConfigProperty(name = "eventsourcing.tracing.sampling-ratio", defaultValue = "1.0") double ratio,
                    @ConfigProperty(name = "eventsourcing.tracing.export") Optional<Boolean> export,
                    Config config) {
        return choose(ratio, export.orElseGet(() -> endpointConfigured(config)));
    }

    /** Whether someone set an OTLP traces endpoint, as opposed to the extension's default of localhost:4317. */
    static boolean endpointConfigured(Config config) {
        return written(config.getConfigValue(TRACES_ENDPOINT)) || written(config.getConfigValue(ENDPOINT));
    }

    private static boolean written(ConfigValue value) {
        return value.getValue() != null && !value.getValue().isBlank() && value.getSourceOrdinal() >= LOWEST_WRITTEN_ORDINAL;
    }

    static Sampler choose(double ratio, boolean exporting) {
        if (ratio < 0 || ratio > 1) {
            throw new IllegalArgumentException("eventsourcing.tracing.sampling-ratio must be between 0 and 1: " + ratio);
        }
        if (!exporting) {
            LOG.debug("No OTLP endpoint configured: spans carry trace ids but none is recorded or exported");
            return Sampler.alwaysOff();
        }
        return Sampler.parentBased(Sampler.traceIdRatioBased(ratio));
    }
}
