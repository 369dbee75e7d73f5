package ai.adoption.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Locale;

/**
 * What a run prints and writes: the human-readable report, the {@code BENCH_RESULT {json}} line (also to
 * {@code --json-out}), and the per-second timeline of the window (CSV, {@code --timeline}).
 */
final class Report {

    private final Options o;

    Report(Options o) {
        this.o = o;
    }

    void print(LoadLoops.Result r, LagConsumer lag, String kafkaError, long windowFrom, long windowTo)
            throws IOException {
        double seconds = (windowTo - windowFrom) / 1e6;
        Samples.Stats latency = r.latencies().stats();
        long ok = latency.count();
        long failed = r.errors().total();
        double okPerSec = ok / seconds;
        double allPerSec = (ok + failed) / seconds;

        StringBuilder h = new StringBuilder();
        h.append(String.format(Locale.ROOT, "throughput      : %.1f req/s successful (201) = %d in %.1f s; all responses %.1f/s%n",
                okPerSec, ok, seconds, allPerSec));
        if (o.mode.equals("open")) {
            h.append(String.format(Locale.ROOT, "offered rate    : %.1f req/s (%d scheduled in the window; %d waited for the in-flight cap of %d)%n",
                    r.sent() / seconds, r.sent(), r.blockedByCap(), o.maxInFlight));
            h.append("sender lateness : ").append(r.sendDelay().stats().human()).append('\n');
        }
        h.append(o.mode.equals("open") ? "latency (201, from intended send time): " : "latency (201)   : ")
                .append(latency.human()).append('\n');
        h.append("errors          : ").append(failed).append(failed > 0 ? " (" + r.errors().human() + ")" : "").append('\n');

        String lagJson;
        if (lag == null) {
            lagJson = "null";
            h.append("kafka lag       : not measured (--no-kafka)\n");
        } else if (kafkaError != null) {
            lagJson = "{\"error\":" + Json.string(kafkaError) + "}";
            h.append("kafka lag       : FAILED: ").append(kafkaError).append('\n');
        } else {
            Samples.Stats ls = lag.lags().stats();
            ResponseTimes rt = lag.responses();
            Samples.Stats rs = rt.lags().stats();
            // lag: from the insert (ce_recordedtime; upper bound); lagFromResponse: from the
            // 201 response of the same idea (lower bound; may be negative)
            lagJson = "{\"topic\":" + Json.string(o.topic) + ",\"group\":" + Json.string(lag.groupId())
                    + ",\"partitions\":" + lag.partitionCount() + ",\"recordsConsumed\":" + lag.records()
                    + ",\"recordsInWindow\":" + lag.inWindow() + ",\"missingHeader\":" + lag.missingHeader()
                    + ",\"unparsableHeader\":" + lag.unparsable() + ",\"lag\":" + ls.json()
                    + ",\"lagFromResponse\":" + rs.json()
                    + ",\"recordsInWindowWithoutResponse\":" + rt.unmatchedRecords()
                    + ",\"responsesNoted\":" + rt.responses()
                    + ",\"responsesWithoutId\":" + rt.responsesWithoutId() + "}";
            h.append("kafka lag from the insert (ce_recordedtime, upper bound): ").append(ls.human()).append('\n');
            h.append("kafka lag from the 201 response (lower bound)         : ").append(rs.human()).append('\n');
            h.append(String.format(Locale.ROOT, "                  (%d records of the window matched to their 201 response, %d without one; %d 201s noted, %d without an id)%n",
                    rs.count(), rt.unmatchedRecords(), rt.responses(), rt.responsesWithoutId()));
            h.append(String.format(Locale.ROOT, "                  (%d records recorded in the window consumed, %d consumed in all, %d partitions, group %s)%n",
                    lag.inWindow(), lag.records(), lag.partitionCount(), lag.groupId()));
        }
        System.out.print(h);

        String json = "{\"mode\":" + Json.string(o.mode)
                + ",\"url\":" + Json.string(o.ideasUri().toString())
                + ",\"clients\":" + (o.mode.equals("closed") ? o.clients : "null")
                + ",\"targetRate\":" + (o.mode.equals("open") ? Json.number(o.rate) : "null")
                + ",\"warmupSeconds\":" + o.warmup.toSeconds()
                + ",\"durationSeconds\":" + o.duration.toSeconds()
                + ",\"windowStart\":" + Json.string(Clock.iso(windowFrom))
                + ",\"windowEnd\":" + Json.string(Clock.iso(windowTo))
                + ",\"windowStartEpochMs\":" + windowFrom / 1000
                + ",\"windowEndEpochMs\":" + windowTo / 1000
                + ",\"ok\":" + ok
                + ",\"errors\":" + failed
                + ",\"sentInWindow\":" + r.sent()
                + ",\"throughput\":" + Json.number(okPerSec)
                + ",\"throughputAllResponses\":" + Json.number(allPerSec)
                + ",\"latency\":" + latency.json()
                + (o.mode.equals("open") ? ",\"senderLateness\":" + r.sendDelay().stats().json()
                + ",\"waitedForInFlightCap\":" + r.blockedByCap() : "")
                + ",\"errorsByKind\":" + r.errors().countsJson()
                + ",\"errorSamples\":" + r.errors().samplesJson()
                + ",\"kafka\":" + lagJson + "}";
        System.out.println("BENCH_RESULT " + json);
        if (o.jsonOut != null) {
            Files.writeString(o.jsonOut, json + "\n");
        }
        if (o.timeline != null) {
            writeTimeline(r, lag, kafkaError == null, windowFrom, windowTo);
        }
    }

    /** Per second of the window: 201s and their latency; events recorded then and their lag. */
    private void writeTimeline(LoadLoops.Result r, LagConsumer lag, boolean lagOk, long from, long to) throws IOException {
        Samples.Stats[] http = r.latencies().timeline(from, to);
        Samples.Stats[] lags = lag != null && lagOk ? lag.lags().timeline(from, to) : null;
        Samples.Stats[] fromResponse = lag != null && lagOk && lag.responses() != null
                ? lag.responses().lags().timeline(from, to) : null;
        // lag_*: from the insert (upper bound); lag_resp_*: from the 201 response (lower bound)
        StringBuilder csv = new StringBuilder("second,ok,latency_p50_ms,latency_p99_ms,latency_max_ms,"
                + "lag_records,lag_p50_ms,lag_p99_ms,lag_max_ms,"
                + "lag_resp_records,lag_resp_p50_ms,lag_resp_p99_ms,lag_resp_max_ms\n");
        for (int i = 0; i < http.length; i++) {
            csv.append(i);
            appendColumns(csv, http[i]);
            appendColumns(csv, lags != null ? lags[i] : null);
            appendColumns(csv, fromResponse != null ? fromResponse[i] : null);
            csv.append('\n');
        }
        Files.writeString(o.timeline, csv);
    }

    /** {@code ,count,p50_ms,p99_ms,max_ms} of one second, or four empty columns when not measured. */
    private static void appendColumns(StringBuilder csv, Samples.Stats s) {
        if (s == null) {
            csv.append(",,,,");
            return;
        }
        csv.append(',').append(s.count()).append(',').append(Samples.Stats.ms(s.p50())).append(',')
                .append(Samples.Stats.ms(s.p99())).append(',').append(Samples.Stats.ms(s.max()));
    }
}
