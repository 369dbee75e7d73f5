package ai.adoption.eventsourcing.command;

import java.util.Optional;

/**
 * A creating request as {@link IdempotencyKeys} sees it: the caller's {@code Idempotency-Key}, if any,
 * and the request body, which is serialised (to detect a key reused for another request) only when
 * a key is present.
 */
public record IdempotentRequest(Optional<String> key, Object body) {

    public static IdempotentRequest of(String idempotencyKey, Object body) {
        return new IdempotentRequest(Optional.ofNullable(idempotencyKey), body);
    }
}
