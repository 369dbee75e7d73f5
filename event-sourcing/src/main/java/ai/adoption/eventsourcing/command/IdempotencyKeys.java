package ai.adoption.eventsourcing.command;

import ai.adoption.eventsourcing.core.RuleViolation;
import ai.adoption.eventsourcing.store.EventCodec;
import ai.adoption.eventsourcing.store.PersistenceFailure;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} for creating requests. The first request with a key runs and its result
 * (the created stream and version) is stored in the same transaction as its events; a retry with the
 * same key and the same request returns that result and appends nothing. Reusing a key for a
 * different request is refused. Concurrent requests with one key are serialised by a transaction-level
 * advisory lock, so exactly one of them runs the command.
 */
@ApplicationScoped
public class IdempotencyKeys {

    public static final int MAX_KEY_LENGTH = 200;

    /** What a creating command produced, or what the first request with the same key produced. */
    public record Outcome(String streamId, long version, boolean replayed) {
    }

    private final AgroalDataSource dataSource;
    private final EventCodec codec;

    @Inject
    public IdempotencyKeys(AgroalDataSource dataSource, EventCodec codec) {
        this.dataSource = dataSource;
        this.codec = codec;
    }

    /**
     * Runs {@code command} once per (actor, key). Must be called inside the command's transaction.
     *
     * @param operation a name for the kind of request, e.g. {@code submit-idea}
     * @param request   the caller's Idempotency-Key (none: always run) and the request body
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome once(CommandContext context, String operation, IdempotentRequest request, Supplier<Outcome> command) {
        Optional<String> key = request.key();
        if (key.isEmpty()) {
            return command.get();
        }
        String actor = context.actor().subject();
        String idempotencyKey = key.get();
        if (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH) {
            throw new RuleViolation("Idempotency-Key", "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        String hash = sha256(operation + "\n" + codec.encode(request.body()));
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(hashtext(?), hashtext(?))")) {
                lock.setString(1, actor);
                lock.setString(2, idempotencyKey);
                lock.execute();
            }
            try (PreparedStatement find = connection.prepareStatement(
                    "select operation, request_hash, stream_id, stream_version from es_idempotency_key where actor = ? and idempotency_key = ?")) {
                find.setString(1, actor);
                find.setString(2, idempotencyKey);
                try (ResultSet rs = find.executeQuery()) {
                    if (rs.next()) {
                        if (!rs.getString(2).equals(hash)) {
                            throw new RuleViolation("Idempotency-Key",
                                    "This Idempotency-Key was already used for a different request (" + rs.getString(1) + ")");
                        }
                        return new Outcome(rs.getString(3), rs.getLong(4), true);
                    }
                }
            }
            Outcome outcome = command.get();
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into es_idempotency_key (actor, idempotency_key, operation, request_hash, stream_id, stream_version) values (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, actor);
                insert.setString(2, idempotencyKey);
                insert.setString(3, operation);
                insert.setString(4, hash);
                insert.setString(5, outcome.streamId());
                insert.setLong(6, outcome.version());
                insert.executeUpdate();
            }
            return outcome;
        } catch (SQLException e) {
            throw new PersistenceFailure("Cannot record Idempotency-Key", e);
        }
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
