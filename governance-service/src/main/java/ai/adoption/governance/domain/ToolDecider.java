package ai.adoption.governance.domain;

import ai.adoption.eventsourcing.core.Decider;
import ai.adoption.eventsourcing.core.IllegalTransition;
import ai.adoption.eventsourcing.core.RuleViolation;
import ai.adoption.governance.domain.ToolCommand.ApproveTool;
import ai.adoption.governance.domain.ToolCommand.RevokeTool;
import ai.adoption.governance.domain.ToolEvent.ToolApprovalRevoked;
import ai.adoption.governance.domain.ToolEvent.ToolApproved;

import java.util.List;

/**
 * The approved-tools list, decided by admins: a tool is approved for a set of data classes, from a
 * date and optionally until one. A new approval replaces the terms of the last one; a revocation
 * ends the approval on a date.
 */
public final class ToolDecider implements Decider<ToolCommand, ToolEvent, ApprovedTool> {

    @Override
    public ApprovedTool initialState() {
        return ApprovedTool.NONE;
    }

    @Override
    public List<ToolEvent> decide(ToolCommand command, ApprovedTool state) {
        if (command instanceof ApproveTool approve) {
            Access.requireAdmin(approve.actor(), "approve tools");
            String tool = Text.required("tool", approve.tool()).replaceAll("\\s+", " ");
            if (approve.allowedDataClasses() == null || approve.allowedDataClasses().isEmpty()) {
                throw new RuleViolation("allowedDataClasses", "name at least one data class the tool may be used with");
            }
            Text.present("validFrom", approve.validFrom());
            if (approve.validUntil() != null && approve.validUntil().isBefore(approve.validFrom())) {
                throw new RuleViolation("validUntil", "validUntil cannot be before validFrom");
            }
            List<DataClass> allowed = approve.allowedDataClasses().stream().sorted().toList();
            String vendor = Text.required("vendor", approve.vendor());
            String note = Text.optional(approve.note());
            if (state.exists() && state.revokedOn() == null && tool.equals(state.tool()) && vendor.equals(state.vendor())
                    && allowed.equals(state.allowed()) && approve.validFrom().equals(state.validFrom())
                    && java.util.Objects.equals(approve.validUntil(), state.validUntil()) && java.util.Objects.equals(note, state.note())) {
                return List.of(); // the same approval again (a retry): nothing new, nothing re-published
            }
            return List.of(new ToolApproved(approve.toolId(), tool, vendor, allowed, approve.actor().subject(),
                    approve.validFrom(), approve.validUntil(), note));
        }
        RevokeTool revoke = (RevokeTool) command;
        Access.requireAdmin(revoke.actor(), "revoke tool approvals");
        if (!state.exists()) {
            throw new IllegalTransition("approved tool", "NOT_APPROVED", "revoke");
        }
        if (state.revokedOn() != null) {
            throw new IllegalTransition("approved tool", "REVOKED", "revoke");
        }
        Text.present("revokedOn", revoke.revokedOn());
        return List.of(new ToolApprovalRevoked(state.id(), state.tool(), revoke.revokedOn(), Text.required("reason", revoke.reason())));
    }

    @Override
    public ApprovedTool evolve(ApprovedTool state, ToolEvent event) {
        if (event instanceof ToolApproved e) {
            return new ApprovedTool(e.toolId(), e.tool(), e.vendor(), e.allowedDataClasses(), e.validFrom(), e.validUntil(), null, e.note());
        }
        ToolApprovalRevoked e = (ToolApprovalRevoked) event;
        return new ApprovedTool(state.id(), state.tool(), state.vendor(), state.allowed(), state.validFrom(), state.validUntil(), e.revokedOn(),
                state.note());
    }
}
