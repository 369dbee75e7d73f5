package ai.adoption.experiments.api;

import ai.adoption.eventsourcing.web.Requests;
import ai.adoption.experiments.application.ExperimentQueries;
import ai.adoption.experiments.application.Views.Funnel;

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

import java.time.Clock;
import java.time.LocalDate;

/** The adoption funnel: ideas → approved → experiments → outcomes, per department and period. */
@Path("/funnel")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Funnel", description = "The adoption funnel: ideas, approvals, experiments and outcomes per department")
@SecurityRequirement(name = "jwt")
public class FunnelResource {

    private final ExperimentQueries queries;
    private final Clock clock;

    @Inject
    public FunnelResource(ExperimentQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @GET
    @Authenticated
    @Operation(operationId = "getFunnel", summary = "Adoption funnel per department",
            description = "Counts events that happened in [from, to] (inclusive dates, UTC; default: the last 30 days). "
                    + "runningNow is the current number of running experiments.")
    public Uni<Funnel> funnel(@Parameter(description = "Department", schema = @Schema(type = SchemaType.STRING, maxLength = 100)) @QueryParam("department") String department, @Parameter(description = "First day (inclusive); default 29 days before to", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("from") String from,
                         @Parameter(description = "Last day (inclusive); default today", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to") String to) {
        Requests.Days days = Requests.days(from, to, clock);
        LocalDate start = days.from();
        LocalDate end = days.to();
        return queries.funnel(Requests.text(department), start, end);
    }
}
