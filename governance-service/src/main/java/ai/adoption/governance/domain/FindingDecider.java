package ai.adoption.governance.domain;

import ai.adoption.eventsourcing.core.Decider;
import ai.adoption.governance.domain.FindingCommand.RaiseFinding;
import ai.adoption.governance.domain.FindingCommand.ResolveFinding;
import ai.adoption.governance.domain.FindingEvent.FindingRaised;
import ai.adoption.governance.domain.FindingEvent.FindingResolved;

import java.util.List;

/**
 * A finding is raised once: its id derives from the idea event that caused it, so a redelivery adds
 * nothing. It is resolved once, when its cause goes away; resolving it again, or resolving a finding
 * never raised, records nothing.
 */
public final class FindingDecider implements Decider<FindingCommand, FindingEvent, Finding> {

    @Override
    public Finding initialState() {
        return Finding.NONE;
    }

    @Override
    public List<FindingEvent> decide(FindingCommand command, Finding state) {
        if (command instanceof ResolveFinding resolve) {
            if (!state.raised() || state.resolved()) {
                return List.of();
            }
            return List.of(new FindingResolved(state.findingId(), state.ideaId(), Text.required("reason", resolve.reason())));
        }
        if (state.raised()) {
            return List.of();
        }
        RaiseFinding f = (RaiseFinding) command;
        return List.of(new FindingRaised(f.findingId(), f.ideaId(), f.department(), f.tool(), f.dataClassification(), f.kind(),
                f.allowedDataClasses(), f.message()));
    }

    @Override
    public Finding evolve(Finding state, FindingEvent event) {
        if (event instanceof FindingRaised e) {
            return new Finding(e.findingId(), e.ideaId(), false);
        }
        return new Finding(state.findingId(), state.ideaId(), true);
    }
}
