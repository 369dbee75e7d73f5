package ai.adoption.eventsourcing.testapp;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.Unremovable;
import jakarta.inject.Singleton;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;

/**
 * The test application's span exporter: keeps the last {@value #CAPACITY} finished spans in memory. Its
 * presence replaces Quarkus' OTLP exporter (so no test tries localhost:4317); spans reach it only where
 * a test profile sets {@code eventsourcing.tracing.export=true}, as {@code TracePropagationTest} does.
 */
@Singleton
@Unremovable
public class CollectedSpans implements SpanExporter {

    static final int CAPACITY = 10_000;
    private static final Deque<SpanData> SPANS = new ArrayDeque<>();

    /** The spans exported so far (the oldest dropped beyond the capacity). */
    public static List<SpanData> finished() {
        synchronized (SPANS) {
            return new ArrayList<>(SPANS);
        }
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        synchronized (SPANS) {
            for (SpanData span : spans) {
                if (SPANS.size() == CAPACITY) {
                    SPANS.removeFirst();
                }
                SPANS.addLast(span);
            }
        }
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
