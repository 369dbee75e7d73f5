package ai.adoption.revisit.messaging;

import ai.adoption.eventsourcing.cloudevents.IncomingEvent;
import static ai.adoption.eventsourcing.cloudevents.EventData.text;
import static ai.adoption.eventsourcing.cloudevents.EventData.uuid;
import ai.adoption.eventsourcing.consumer.ConsumerChannel;
import ai.adoption.eventsourcing.consumer.IdempotentEvents;
import ai.adoption.revisit.application.ToolApprovals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.LocalDate;

/**
 * governance-service's {@code governance.tool} topic: a tool approval ({@code tool.approved}) is
 * recorded in the approved tools ({@link ToolApprovals}) on this consumer's transaction; after it
 * commits, every waiting case of any department that was rejected with reason TOOL_NOT_APPROVED for
 * that tool (matched by {@code ToolName.key}: case and blanks ignored, inner ones too) is brought
 * forward in chunks, so the scheduler fires each once, and a case opened later for that tool is due
 * at once. {@code tool.approval-revoked} ends that. Every other type is ignored. An approval whose {@code validFrom} lies in the future
 * still brings the cases forward now: the ambassadors re-evaluate knowing when it becomes valid (the
 * {@code why} says so). Each event is handled once ({@link IdempotentEvents}); a record that is not a
 * CloudEvent, or a {@code tool.approved} without a tool, goes to the channel's dead-letter topic.
 */
@Startup
@ApplicationScoped
public class GovernanceEventsConsumer {

    public static final String CONSUMER = "revisit-tool-approvals";
    public static final String TOOL_APPROVED = "ai.adoption.tool.approved.v1";
    public static final String TOOL_REVOKED = "ai.adoption.tool.approval-revoked.v1";
    private static final Logger LOG = Logger.getLogger(GovernanceEventsConsumer.class);

    private final ConsumerChannel toolEvents;
    private final ToolApprovals approvals;
    private final ObjectMapper json;
    private final Clock clock;

    @Inject
    public GovernanceEventsConsumer(IdempotentEvents events, ToolApprovals approvals, ObjectMapper json, Clock clock) {
        this.approvals = approvals;
        this.json = json;
        this.clock = clock;
        this.toolEvents = events.channel("tool-events", CONSUMER, this::handle);
    }

    @Incoming("tool-events")
    public Uni<Void> onTool(ConsumerRecord<String, byte[]> record) {
        // the approval is recorded with the record; its bring-forward runs after that commits, in chunks
        return toolEvents.on(record).call(this::resumePending);
    }

    /** Brings forward what approvals left pending; a failure stays pending (resumed later), it never fails the record. */
    Uni<Void> resumePending() {
        return approvals.resumePending(clock.instant()).replaceWithVoid()
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("Bringing forward the cases of approved tools failed; resumed with the next approval or start: %s",
                            e.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    Uni<?> handle(IncomingEvent event) {
        boolean approved = TOOL_APPROVED.equals(event.type());
        if (!approved && !TOOL_REVOKED.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        String tool;
        String why = null;
        String approvedBy = null;
        LocalDate validFrom = null;
        try {
            JsonNode data = json.readTree(event.data());
            tool = text(data, "tool", true).strip();
            if (approved) {
                approvedBy = text(data, "approvedBy", false);
                validFrom = date(event, data, "validFrom");
                why = why(tool, approvedBy, validFrom, LocalDate.now(clock));
            }
        } catch (java.io.IOException | RuntimeException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("Unreadable " + event.type() + " data: " + e.getMessage(), e));
        }
        if (!approved) {
            LOG.infof("tool.approval-revoked %s (%s): cases opened from now on wait their interval", event.id(), tool);
            return approvals.revoked(tool, event.id(), clock.instant());
        }
        LOG.infof("tool.approved %s (%s): its waiting cases are brought forward", event.id(), tool);
        return approvals.approved(tool, event.id(), approvedBy == null ? null : approvedBy.strip(), validFrom, why, clock.instant());
    }

    /** "tool X approved by Y", and from when if that is still to come. */
    static String why(String tool, String approvedBy, LocalDate validFrom, LocalDate today) {
        String why = "tool " + tool + " approved" + (approvedBy == null ? " in governance" : " by " + approvedBy.strip());
        return validFrom != null && validFrom.isAfter(today) ? why + ", valid from " + validFrom : why;
    }

    /** Only informs the {@code why}: a malformed date must not dead-letter the approval. */
    private static LocalDate date(IncomingEvent event, JsonNode data, String field) {
        try {
            String value = text(data, field, false);
            return value == null ? null : LocalDate.parse(value);
        } catch (RuntimeException e) {
            LOG.warnf("tool.approved %s carries a %s that is not a date (%s): left out of the why", event.id(), field, data.get(field));
            return null;
        }
    }
}
