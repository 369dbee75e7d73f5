package ai.adoption.governance.application;

import ai.adoption.eventsourcing.command.CommandBus;
import ai.adoption.eventsourcing.command.CommandContext;
import ai.adoption.eventsourcing.command.ExpectedVersion;
import ai.adoption.eventsourcing.command.UnitOfWork;
import ai.adoption.eventsourcing.core.NotFound;
import ai.adoption.eventsourcing.store.Columns;
import ai.adoption.governance.application.Views.DepartmentView;
import ai.adoption.governance.application.Views.PersonRef;
import ai.adoption.governance.application.Views.PersonView;
import ai.adoption.governance.application.Views.TrainingView;
import ai.adoption.governance.domain.DepartmentCommand;
import ai.adoption.governance.domain.PersonCommand;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Departments (bitemporal definitions) and persons (names, AI-literacy training). */
@ApplicationScoped
public class DirectoryService {

    /** A department command's answer, and whether it created the department. */
    public record Defined(DepartmentView department, boolean created) {
    }

    private final UnitOfWork unitOfWork;
    private final CommandBus bus;
    private final People people;
    private final Names names;
    private final Knowledge knowledge;

    @Inject
    public DirectoryService(UnitOfWork unitOfWork, CommandBus bus, People people, Names names, Knowledge knowledge) {
        this.unitOfWork = unitOfWork;
        this.bus = bus;
        this.people = people;
        this.names = names;
        this.knowledge = knowledge;
    }

    public Uni<Defined> define(ExpectedVersion expected, DepartmentCommand.DefineDepartment command, List<PersonRef> named,
                               CommandContext context) {
        String id = command.departmentId();
        return unitOfWork.transact(() -> people.name(named, context)
                        .chain(() -> bus.loadOrInitial(Aggregates.DEPARTMENT, id))
                        .chain(current -> bus.execute(Aggregates.DEPARTMENT, current, expected, command, context)))
                .chain(result -> knowledge.afterCommit(Aggregates.DEPARTMENT.name(), id, result.version())
                        .chain(knownAt -> department(id, null, knownAt))
                        .map(view -> new Defined(view, result.version() == result.events().size() && !result.events().isEmpty())));
    }

    /**
     * The department's definition in force on {@code asOf} (null: its latest) as known at the knowledge
     * point of {@code requested} (README, "As known at"); the view echoes the point used.
     */
    public Uni<DepartmentView> department(String id, LocalDate asOf, Instant requested) {
        return Panache.withSession(() -> knowledge.point(requested).chain(knownAt -> Sql.rows("select v.department_id, v.name, "
                        + "v.director, v.managers, v.ambassadors, v.effective_from, v.recorded_at, "
                        + "(select count(*) from gov_department_version c join gov_knowledge ck on ck.event_id = c.event_id "
                        + "where c.department_id = v.department_id and ck.known_at <= ?3) "
                        + "from gov_department_version v join gov_knowledge k on k.event_id = v.event_id "
                        + "where v.department_id = ?1 and (cast(?2 as date) is null or v.effective_from <= ?2) and k.known_at <= ?3 "
                        + "order by v.effective_from desc, k.known_at desc limit 1", id, asOf, knownAt)
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        throw new NotFound("department", id);
                    }
                    return view(rows.get(0), knownAt);
                })));
    }

    public Uni<List<DepartmentView>> departments() {
        return Panache.withSession(() -> Sql.rows("select department_id, name, director, managers, ambassadors, effective_from, "
                        + "updated_at, version from gov_department order by department_id", new Object[0])
                .chain(rows -> {
                    Set<String> ids = new HashSet<>();
                    rows.forEach(r -> ids.addAll(persons(r)));
                    return names.of(ids).map(n -> rows.stream().map(r -> view(r, n, null)).toList());
                }));
    }

    public Uni<PersonView> recordTraining(PersonCommand.RecordTraining command, PersonRef named, CommandContext context) {
        String id = command.personId();
        return unitOfWork.transact(() -> people.name(named == null ? List.of() : List.of(named), context)
                        .chain(() -> bus.loadOrInitial(Aggregates.PERSON, id))
                        .chain(current -> bus.execute(Aggregates.PERSON, current, command, context)))
                .chain(() -> knowledge.afterCommit(Aggregates.PERSON.name(), id)) // read-your-writes: the gaps see the training
                .chain(() -> person(id));
    }

    public Uni<PersonView> person(String id) {
        return Panache.withSession(() -> PersonRow.<PersonRow>findById(id).chain(row -> Sql.rows("select training_id, course, provider, "
                        + "completed_on, valid_until, recorded_at from gov_training where person_id = ?1 order by completed_on, training_id", id)
                .map(rows -> {
                    if (row == null && rows.isEmpty()) {
                        throw new NotFound("person", id);
                    }
                    return new PersonView(id, row == null ? null : row.displayName, rows.stream().map(r -> new TrainingView(
                            Columns.uuid(r[0]), Columns.text(r[1]), Columns.text(r[2]), Columns.date(r[3]),
                            r[4] == null ? null : Columns.date(r[4]), Columns.instant(r[5]))).toList());
                })));
    }

    private Uni<DepartmentView> view(Object[] row, Instant knownAt) {
        return names.of(new HashSet<>(persons(row))).map(n -> view(row, n, knownAt));
    }

    private static List<String> persons(Object[] r) {
        java.util.ArrayList<String> ids = new java.util.ArrayList<>();
        ids.add(Columns.text(r[2]));
        ids.addAll(Sql.strings(r[3]));
        ids.addAll(Sql.strings(r[4]));
        return ids;
    }

    private static DepartmentView view(Object[] r, Names.Known n, Instant knownAt) {
        return new DepartmentView(Columns.text(r[0]), Columns.text(r[1]), n.ref(Columns.text(r[2])),
                Sql.strings(r[3]).stream().map(n::ref).toList(), Sql.strings(r[4]).stream().map(n::ref).toList(),
                Columns.date(r[5]), Columns.instant(r[6]), r[7] == null ? 0 : Columns.longValue(r[7]), knownAt);
    }
}
