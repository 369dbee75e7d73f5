package ai.adoption.eventsourcing.command;

import ai.adoption.eventsourcing.core.RuleViolation;
import ai.adoption.eventsourcing.store.Columns;
import ai.adoption.eventsourcing.store.EventCodec;
import ai.adoption.eventsourcing.store.PersistenceFailure;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} for creating requests. The key is claimed first, in the command's own
 * transaction, with {@code insert … on conflict do nothing}: the first request with a key inserts
 * the row and runs; a retry finds the row, returns the first result and appends nothing; reusing a
 * key for a different request is refused. Two concurrent requests with one key are serialised by
 * the primary key itself: the second insert waits for the first transaction and then sees the
 * conflict (or, if the first rolled back, claims the key and runs). A failed command rolls its
 * claim back with it, so a key is only spent on a request that was recorded.
 */
@ApplicationScoped
public class IdempotencyKeys {

    public static final int MAX_KEY_LENGTH = 200;

    /** What a creating command produced ({@code replayed} false), or what the first request with the key produced. */
    public record Outcome(String streamId, boolean replayed) {
    }

    private final EventCodec codec;

    @Inject
    public IdempotencyKeys(EventCodec codec) {
        this.codec = codec;
    }

    /**
     * Runs {@code command} once per (actor, key). Must be called inside the command's transaction.
     *
     * @param operation a name for the kind of request, e.g. {@code submit-idea}
     * @param request   the caller's Idempotency-Key (none: always run) and the request body
     * @param streamId  what the command creates (known before it runs: ids are chosen by the service)
     */
    public Uni<Outcome> once(CommandContext context, String operation, IdempotentRequest request, String streamId,
                             Supplier<Uni<?>> command) {
        Optional<String> key = request.key();
        if (key.isEmpty()) {
            return command.get().replaceWith(new Outcome(streamId, false));
        }
        String actor = context.actor().subject();
        String idempotencyKey = key.get();
        if (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH) {
            return Uni.createFrom().failure(new RuleViolation("Idempotency-Key",
                    "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters"));
        }
        String hash = sha256(operation + "\n" + codec.encode(request.body()));
        return Panache.getSession().chain(session -> session.createNativeQuery(
                                "insert into es_idempotency_key (actor, idempotency_key, operation, request_hash, stream_id) "
                                        + "values (?1, ?2, ?3, ?4, ?5) on conflict do nothing")
                        .setParameter(1, actor)
                        .setParameter(2, idempotencyKey)
                        .setParameter(3, operation)
                        .setParameter(4, hash)
                        .setParameter(5, streamId)
                        .executeUpdate()
                        .onFailure().transform(e -> new PersistenceFailure("Cannot claim Idempotency-Key", e))
                        .chain(claimed -> claimed == 1
                                ? command.get().replaceWith(new Outcome(streamId, false))
                                : session.createNativeQuery("select operation, request_hash, stream_id from es_idempotency_key "
                                                + "where actor = ?1 and idempotency_key = ?2", Object[].class)
                                        .setParameter(1, actor)
                                        .setParameter(2, idempotencyKey)
                                        .getSingleResult()
                                        .map(row -> {
                                            if (!hash.equals(Columns.text(row[1]))) {
                                                throw new RuleViolation("Idempotency-Key", "This Idempotency-Key was already used "
                                                        + "for a different request (" + row[0] + ")");
                                            }
                                            return new Outcome(Columns.text(row[2]), true);
                                        })));
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
