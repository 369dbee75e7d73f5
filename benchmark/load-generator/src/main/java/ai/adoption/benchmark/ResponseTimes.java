package ai.adoption.benchmark;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pairs the 201 response of each created idea with the Kafka record of its event (the record key is
 * the idea id), for the lower bound of the commit-to-Kafka lag: consumer receive time minus the time
 * the client had the 201 response. The service commits before it answers, so the commit lies before
 * the response and this difference can only under-state the lag; it is negative when the record
 * reached the consumer before the client had read the response.
 *
 * <p>Either side can come first: whichever arrives first waits in the map until the other one comes,
 * and the pair is removed when it is matched, so the map only holds what is unmatched at the moment.
 */
final class ResponseTimes {

    private static final int RESPONSE = 0;
    private static final int RECORD = 1;

    /** What arrived first for an idea: its 201 response, or its record (recorded in the window). */
    private record Pending(int kind, long micros, long recordedMicros) {
    }

    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
    private final Samples lags = new Samples();
    private final AtomicLong responses = new AtomicLong();
    private final AtomicLong withoutId = new AtomicLong();

    /** A 201 response for the idea {@code id}, fully received at {@code receivedMicros} (wall clock). */
    void response(String id, long receivedMicros) {
        if (id == null) {
            withoutId.incrementAndGet();
            return;
        }
        responses.incrementAndGet();
        pending.compute(id, (k, first) -> {
            if (first == null) {
                return new Pending(RESPONSE, receivedMicros, 0);
            }
            if (first.kind == RECORD) {
                sample(first.micros - receivedMicros, first.recordedMicros);
                return null;
            }
            return first; // a second response for the same id: keep the first
        });
    }

    /**
     * The record of the idea {@code key}, received by the consumer at {@code receivedMicros}.
     * {@code measured}: recorded inside the window; records outside it only release their response.
     */
    void record(String key, long receivedMicros, long recordedMicros, boolean measured) {
        if (key == null) {
            return;
        }
        pending.compute(key, (k, first) -> {
            if (first == null) {
                return measured ? new Pending(RECORD, receivedMicros, recordedMicros) : null;
            }
            if (first.kind == RESPONSE) {
                if (measured) {
                    sample(receivedMicros - first.micros, recordedMicros);
                }
                return null;
            }
            return first; // the same key twice (a redelivery): keep the first
        });
    }

    private void sample(long lagMicros, long recordedMicros) {
        synchronized (lags) {
            lags.add(lagMicros, recordedMicros);
        }
    }

    /** Receive time minus response time of the matched records, by their recorded time. */
    Samples lags() {
        synchronized (lags) {
            return lags;
        }
    }

    /** Records recorded in the window for which no 201 response was seen (yet). */
    long unmatchedRecords() {
        return pending.values().stream().filter(p -> p.kind == RECORD).count();
    }

    long responses() {
        return responses.get();
    }

    long responsesWithoutId() {
        return withoutId.get();
    }

    /**
     * The idea id of a 201 body: the value of its first {@code "id"} field (IdeaView has it first),
     * else the last path segment of the Location header; null if neither is there.
     */
    static String ideaId(String body, String location) {
        if (body != null) {
            int at = body.indexOf("\"id\"");
            if (at >= 0) {
                int i = at + 4;
                while (i < body.length() && Character.isWhitespace(body.charAt(i))) {
                    i++;
                }
                if (i < body.length() && body.charAt(i) == ':') {
                    i++;
                    while (i < body.length() && Character.isWhitespace(body.charAt(i))) {
                        i++;
                    }
                    if (i < body.length() && body.charAt(i) == '"') {
                        int end = body.indexOf('"', i + 1);
                        if (end > i + 1) {
                            return body.substring(i + 1, end);
                        }
                    }
                }
            }
        }
        if (location != null && !location.isEmpty()) {
            String l = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
            String last = l.substring(l.lastIndexOf('/') + 1);
            return last.isEmpty() ? null : last;
        }
        return null;
    }
}
