package ai.adoption.dashboard.api;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Optional;

/**
 * Tells the page how people sign in: with {@code dashboard.oidc.issuer} and {@code dashboard.oidc.client-id} set
 * (Keycloak's realm and its public PKCE client), the page offers "Sign in with Keycloak" and reads the issuer's
 * discovery document itself; without them it offers only the token box (the laptop path). Nothing secret: a
 * public client has no secret, and this is what the page needs before anyone is signed in.
 */
@Path("/dashboard/sign-in")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dashboard")
public class SignInResource {

    /** {@code issuer} and {@code clientId} are both present, or both null (no identity provider configured). */
    public record SignIn(String issuer, String clientId) {
    }

    private final SignIn signIn;

    public SignInResource(@ConfigProperty(name = "dashboard.oidc.issuer") Optional<String> issuer,
                          @ConfigProperty(name = "dashboard.oidc.client-id") Optional<String> clientId) {
        Optional<String> iss = issuer.map(String::strip).filter(s -> !s.isEmpty()).map(s -> s.replaceAll("/+$", ""));
        Optional<String> client = clientId.map(String::strip).filter(s -> !s.isEmpty());
        this.signIn = iss.isPresent() && client.isPresent() ? new SignIn(iss.get(), client.get()) : new SignIn(null, null);
    }

    @GET
    @PermitAll
    @Operation(operationId = "dashboardSignIn", summary = "How the page signs people in",
            description = "The OpenID Connect issuer and the public client id for Authorization Code + PKCE, from "
                    + "dashboard.oidc.issuer and dashboard.oidc.client-id; both null when no identity provider is configured "
                    + "(then the page takes a pasted token). Needs no token.")
    @APIResponse(responseCode = "200", description = "The issuer and client id, or nulls")
    public SignIn signIn() {
        return signIn;
    }
}
