package ai.adoption.revisit.application;

import ai.adoption.eventsourcing.command.UnitOfWork;
import ai.adoption.eventsourcing.store.Columns;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Work on many waiting cases (a policy reschedule, a bring-forward, a tool approval's bring-forward)
 * in bounded chunks: each chunk is one short transaction that locks the next {@value #CHUNK} matching
 * waiting cases in case-id order ({@code FOR UPDATE}: the scheduler skips them, and every bulk path
 * locks in the same order) and gives each its command. A loop of chunks, not one nested {@code Uni}
 * per case, so 10⁴ cases neither hold their locks and the xmin horizon for long nor grow the stack.
 * <p>
 * The selection names what still needs doing (a case that has been handled no longer matches), so a
 * run that stopped half-way (a restart, a failed chunk) is simply run again: it continues with the
 * cases that were not done, and a case is never changed twice.
 */
@ApplicationScoped
public class WaitingCases {

    /** Cases per transaction. */
    public static final int CHUNK = 200;
    private static final UUID BEFORE_ALL = new UUID(0, 0);

    /**
     * Which waiting cases: {@code condition} is SQL on {@code revisit_case} whose placeholders start at
     * {@code ?3} ({@code ?1} and {@code ?2} are the chunk's keyset and size), with its parameters; the
     * supplier is evaluated once per chunk, inside that chunk's transaction (e.g. to read the policy
     * that applies now).
     */
    public record Selection(String condition, List<?> parameters) {
    }

    private final UnitOfWork unitOfWork;

    @Inject
    public WaitingCases(UnitOfWork unitOfWork) {
        this.unitOfWork = unitOfWork;
    }

    /**
     * Runs {@code change} on every waiting case that {@code selection} matches, chunk by chunk, each chunk
     * in its own transaction; answers the cases {@code change} reported as changed (true).
     */
    public Uni<List<UUID>> inChunks(Supplier<Uni<Selection>> selection, Function<UUID, Uni<Boolean>> change) {
        AtomicReference<UUID> after = new AtomicReference<>(BEFORE_ALL);
        List<UUID> changed = Collections.synchronizedList(new ArrayList<>());
        return Multi.createBy().repeating()
                .uni(() -> unitOfWork.transact(() -> selection.get()
                        .chain(which -> lockNext(which, after.get()))
                        .chain(ids -> Multi.createFrom().iterable(ids)
                                .onItem().transformToUniAndConcatenate(id -> change.apply(id).invoke(done -> {
                                    if (done) {
                                        changed.add(id);
                                    }
                                }))
                                .collect().last()
                                .replaceWith(ids))))
                .whilst(ids -> {
                    if (!ids.isEmpty()) {
                        after.set(ids.get(ids.size() - 1));
                    }
                    return ids.size() == CHUNK;
                })
                .collect().last()
                .map(ignored -> List.copyOf(changed));
    }

    private static Uni<List<UUID>> lockNext(Selection which, UUID after) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery("select case_id from revisit_case where status = 'SCHEDULED' and case_id > ?1 and ("
                            + which.condition() + ") order by case_id limit ?2 for update", Object.class)
                    .setParameter(1, after)
                    .setParameter(2, CHUNK);
            for (int i = 0; i < which.parameters().size(); i++) {
                query.setParameter(i + 3, which.parameters().get(i));
            }
            return query.getResultList();
        }).map(rows -> rows.stream().map(Columns::uuid).toList());
    }
}
