package ai.adoption.testinfra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Whether topics are usable: the test of both the broker's readiness and a new topic's. */
final class PartitionLeaders {

    private PartitionLeaders() {
    }

    /** Whether every partition of {@code topics} has a leader; false too for a topic the metadata does not show yet. */
    static boolean allHaveLeaders(Admin admin, Set<String> topics) throws Exception {
        if (topics.isEmpty()) {
            return true;
        }
        Map<String, TopicDescription> descriptions;
        try {
            descriptions = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false; // a just-created topic the broker's metadata does not show yet (seen on a loaded machine): not ready
            }
            throw e;
        }
        for (TopicDescription d : descriptions.values()) {
            for (TopicPartitionInfo partition : d.partitions()) {
                if (partition.leader() == null || partition.leader().isEmpty()) {
                    return false;
                }
            }
        }
        return true;
    }
}
