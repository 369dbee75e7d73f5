package ai.adoption.eventsourcing.web;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * RFC 9457 problems for what goes wrong below JAX-RS, in the Vert.x HTTP layer: a target URI that is
 * too long (414), bad percent-encoding or text PostgreSQL cannot store in the path, the query or a
 * header (400), no route (404), and any failure of a route that nobody else answered. The JAX-RS
 * side is {@link ProblemMappers}.
 *
 * <p>Netty refuses some requests before any route runs (a request line above
 * {@code quarkus.http.limits.max-initial-line-length}, headers above {@code max-header-size}, a header
 * value with a NUL or a line break); those get Vert.x's empty answer. Services set the line limit
 * well above {@code eventsourcing.http.max-uri-length} so that the 414 is ours.
 */
@ApplicationScoped
public class HttpProblems {

    private static final Logger LOG = Logger.getLogger(HttpProblems.class);
    private static final Pattern SANE_CORRELATION = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private final int maxUriLength;

    @Inject
    public HttpProblems(@ConfigProperty(name = "eventsourcing.http.max-uri-length", defaultValue = "4096") int maxUriLength) {
        this.maxUriLength = maxUriLength;
    }

    void register(@Observes Filters filters) {
        filters.register(this::guard, 2000);
    }

    void routes(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failure);
        for (int status : new int[]{400, 401, 403, 404, 405, 406, 413, 414, 415, 431, 500, 501, 503}) {
            router.errorHandler(status, context -> answer(context, status));
        }
    }

    /** Runs before every route: the target URI must be short, well encoded and storable. */
    void guard(RoutingContext context) {
        String uri = context.request().uri();
        if (uri != null && uri.length() > maxUriLength) {
            send(context, 414, "uri-too-long", "URI too long", "The request target may be at most " + maxUriLength
                    + " characters", List.of(new FieldError("$uri", "longer than " + maxUriLength + " characters")));
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        String raw = uri == null ? "" : uri;
        int q = raw.indexOf('?');
        String path = q < 0 ? raw : raw.substring(0, q);
        String query = q < 0 ? null : raw.substring(q + 1);
        int hash = path.indexOf('#');
        if (hash >= 0) {
            path = path.substring(0, hash);
        }
        String decodedPath = decode(path, false);
        if (decodedPath == null) {
            errors.add(new FieldError("$path", "has invalid percent-encoding (use %XX with two hex digits, UTF-8)"));
        } else if (Text.unstorable(decodedPath) != null) {
            errors.add(new FieldError("$path", Text.unstorable(decodedPath)));
        }
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String rawName = eq < 0 ? pair : pair.substring(0, eq);
                String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
                String name = decode(rawName, true);
                String value = decode(rawValue, true);
                String field = name == null ? "$query" : name;
                if (name == null || value == null) {
                    errors.add(new FieldError(field, "has invalid percent-encoding (use %XX with two hex digits, UTF-8)"));
                } else if (Text.unstorable(name) != null) {
                    errors.add(new FieldError("$query", Text.unstorable(name)));
                } else if (Text.unstorable(value) != null) {
                    errors.add(new FieldError(name, Text.unstorable(value)));
                }
            }
        }
        for (Map.Entry<String, String> header : context.request().headers()) {
            String problem = Text.unstorable(header.getValue());
            if (problem != null) {
                errors.add(new FieldError(header.getKey(), problem));
            }
        }
        if (!errors.isEmpty()) {
            FieldError first = errors.get(0);
            send(context, 400, "invalid-request", "Invalid request", first.field() + " " + first.message(), errors);
            return;
        }
        context.next();
    }

    /** Strict percent-decoding (UTF-8, every % followed by two hex digits); null when malformed. */
    static String decode(String raw, boolean plusIsSpace) {
        if (raw.indexOf('%') < 0 && !(plusIsSpace && raw.indexOf('+') >= 0)) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** A route failed and nobody answered: a problem with the failure's status, never its internals. */
    void failure(RoutingContext context) {
        if (context.response().headWritten() || context.response().ended()) {
            context.next();
            return;
        }
        Throwable failure = context.failure();
        if (failure instanceof UnauthorizedException || failure instanceof AuthenticationFailedException) {
            context.response().putHeader("WWW-Authenticate", "Bearer");
            answer(context, 401);
            return;
        }
        if (failure instanceof ForbiddenException) {
            answer(context, 403);
            return;
        }
        int status = context.statusCode();
        if (failure instanceof HttpException http) {
            status = http.getStatusCode();
        }
        if (status < 400) {
            status = 500;
        }
        if (status >= 500) {
            LOG.errorf(failure, "Unhandled HTTP failure on %s %s", context.request().method(), context.request().path());
        }
        answer(context, status);
    }

    private void answer(RoutingContext context, int status) {
        if (context.response().headWritten() || context.response().ended()) {
            return;
        }
        switch (status) {
            case 400 -> send(context, 400, "invalid-request", "Invalid request",
                    "The request could not be understood (check the path, its percent-encoding and the headers)",
                    List.of(new FieldError("$path", "not a valid request target")));
            case 401 -> send(context, 401, "unauthorized", "Unauthorized", "A valid bearer token is required", List.of());
            case 403 -> send(context, 403, "forbidden", "Forbidden", "Your role does not allow this operation", List.of());
            case 404 -> send(context, 404, "not-found", "Not found", "There is no resource at this path", List.of());
            case 405 -> send(context, 405, "method-not-allowed", "Method not allowed", "This resource does not answer this method", List.of());
            case 406 -> send(context, 406, "not-acceptable", "Not acceptable", "Accept application/json", List.of());
            case 413 -> send(context, 413, "payload-too-large", "Payload too large", "The request body is too large",
                    List.of(new FieldError("$", "too large")));
            case 414 -> send(context, 414, "uri-too-long", "URI too long", "The request target is too long",
                    List.of(new FieldError("$uri", "too long")));
            case 415 -> send(context, 415, "unsupported-media-type", "Unsupported media type", "Send the body as application/json",
                    List.of(new FieldError("Content-Type", "must be application/json")));
            case 431 -> send(context, 431, "header-fields-too-large", "Request header fields too large", "The request headers are too large", List.of());
            case 503 -> send(context, 503, "service-unavailable", "Service unavailable", "Retry later", List.of());
            default -> send(context, status >= 500 ? status : 400, status >= 500 ? "internal-error" : "invalid-request",
                    status >= 500 ? "Internal error" : "Invalid request",
                    status >= 500 ? "The request could not be completed; quote the correlation id when reporting it"
                            : "The request was refused", List.of());
        }
    }

    private static void send(RoutingContext context, int status, String type, String title, String detail, List<FieldError> errors) {
        String given = context.request().getHeader(CorrelationFilter.HEADER);
        String correlationId = given != null && SANE_CORRELATION.matcher(given).matches() ? given : UUID.randomUUID().toString();
        String instance = context.request().path();
        if (instance == null || instance.length() > 200 || Text.unstorable(instance) != null) {
            instance = null;
        }
        Problem problem = new Problem(Problem.TYPE_BASE + type, title, status, detail, instance, correlationId, errors, null, null);
        HttpServerResponse response = context.response();
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(CorrelationFilter.HEADER, correlationId);
        if (status == 414 || status == 431 || status == 413) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.end(Json.encode(problem));
    }
}
