package ai.adoption.eventsourcing.web;

import java.util.List;

/** A precondition header that can never hold, such as a weak ETag in If-Match (412). */
public class PreconditionFailed extends RuntimeException {
    private final List<FieldError> errors;

    public PreconditionFailed(String field, String message) {
        super(field + " " + message, null, false, false);
        this.errors = List.of(new FieldError(field, message));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
