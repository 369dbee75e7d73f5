package ai.adoption.eventsourcing.web;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}). {@code errors} lists the
 * fields at fault; {@code currentState} and {@code currentVersion} are extension members for 409
 * and 412 answers, so a client can tell what it ran into.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
                      String correlationId, List<FieldError> errors, String currentState, Long currentVersion) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://ai-adoption.example/problems/";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
