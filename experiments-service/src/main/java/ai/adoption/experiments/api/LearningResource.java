package ai.adoption.experiments.api;

import ai.adoption.eventsourcing.web.InvalidInput;
import ai.adoption.eventsourcing.web.Page;
import ai.adoption.eventsourcing.web.Requests;
import ai.adoption.experiments.application.ExperimentQueries;
import ai.adoption.experiments.application.Views.LearningView;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Everyone learns from experiments: ranked full-text search over every learning recorded. */
@Path("/learnings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Learnings", description = "Ranked full-text search over every learning recorded, open to every role")
@SecurityRequirement(name = "jwt")
public class LearningResource {

    private final ExperimentQueries queries;

    @Inject
    public LearningResource(ExperimentQueries queries) {
        this.queries = queries;
    }

    @GET
    @Path("/search")
    @Authenticated
    @Operation(operationId = "searchLearnings", summary = "Search learnings", description = "Web-search syntax: words, \"quoted phrases\", or, -excluded. Best match first. headline is HTML: the learning's text, HTML-escaped, with <b> around the matches.")
    public Uni<Page<LearningView>> search(@Parameter(description = "What to search for", required = true, schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 500)) @QueryParam("q") String q, @Parameter(description = "Page number, from 0", schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "100000")) @QueryParam("page") String page, @Parameter(description = "Page size", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20")) @QueryParam("size") String size) {
        if (q == null || q.isBlank()) {
            throw new InvalidInput("q", "is required");
        }
        if (q.length() > 500) {
            throw new InvalidInput("q", "must be at most 500 characters");
        }
        return queries.searchLearnings(q, Requests.page(page), Requests.size(size));
    }
}
