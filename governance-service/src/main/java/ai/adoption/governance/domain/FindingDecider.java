package ai.adoption.governance.domain;

import ai.adoption.eventsourcing.core.Decider;
import ai.adoption.governance.domain.FindingCommand.RaiseFinding;
import ai.adoption.governance.domain.FindingEvent.FindingRaised;

import java.util.List;

/** A finding is raised once: its id derives from the idea event that caused it, so a redelivery adds nothing. */
public final class FindingDecider implements Decider<FindingCommand, FindingEvent, Boolean> {

    @Override
    public Boolean initialState() {
        return false;
    }

    @Override
    public List<FindingEvent> decide(FindingCommand command, Boolean raised) {
        if (raised) {
            return List.of();
        }
        RaiseFinding f = (RaiseFinding) command;
        return List.of(new FindingRaised(f.findingId(), f.ideaId(), f.department(), f.tool(), f.dataClassification(), f.kind(),
                f.allowedDataClasses(), f.message()));
    }

    @Override
    public Boolean evolve(Boolean raised, FindingEvent event) {
        return true;
    }
}
