package ai.adoption.governance.domain;

import ai.adoption.eventsourcing.core.Decider;
import ai.adoption.eventsourcing.core.IllegalTransition;
import ai.adoption.eventsourcing.core.RuleViolation;
import ai.adoption.governance.domain.PersonCommand.NamePerson;
import ai.adoption.governance.domain.PersonCommand.RecordTraining;
import ai.adoption.governance.domain.PersonEvent.PersonNamed;
import ai.adoption.governance.domain.PersonEvent.TrainingRecorded;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Persons: a display name (changed only by the person, a compliance officer or an admin), and AI-literacy training records that a compliance officer (or admin) keeps. */
public final class PersonDecider implements Decider<PersonCommand, PersonEvent, Person> {

    @Override
    public Person initialState() {
        return Person.NONE;
    }

    @Override
    public List<PersonEvent> decide(PersonCommand command, Person state) {
        if (command instanceof NamePerson name) {
            String display = Text.required("displayName", name.displayName());
            if (display.equals(state.displayName())) {
                return List.of();
            }
            if (state.displayName() != null && !name.actor().subject().equals(name.personId()) && !name.actor().hasRole(Access.ADMIN)) {
                Access.requireComplianceOfficer(name.actor(), "change another person's display name (" + name.personId() + ")");
            }
            return List.of(new PersonNamed(name.personId(), display));
        }
        RecordTraining training = (RecordTraining) command;
        if (!training.actor().hasRole(Access.ADMIN)) {
            Access.requireComplianceOfficer(training.actor(), "record AI-literacy training");
        }
        if (state.trainings().contains(training.trainingId())) {
            throw new IllegalTransition("training", "RECORDED", "record again");
        }
        Text.present("completedOn", training.completedOn());
        if (training.validUntil() != null && training.validUntil().isBefore(training.completedOn())) {
            throw new RuleViolation("validUntil", "validUntil cannot be before completedOn");
        }
        return List.of(new TrainingRecorded(Text.required("personId", training.personId()), training.trainingId(), Text.required("course", training.course()),
                Text.required("provider", training.provider()), training.completedOn(), training.validUntil()));
    }

    @Override
    public Person evolve(Person state, PersonEvent event) {
        if (event instanceof PersonNamed e) {
            return new Person(e.personId(), e.displayName(), state.trainings());
        }
        TrainingRecorded e = (TrainingRecorded) event;
        Set<java.util.UUID> trainings = new HashSet<>(state.trainings());
        trainings.add(e.trainingId());
        return new Person(e.personId(), state.displayName(), Set.copyOf(trainings));
    }
}
