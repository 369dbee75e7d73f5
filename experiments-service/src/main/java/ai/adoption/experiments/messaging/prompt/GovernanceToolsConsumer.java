package ai.adoption.experiments.messaging.prompt;

import ai.adoption.contracts.EventCatalogue;
import ai.adoption.contracts.GovernanceEvents.ToolApprovalRevokedV1;
import ai.adoption.contracts.GovernanceEvents.ToolApprovedV1;
import ai.adoption.eventsourcing.consumer.ConsumedEvent;
import ai.adoption.eventsourcing.consumer.ConsumerChannel;
import ai.adoption.eventsourcing.consumer.EventRouters;
import ai.adoption.eventsourcing.consumer.IdempotentEvents;
import ai.adoption.experiments.application.prompt.ToolTermRows;
import ai.adoption.experiments.domain.DataClassification;

import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * What the prompt catalogue learns from governance-service's {@code governance.tool} topic: its approved-tools list.
 * A {@code tool.approved} adds a term to {@code prompt_tool_term} (in force from its {@code validFrom}, the event's
 * day when it has none, until its {@code validUntil}); a {@code tool.approval-revoked} ends the tool's terms on
 * {@code revokedOn}. The approved entries that depend on the tool are flagged from then on: their flag is computed on
 * read from these terms and the date, which also covers an approval that simply expires (governance publishes no
 * event for that). Each event is applied once ({@code es_processed_event}); every other type is ignored.
 */
@Startup
@ApplicationScoped
public class GovernanceToolsConsumer {

    public static final String CONSUMER = "experiments-prompt-tools";
    static final String SERVICE = "experiments-service";

    private final ConsumerChannel channel;
    private final ToolTermRows tools;

    @Inject
    public GovernanceToolsConsumer(IdempotentEvents events, EventRouters routers, ToolTermRows tools) {
        this.tools = tools;
        this.channel = events.channel("tool-events", CONSUMER, routers.router(SERVICE, EventCatalogue::typeOf)
                .on(ToolApprovedV1.class, this::approved)
                .on(ToolApprovalRevokedV1.class, this::revoked)
                .build());
    }

    @Incoming("tool-events")
    public Uni<Void> on(ConsumerRecord<String, byte[]> record) {
        return channel.on(record);
    }

    private Uni<?> approved(ToolApprovedV1 approved, ConsumedEvent event) {
        return tools.approved(approved.tool(), approved.allowedDataClasses().stream().map(c -> DataClassification.valueOf(c.name())).toList(),
                approved.validFrom() != null ? approved.validFrom() : event.happenedOn(), approved.validUntil());
    }

    private Uni<?> revoked(ToolApprovalRevokedV1 revoked, ConsumedEvent event) {
        return tools.revoked(revoked.tool(), revoked.revokedOn() != null ? revoked.revokedOn() : event.happenedOn(), revoked.reason());
    }
}
