package ai.adoption.dashboard;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Tests only: a fixed, small socket send buffer for the test HTTP server. Linux grows a socket's send
 * buffer up to megabytes on its own, so without this a client that never reads would absorb the whole
 * test's stream in kernel buffers before the service's own per-client bound is reached; with it, the
 * bound (what {@code StreamTest} checks) is what stops a slow client, as it is in production once the
 * kernel's buffers are full.
 */
@ApplicationScoped
public class SmallSendBuffer implements HttpServerOptionsCustomizer {

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setSendBufferSize(16 * 1024);
    }
}
