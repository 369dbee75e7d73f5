package ai.adoption.e2e;

import com.fasterxml.jackson.databind.node.NullNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The order checks of {@link FaultToleranceTest} find what they are meant to find (plain JUnit, no services). */
class FaultOrderTest {

    @Test
    void aRedeliveryIsNeitherAReorderingNorAGap() {
        List<TopicLog.Event> events = List.of(event("a", 0, "e1", 1), event("a", 1, "e2", 2),
                event("a", 2, "e1", 1), event("a", 3, "e3", 3), event("b", 4, "f1", 1));
        assertEquals(List.of(), FaultOrder.reorderings(events));
        assertEquals(List.of(), FaultOrder.gaps(events));
        assertEquals(1, FaultOrder.redeliveries(events));
    }

    @Test
    void aStepBackAmongFirstDeliveriesIsAReordering() {
        List<TopicLog.Event> events = List.of(event("a", 0, "e1", 1), event("a", 1, "e3", 3), event("a", 2, "e2", 2));
        assertEquals(1, FaultOrder.reorderings(events).size());
        assertEquals(List.of(), FaultOrder.gaps(events));
    }

    @Test
    void aVersionThatNeverCameIsAGap() {
        List<TopicLog.Event> events = List.of(event("a", 0, "e1", 1), event("a", 1, "e3", 3), event("b", 2, "f2", 2));
        assertEquals(List.of("t a: version 2 of 3 missing", "t b: version 1 of 2 missing"), FaultOrder.gaps(events));
        assertEquals(List.of(), FaultOrder.reorderings(events));
    }

    private static TopicLog.Event event(String key, long offset, String id, long sequence) {
        return new TopicLog.Event("t", 0, offset, key, id, "ai.adoption.test.v1", sequence, NullNode.getInstance());
    }
}
