package ai.adoption.eventsourcing.web;

import ai.adoption.eventsourcing.command.CommitOutcomeUnknown;
import ai.adoption.eventsourcing.core.AccessDenied;
import ai.adoption.eventsourcing.core.IllegalTransition;
import ai.adoption.eventsourcing.core.NotFound;
import ai.adoption.eventsourcing.core.RuleViolation;
import ai.adoption.eventsourcing.store.ConcurrencyConflict;
import ai.adoption.eventsourcing.store.PersistenceFailure;
import ai.adoption.eventsourcing.store.VersionMismatch;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one place where every failure becomes an RFC 9457 {@code application/problem+json} answer.
 * A caller's mistake is always a 4xx naming the field at fault; our own failures are a 500 with a
 * correlation id and no internals. Stack traces are logged, never returned.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final RequestCorrelation correlation;

    @Inject
    public ProblemMappers(RequestCorrelation correlation) {
        this.correlation = correlation;
    }

    @ServerExceptionMapper
    public Response illegalTransition(IllegalTransition e, UriInfo uri) {
        return respond(new Problem(Problem.TYPE_BASE + "illegal-transition", "Illegal state transition", 409,
                e.getMessage(), path(uri), correlation.id(), List.of(), e.currentState(), null));
    }

    @ServerExceptionMapper
    public Response ruleViolation(RuleViolation e, UriInfo uri) {
        return problem(422, "rule-violation", "Business rule violated", e.getMessage(), uri,
                List.of(new FieldError(e.field(), e.getMessage())));
    }

    @ServerExceptionMapper
    public Response accessDenied(AccessDenied e, UriInfo uri) {
        return problem(403, "forbidden", "Forbidden", e.getMessage(), uri, List.of());
    }

    @ServerExceptionMapper
    public Response notFound(NotFound e, UriInfo uri) {
        return problem(404, "not-found", "Not found", e.getMessage(), uri, List.of());
    }

    @ServerExceptionMapper
    public Response conflict(ConcurrencyConflict e, UriInfo uri) {
        return problem(409, "concurrent-modification", "Concurrent modification", e.getMessage(), uri, List.of());
    }

    @ServerExceptionMapper
    public Response versionMismatch(VersionMismatch e, UriInfo uri) {
        return respond(new Problem(Problem.TYPE_BASE + "version-mismatch", "Precondition failed", 412,
                e.getMessage(), path(uri), correlation.id(), List.of(new FieldError("If-Match", e.getMessage())),
                null, e.actual()));
    }

    @ServerExceptionMapper
    public Response invalidInput(InvalidInput e, UriInfo uri) {
        return problem(400, "invalid-request", "Invalid request", e.getMessage(), uri, e.errors());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldPath(v), message(v)))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
        return problem(400, "invalid-request", "Invalid request", detail, uri, errors);
    }

    @ServerExceptionMapper
    public Response preconditionFailed(PreconditionFailed e, UriInfo uri) {
        return problem(412, "precondition-failed", "Precondition failed", e.getMessage(), uri, e.errors());
    }

    // one mapper per Jackson type: Quarkus REST has built-in (application/json) mappers for some of them
    @ServerExceptionMapper
    public Response invalidJsonValue(InvalidJsonValue e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response mapping(JsonMappingException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonParseException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response jsonLimits(StreamConstraintsException e, UriInfo uri) {
        return json(e, uri);
    }

    /** Every way a JSON body can be wrong: malformed, unknown field, wrong type, refused value. */
    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        if (e instanceof InvalidJsonValue invalid) {
            return fieldProblem(invalid, uri, invalid.getOriginalMessage());
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return fieldProblem(unknown, uri, "is not a known field");
        }
        if (e instanceof MismatchedInputException mismatch) {
            // wrong types and unknown enum values (InvalidFormatException is a subtype)
            String expected = mismatch.getTargetType() == null ? "of another type" : describe(mismatch.getTargetType());
            return fieldProblem(mismatch, uri, "must be " + expected);
        }
        if (e instanceof JsonMappingException mapping && !(e instanceof com.fasterxml.jackson.databind.exc.InvalidDefinitionException)) {
            return fieldProblem(mapping, uri, "has an invalid value");
        }
        if (e instanceof StreamConstraintsException) {
            return problem(400, "malformed-json", "Malformed JSON", "The request body exceeds the JSON limits "
                    + "(nesting depth, number or string length)", uri, List.of(new FieldError("$", "exceeds the JSON limits")));
        }
        if (e instanceof JsonParseException) {
            return problem(400, "malformed-json", "Malformed JSON", "The request body is not valid JSON", uri,
                    List.of(new FieldError("$", "not valid JSON")));
        }
        return problem(400, "malformed-json", "Malformed JSON", "The request body could not be read", uri,
                List.of(new FieldError("$", "not valid JSON")));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(problem(401, "unauthorized", "Unauthorized",
                        "A valid bearer token is required", uri, List.of()))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(403, "forbidden", "Forbidden", "Your role does not allow this operation", uri, List.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, Request request) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
            return problem(status, "internal-error", "Internal error", "The request could not be completed; quote the correlation id", uri, List.of());
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, uri);
        }
        return httpProblem(status, request == null ? null : request.getMethod(), uri);
    }

    /** The framework's own refusals (no route, wrong method or media type), in our words, never its. */
    private Response httpProblem(int status, String method, UriInfo uri) {
        String path = path(uri);
        switch (status) {
            case 404:
                return problem(404, "not-found", "Not found", "There is no resource at this path", uri, List.of());
            case 405: {
                String allow = path == null ? "" : AllowedMethods.allow(path);
                Response response = problem(405, "method-not-allowed", "Method not allowed",
                        "This resource does not answer " + (method == null ? "this method" : method)
                                + (allow.isEmpty() ? "" : "; it answers " + allow), uri, List.of());
                return allow.isEmpty() ? response : Response.fromResponse(response).header(HttpHeaders.ALLOW, allow).build();
            }
            case 406:
                return problem(406, "not-acceptable", "Not acceptable",
                        "This resource answers application/json (errors as application/problem+json); accept one of them",
                        uri, List.of(new FieldError("Accept", "must accept application/json")));
            case 415:
                return problem(415, "unsupported-media-type", "Unsupported media type",
                        "Send the request body as application/json", uri, List.of(new FieldError("Content-Type", "must be application/json")));
            default: {
                Response.Status known = Response.Status.fromStatusCode(status);
                String title = known != null ? known.getReasonPhrase() : "Request refused";
                return problem(status, title.toLowerCase().replace(' ', '-'), title, "The request was refused: " + title, uri, List.of());
            }
        }
    }

    /** The database is unreachable: nothing was recorded, and the caller may retry (with its Idempotency-Key). */
    @ServerExceptionMapper
    public Response persistence(PersistenceFailure e, UriInfo uri) {
        if (!e.isTransient()) {
            return unexpected(e, uri);
        }
        return unavailable(e, uri);
    }

    /**
     * The connection was lost during COMMIT: the change may or may not be recorded. Not retried by
     * the service; the caller may, safely with the same Idempotency-Key.
     */
    @ServerExceptionMapper
    public Response commitOutcomeUnknown(CommitOutcomeUnknown e, UriInfo uri) {
        LOG.warnf("Commit outcome unknown (correlation id %s): %s", correlation.id(), e.getCause());
        return Response.fromResponse(problem(503, "commit-outcome-unknown", "Service unavailable",
                "The connection to the database was lost while this request was being committed, so whether it was "
                        + "recorded is unknown. Retrying with the same Idempotency-Key is safe: it answers with the first "
                        + "result if the request was recorded, or records it now. Without an Idempotency-Key, read the "
                        + "resource before retrying.", uri, List.of()))
                .header(HttpHeaders.RETRY_AFTER, "5").build();
    }

    private Response unavailable(Throwable e, UriInfo uri) {
        LOG.warnf("Database unavailable (correlation id %s): %s", correlation.id(), e.toString());
        return Response.fromResponse(problem(503, "service-unavailable", "Service unavailable",
                "The request could not be recorded right now; nothing was changed, retry later", uri, List.of()))
                .header(HttpHeaders.RETRY_AFTER, "5").build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (PersistenceFailure.isTransient(e)) {
            // e.g. no pooled connection in time, or a connection lost while a session opened
            return unavailable(e, uri);
        }
        LOG.errorf(e, "Unexpected failure (correlation id %s)", correlation.id());
        return problem(500, "internal-error", "Internal error",
                "The request could not be completed; quote the correlation id when reporting it", uri, List.of());
    }

    private Response fieldProblem(JsonMappingException e, UriInfo uri, String message) {
        String field = jsonPath(e.getPath());
        return problem(400, "invalid-request", "Invalid request", field + " " + message, uri,
                List.of(new FieldError(field, message)));
    }

    private Response problem(int status, String type, String title, String detail, UriInfo uri, List<FieldError> errors) {
        return respond(new Problem(Problem.TYPE_BASE + type, title, status, detail, path(uri), correlation.id(), errors, null, null));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    static String jsonPath(List<JsonMappingException.Reference> path) {
        if (path == null || path.isEmpty()) {
            return "$";
        }
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "$" : field.toString();
    }

    /** A missing required body says so rather than "must not be null". */
    private static String message(ConstraintViolation<?> violation) {
        boolean body = fieldPath(violation).equals("$");
        if (body && violation.getConstraintDescriptor() != null
                && violation.getConstraintDescriptor().getAnnotation() instanceof jakarta.validation.constraints.NotNull) {
            return "is required: send a JSON object";
        }
        return violation.getMessage();
    }

    /** {@code submit.body.successCriteria[0]} becomes {@code successCriteria[0]}: the path as the client wrote it. */
    static String fieldPath(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.PARAMETER) {
                continue;
            }
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR || kind == ElementKind.CROSS_PARAMETER
                    || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null) {
                field.append('[').append(node.getKey()).append(']');
            }
            if ((kind == ElementKind.PROPERTY || kind == ElementKind.BEAN) && node.getName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        // a violation on the parameter itself (the body is required) is about the whole body
        return field.isEmpty() ? "$" : field.toString();
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 " + type.getSimpleName() + " such as 2026-01-31";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type == String.class) {
            return "a string";
        }
        return "an object";
    }
}
