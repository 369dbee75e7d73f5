package ai.adoption.eventsourcing.web;

import java.util.List;

/** A malformed request value the framework could not catch, such as a bad id in the path (400). */
public class InvalidInput extends RuntimeException {
    private final List<FieldError> errors;

    public InvalidInput(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public InvalidInput(List<FieldError> errors) {
        super(errors.get(0).field() + ": " + errors.get(0).message(), null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
