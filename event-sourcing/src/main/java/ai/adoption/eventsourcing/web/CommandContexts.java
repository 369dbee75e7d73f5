package ai.adoption.eventsourcing.web;

import ai.adoption.eventsourcing.command.CommandContext;
import ai.adoption.eventsourcing.core.Actor;
import ai.adoption.eventsourcing.security.Roles;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Clock;
import java.util.UUID;

/**
 * Builds the {@link CommandContext} of the current request from the verified token (subject, roles,
 * department claim) and the request's correlation id. Identity never comes from a request body.
 */
@RequestScoped
public class CommandContexts {

    private final SecurityIdentity identity;
    private final JsonWebToken token;
    private final RequestCorrelation correlation;
    private final Clock clock;

    @Inject
    public CommandContexts(SecurityIdentity identity, JsonWebToken token, RequestCorrelation correlation, Clock clock) {
        this.identity = identity;
        this.token = token;
        this.correlation = correlation;
        this.clock = clock;
    }

    public Actor actor() {
        String subject = token.getSubject() != null ? token.getSubject() : identity.getPrincipal().getName();
        Object claim = token.getClaim(Roles.DEPARTMENT_CLAIM);
        String department = claim instanceof JsonString json ? json.getString() : claim == null ? null : claim.toString();
        return new Actor(subject, identity.getRoles(), department == null || department.isBlank() ? null : department);
    }

    /** A context for one command; its causation id is a fresh command id. */
    public CommandContext command() {
        return new CommandContext(actor(), correlation.id(), UUID.randomUUID().toString(), clock.instant());
    }
}
