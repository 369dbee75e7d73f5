package ai.adoption.experiments.api.prompt;

import ai.adoption.eventsourcing.web.FieldError;
import ai.adoption.eventsourcing.web.Problem;
import ai.adoption.eventsourcing.web.RequestCorrelation;
import ai.adoption.experiments.domain.prompt.ToolNotAllowed;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** An approval refused by governance's approved-tools list: 409 {@code tool-not-approved}, naming the tool and data class. */
public class ToolNotAllowedMapper {

    private final RequestCorrelation correlation;

    @Inject
    public ToolNotAllowedMapper(RequestCorrelation correlation) {
        this.correlation = correlation;
    }

    @ServerExceptionMapper
    public Response toolNotAllowed(ToolNotAllowed e, UriInfo uri) {
        Problem problem = new Problem(Problem.TYPE_BASE + "tool-not-approved", "Tool not approved for this data class", 409,
                e.getMessage(), uri.getPath(), correlation.id(),
                List.of(new FieldError("tools", e.breach().tool() + " with " + e.breach().dataClass() + ": " + e.breach().reason())),
                "TOOL_NOT_APPROVED", null);
        return Response.status(409).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
