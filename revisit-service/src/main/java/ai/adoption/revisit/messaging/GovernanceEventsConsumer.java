package ai.adoption.revisit.messaging;

import ai.adoption.eventsourcing.cloudevents.IncomingEvent;
import static ai.adoption.eventsourcing.cloudevents.EventData.text;
import static ai.adoption.eventsourcing.cloudevents.EventData.uuid;
import ai.adoption.eventsourcing.command.CommandContext;
import ai.adoption.eventsourcing.consumer.ConsumerChannel;
import ai.adoption.eventsourcing.consumer.IdempotentEvents;
import ai.adoption.eventsourcing.core.Actor;
import ai.adoption.revisit.application.CaseService;

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
 * governance-service's {@code governance.tool} topic: when a tool is approved
 * ({@code tool.approved}), every waiting case of any department that was rejected with reason
 * TOOL_NOT_APPROVED for that tool (ignoring case and surrounding blanks) is brought forward, in this
 * consumer's transaction, so the scheduler fires each once. Every other type (e.g.
 * {@code tool.approval-revoked}) is ignored. An approval whose {@code validFrom} lies in the future
 * still brings the cases forward now: the ambassadors re-evaluate knowing when it becomes valid (the
 * {@code why} says so). Each event is handled once ({@link IdempotentEvents}); a record that is not a
 * CloudEvent, or a {@code tool.approved} without a tool, goes to the channel's dead-letter topic.
 */
@Startup
@ApplicationScoped
public class GovernanceEventsConsumer {

    public static final String CONSUMER = "revisit-tool-approvals";
    public static final String TOOL_APPROVED = "ai.adoption.tool.approved.v1";
    private static final Logger LOG = Logger.getLogger(GovernanceEventsConsumer.class);

    private final ConsumerChannel toolEvents;
    private final CaseService cases;
    private final ObjectMapper json;
    private final Clock clock;

    @Inject
    public GovernanceEventsConsumer(IdempotentEvents events, CaseService cases, ObjectMapper json, Clock clock) {
        this.cases = cases;
        this.json = json;
        this.clock = clock;
        this.toolEvents = events.channel("tool-events", CONSUMER, this::handle);
    }

    @Incoming("tool-events")
    public Uni<Void> onTool(ConsumerRecord<String, byte[]> record) {
        return toolEvents.on(record);
    }

    Uni<?> handle(IncomingEvent event) {
        if (!TOOL_APPROVED.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        String tool;
        String why;
        try {
            JsonNode data = json.readTree(event.data());
            tool = text(data, "tool", true).strip();
            String approvedBy = text(data, "approvedBy", false);
            why = why(tool, approvedBy, date(event, data, "validFrom"), LocalDate.now(clock));
        } catch (java.io.IOException | RuntimeException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("Unreadable " + event.type() + " data: " + e.getMessage(), e));
        }
        CommandContext context = new CommandContext(Actor.system("revisit-service"),
                event.correlationId() != null ? event.correlationId() : event.id().toString(), event.id().toString(),
                clock.instant());
        return cases.bringForwardApprovedTool(tool, why, context)
                .invoke(moved -> LOG.infof("tool.approved %s (%s): bringing forward %d waiting case(s)", event.id(), tool,
                        moved.size()));
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
