package ai.adoption.eventsourcing.store;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The streams of a batch read in (transaction id, position) order that may have earlier versions
 * outside it, as the three arrays the "predecessors" queries unnest (stream type, stream id, newest
 * version in the batch). A transaction that took its id early and then appended a stream's next
 * version sorts before the version it followed; a stream whose batch holds all of versions 1..n has no
 * predecessor elsewhere, the common case of new aggregates, and needs no query. Shared by the relay
 * (JDBC) and the projection rebuild (reactive client), which bind the arrays each their own way.
 */
public record StreamHeads(String[] types, String[] ids, Long[] versions) {

    public static StreamHeads of(List<RecordedEvent<String>> batch) {
        Map<List<String>, Long> newest = new LinkedHashMap<>();
        Map<List<String>, Long> count = new HashMap<>();
        for (RecordedEvent<String> event : batch) {
            List<String> stream = List.of(event.streamType(), event.streamId());
            newest.merge(stream, event.streamVersion(), Math::max);
            count.merge(stream, 1L, Long::sum);
        }
        newest.entrySet().removeIf(stream -> stream.getValue().equals(count.get(stream.getKey())));
        String[] types = new String[newest.size()];
        String[] ids = new String[newest.size()];
        Long[] versions = new Long[newest.size()];
        int n = 0;
        for (Map.Entry<List<String>, Long> stream : newest.entrySet()) {
            types[n] = stream.getKey().get(0);
            ids[n] = stream.getKey().get(1);
            versions[n++] = stream.getValue();
        }
        return new StreamHeads(types, ids, versions);
    }

    /** No stream of the batch can have an earlier version outside it. */
    public boolean isEmpty() {
        return types.length == 0;
    }
}
