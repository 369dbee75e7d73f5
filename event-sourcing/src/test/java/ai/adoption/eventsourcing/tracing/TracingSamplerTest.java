package ai.adoption.eventsourcing.tracing;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.quarkus.opentelemetry.runtime.config.runtime.exporter.OtlpExporterConfigBuilder;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Nothing is sampled without an exporter; with one, the ratio applies to new traces and a caller's decision is kept. */
class TracingSamplerTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void withoutAnExporterNothingIsSampledNotEvenASampledCallersTrace() {
        Sampler sampler = TracingSampler.choose(1.0, false);
        assertThat(decide(sampler, Context.root())).isEqualTo(SamplingDecision.DROP);
        assertThat(decide(sampler, parent(true))).isEqualTo(SamplingDecision.DROP);
    }

    @Test
    void withAnExporterTheRatioDecidesNewTracesAndTheCallersDecisionIsKept() {
        assertThat(decide(TracingSampler.choose(1.0, true), Context.root())).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
        assertThat(decide(TracingSampler.choose(0.0, true), Context.root())).isEqualTo(SamplingDecision.DROP);
        assertThat(decide(TracingSampler.choose(0.0, true), parent(true))).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
        assertThat(decide(TracingSampler.choose(1.0, true), parent(false))).isEqualTo(SamplingDecision.DROP);
    }

    /**
     * The OpenTelemetry extension gives both endpoint properties the default {@code http://localhost:4317/}; a
     * laptop with no collector must not count that as configured (it did: every service recorded every span and
     * logged a failed export every few seconds).
     */
    @Test
    void theExtensionsDefaultEndpointIsNotAConfiguredOne() {
        assertThat(TracingSampler.endpointConfigured(config(Map.of()))).isFalse();
    }

    @Test
    void anEndpointSetInAPropertiesFileOrTheEnvironmentIsConfigured() {
        assertThat(TracingSampler.endpointConfigured(config(Map.of(TracingSampler.TRACES_ENDPOINT, "http://localhost:4318")))).isTrue();
        assertThat(TracingSampler.endpointConfigured(config(Map.of(TracingSampler.ENDPOINT, "http://collector:4317")))).isTrue();
        assertThat(TracingSampler.endpointConfigured(config(Map.of(TracingSampler.ENDPOINT, " ")))).isFalse();
    }

    /** The configuration a service sees: the extension's defaults, then an application.properties (ordinal 250). */
    private static SmallRyeConfig config(Map<String, String> applicationProperties) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().addDefaultInterceptors();
        new OtlpExporterConfigBuilder().configBuilder(builder);
        return builder.withSources(new PropertiesConfigSource(applicationProperties, "application.properties", 250)).build();
    }

    @Test
    void aRatioOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> TracingSampler.choose(1.5, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TracingSampler.choose(-0.1, true)).isInstanceOf(IllegalArgumentException.class);
    }

    private static SamplingDecision decide(Sampler sampler, Context parent) {
        return sampler.shouldSample(parent, TRACE, "span", SpanKind.SERVER, Attributes.empty(), List.of()).getDecision();
    }

    private static Context parent(boolean sampled) {
        return Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(TRACE, "00f067aa0ba902b7",
                sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault())));
    }
}
