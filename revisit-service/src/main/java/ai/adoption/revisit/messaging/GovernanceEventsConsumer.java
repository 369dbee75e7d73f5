package ai.adoption.revisit.messaging;

import ai.adoption.contracts.EventCatalogue;
import ai.adoption.contracts.GovernanceEvents.ToolApprovalRevokedV1;
import ai.adoption.contracts.GovernanceEvents.ToolApprovedV1;
import ai.adoption.eventsourcing.consumer.ConsumedEvent;
import ai.adoption.eventsourcing.consumer.ConsumerChannel;
import ai.adoption.eventsourcing.consumer.EventRouters;
import ai.adoption.eventsourcing.consumer.IdempotentEvents;
import ai.adoption.revisit.application.ToolApprovals;

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
 * CloudEvent, or whose data does not read into its contract record (e.g. a {@code tool.approved} without a tool),
 * goes to the channel's dead-letter topic.
 */
@Startup
@ApplicationScoped
public class GovernanceEventsConsumer {

    public static final String CONSUMER = "revisit-tool-approvals";
    private static final Logger LOG = Logger.getLogger(GovernanceEventsConsumer.class);

    private final ConsumerChannel toolEvents;
    private final ToolApprovals approvals;
    private final Clock clock;

    @Inject
    public GovernanceEventsConsumer(IdempotentEvents events, EventRouters routers, ToolApprovals approvals, Clock clock) {
        this.approvals = approvals;
        this.clock = clock;
        this.toolEvents = events.channel("tool-events", CONSUMER, routers.router(ExperimentEventsConsumer.SERVICE, EventCatalogue::typeOf)
                .on(ToolApprovedV1.class, this::approved)
                .on(ToolApprovalRevokedV1.class, this::revoked)
                .build());
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

    private Uni<?> approved(ToolApprovedV1 approval, ConsumedEvent event) {
        String tool = approval.tool().strip();
        String approvedBy = approval.approvedBy() == null ? null : approval.approvedBy().strip();
        String why = why(tool, approvedBy, approval.validFrom(), LocalDate.ofInstant(event.context().now(), clock.getZone()));
        LOG.infof("tool.approved %s (%s): its waiting cases are brought forward", event.id(), tool);
        return approvals.approved(tool, event.id(), approvedBy, approval.validFrom(), why, event.context().now());
    }

    private Uni<?> revoked(ToolApprovalRevokedV1 revocation, ConsumedEvent event) {
        String tool = revocation.tool().strip();
        LOG.infof("tool.approval-revoked %s (%s): cases opened from now on wait their interval", event.id(), tool);
        return approvals.revoked(tool, event.id(), event.context().now());
    }

    /** "tool X approved by Y", and from when if that is still to come. */
    static String why(String tool, String approvedBy, LocalDate validFrom, LocalDate today) {
        String why = "tool " + tool + " approved" + (approvedBy == null ? " in governance" : " by " + approvedBy.strip());
        return validFrom != null && validFrom.isAfter(today) ? why + ", valid from " + validFrom : why;
    }
}
