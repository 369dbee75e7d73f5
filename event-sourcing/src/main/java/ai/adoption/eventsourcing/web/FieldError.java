package ai.adoption.eventsourcing.web;

/** One invalid field of a request: its JSON path (e.g. {@code successCriteria[0]}) and what is wrong. */
public record FieldError(String field, String message) {
}
