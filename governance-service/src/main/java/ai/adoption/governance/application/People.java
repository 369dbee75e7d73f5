package ai.adoption.governance.application;

import ai.adoption.eventsourcing.command.CommandBus;
import ai.adoption.eventsourcing.command.CommandContext;
import ai.adoption.governance.application.Views.PersonRef;
import ai.adoption.governance.domain.PersonCommand;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Records the display names that arrive with person references, in the caller's unit of work: a
 * request names "fiona" as owner with "Fiona Berg", and the name lands in fiona's person stream,
 * never in the ownership event.
 */
@ApplicationScoped
public class People {

    private final CommandBus bus;

    @Inject
    public People(CommandBus bus) {
        this.bus = bus;
    }

    public Uni<Void> name(List<PersonRef> people, CommandContext context) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (PersonRef person : people) {
            if (person == null || person.displayName() == null || person.displayName().isBlank()) {
                continue;
            }
            PersonCommand.NamePerson command = new PersonCommand.NamePerson(context.actor(), person.id(), person.displayName());
            chain = chain.chain(() -> bus.loadOrInitial(Aggregates.PERSON, person.id())
                    .chain(current -> bus.execute(Aggregates.PERSON, current, command, context))
                    .replaceWithVoid());
        }
        return chain;
    }
}
