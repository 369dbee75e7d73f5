package ai.adoption.governance.domain;

import ai.adoption.eventsourcing.core.Decider;
import ai.adoption.governance.domain.ScanTargetCommand.SetTargets;
import ai.adoption.governance.domain.ScanTargetEvent.TargetsSet;

import java.util.List;

/** A department's AI-scan targets: set by its approver or an admin, as the scans themselves are opened and closed. */
public final class ScanTargetDecider implements Decider<ScanTargetCommand, ScanTargetEvent, ScanTargets> {

    @Override
    public ScanTargets initialState() {
        return ScanTargets.NONE;
    }

    @Override
    public List<ScanTargetEvent> decide(ScanTargetCommand command, ScanTargets state) {
        SetTargets set = (SetTargets) command;
        Access.requireScanManager(set.actor(), set.department(), "set the department's AI-scan targets");
        List<ScanLevel> targets = ScanLevel.some("targets", set.targets());
        if (targets.equals(state.targets())) {
            return List.of();
        }
        return List.of(new TargetsSet(Text.required("department", set.department()), targets, Text.optional(set.reason())));
    }

    @Override
    public ScanTargets evolve(ScanTargets state, ScanTargetEvent event) {
        TargetsSet e = (TargetsSet) event;
        return new ScanTargets(e.department(), e.targets());
    }
}
