package ai.adoption.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The development Keycloak of {@code deploy/keycloak/} for one test class, started and stopped by the same script
 * as {@code deploy/run.sh --keycloak} ({@code deploy/keycloak/keycloak.sh start|stop}) on a free port, its
 * distribution unpacked under {@code e2e-tests/target/keycloak} (kept between runs, so only the first start pays
 * for Keycloak's build step and database). Tokens come from its token endpoint by direct grant, as a script's would.
 */
final class KeycloakServer implements AutoCloseable {

    /** The demo users' password (deploy/keycloak/README.md). */
    static final String PASSWORD = "dev-only";
    static final String SERVICES_CLIENT = "ai-adoption-services";
    static final String SERVICES_SECRET = "ai-adoption-dev-secret";
    /** A client of the same realm that is not ai-adoption: its tokens lack {@code aud=ai-adoption}. */
    static final String OTHER_CLIENT = "reporting-tool";
    static final String OTHER_SECRET = "reporting-tool-dev-secret";
    /** The page's public client (Authorization Code + PKCE). */
    static final String DASHBOARD_CLIENT = "ai-adoption-dashboard";
    /**
     * The master realm's administrator of this test Keycloak only (Keycloak's bootstrap admin, created at a start
     * when the master realm has no user; deploy/run.sh creates none).
     */
    private static final String ADMIN = "e2e-admin";
    private static final String ADMIN_PASSWORD = "e2e-admin-dev-only";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Keycloak's first start on a busy 2-core machine: its build step, schema and realm import. */
    private static final Duration START = Duration.ofMinutes(8);

    private final Path script;
    private final Map<String, String> env;
    private final int port;
    private final Thread stopper;

    private KeycloakServer(Path script, Map<String, String> env, int port) {
        this.script = script;
        this.env = env;
        this.port = port;
        this.stopper = new Thread(this::stopQuietly, "stop-keycloak");
        Runtime.getRuntime().addShutdownHook(stopper);
    }

    /**
     * Runs {@code keycloak.sh start} and returns when the realm answers. Fails, never skips, when the distribution
     * cannot be resolved: the script's message says how to get it.
     */
    static KeycloakServer start(Path root) throws IOException, InterruptedException {
        Path script = root.resolve("deploy/keycloak/keycloak.sh");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException(script + " does not exist");
        }
        int port = freePort();
        Map<String, String> env = Map.of(
                "KEYCLOAK_PORT", Integer.toString(port),
                "KEYCLOAK_STATE", root.resolve("e2e-tests/target/keycloak").toString(),
                "KEYCLOAK_JAVA_HOME", System.getProperty("java.home"),
                "KEYCLOAK_READY_TIMEOUT", Long.toString(START.toSeconds()),
                "KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN,
                "KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        KeycloakServer server = new KeycloakServer(script, env, port);
        try {
            server.run("start", START.plusMinutes(2));
        } catch (RuntimeException | IOException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** {@code http://localhost:<port>/realms/ai-adoption}: the {@code iss} of its tokens. */
    String issuer() {
        return "http://localhost:" + port + "/realms/ai-adoption";
    }

    /** The realm's JWKS: what the services are configured with ({@code mp.jwt.verify.publickey.location}). */
    String jwks() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    /** An access token of a demo user, through the services' client (direct grant). */
    String token(String user) throws IOException, InterruptedException {
        return token(user, SERVICES_CLIENT, SERVICES_SECRET);
    }

    /** An access token of a demo user through {@code client} (direct grant). */
    String token(String user, String client, String secret) throws IOException, InterruptedException {
        String form = Map.of("grant_type", "password", "client_id", client, "client_secret", secret,
                        "username", user, "password", PASSWORD).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200 || !body.hasNonNull("access_token")) {
            throw new IllegalStateException("No token for " + user + " from " + client + ": " + response.statusCode() + " "
                    + response.body());
        }
        return body.path("access_token").asText();
    }

    /**
     * Lets the dashboard page at {@code origin} (a random port) use the page's client: adds it to the client's
     * redirect URIs, web origins (CORS for the token endpoint) and post-logout redirect URIs, through Keycloak's
     * admin REST API, as an administrator would for another host of the page.
     */
    void allowDashboardAt(String origin) throws IOException, InterruptedException {
        String base = "http://localhost:" + port;
        String admin = form(base + "/realms/master/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", "admin-cli", "username", ADMIN, "password", ADMIN_PASSWORD)).path("access_token").asText();
        String clients = base + "/admin/realms/ai-adoption/clients";
        HttpResponse<String> found = HTTP.send(HttpRequest.newBuilder(URI.create(clients + "?clientId=" + DASHBOARD_CLIENT))
                .header("Authorization", "Bearer " + admin).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode client = JSON.readTree(found.body()).path(0);
        if (found.statusCode() != 200 || !client.hasNonNull("id")) {
            throw new IllegalStateException("No client " + DASHBOARD_CLIENT + ": " + found.statusCode() + " " + found.body());
        }
        ObjectNode updated = (ObjectNode) client;
        array(updated, "redirectUris").add(origin + "/*");
        array(updated, "webOrigins").add(origin);
        ObjectNode attributes = updated.get("attributes") instanceof ObjectNode present ? present : updated.putObject("attributes");
        String logout = attributes.path("post.logout.redirect.uris").asText("");
        attributes.put("post.logout.redirect.uris", (logout.isEmpty() ? "" : logout + "##") + origin + "/*");
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(clients + "/" + client.path("id").asText()))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(updated))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 204) {
            throw new IllegalStateException("Could not update " + DASHBOARD_CLIENT + ": " + put.statusCode() + " " + put.body());
        }
    }

    private static ArrayNode array(ObjectNode node, String field) {
        return node.get(field) instanceof ArrayNode present ? present : node.putArray(field);
    }

    private static JsonNode form(String url, Map<String, String> fields) throws IOException, InterruptedException {
        String form = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST " + url + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** The log of the Keycloak process. */
    Path logFile() {
        return Path.of(env.get("KEYCLOAK_STATE"), "keycloak.log");
    }

    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(stopper);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs anyway
        }
    }

    private void stopQuietly() {
        try {
            run("stop", Duration.ofMinutes(1));
        } catch (Exception e) {
            System.err.println("keycloak.sh stop: " + e);
        }
    }

    private void run(String command, Duration timeout) throws IOException, InterruptedException {
        Path output = Files.createTempFile("keycloak-" + command, ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), command)
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            boolean finished = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly();
            }
            // progress lines, and the tail of Keycloak's log on failure
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            System.out.print(printed);
            if (!finished) {
                throw new IllegalStateException("keycloak.sh " + command + " did not finish in " + timeout + ":\n" + printed);
            }
            if (process.exitValue() != 0 && command.equals("start")) {
                throw new IllegalStateException("keycloak.sh start failed (exit " + process.exitValue() + "):\n" + printed);
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
