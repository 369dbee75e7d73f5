package ai.adoption.dashboard.application;

import ai.adoption.eventsourcing.core.Actor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Short-lived, single-use tickets that open the event stream. A browser's {@code EventSource} cannot
 * send an {@code Authorization} header, and a bearer token must never travel in a URL (it lands in
 * access logs, proxies and the browser history, and stays valid for an hour); so the page trades its
 * token for a ticket with {@code POST /dashboard/stream-tickets} and opens
 * {@code /dashboard/stream?ticket=...}. A ticket is 256 random bits, bound to the caller's identity
 * (subject, roles, department), valid for {@code dashboard.stream.ticket-ttl} (30 s) and removed when
 * it is used, so a leaked URL is worthless.
 * <p>
 * They live in this JVM's memory: right for one instance (the laptop and compose deployments). Behind
 * a load balancer with several instances the ticket must be redeemed where it was issued (sticky
 * sessions), or moved to a table of the dashboard database (insert on issue, {@code delete ... returning}
 * on use); DEVELOPERS.md says so.
 */
@ApplicationScoped
public class StreamTickets {

    /** What a ticket stands for. */
    public record Ticket(Actor actor, Instant expiresAt) {
    }

    /** An issued ticket's text and expiry. */
    public record Issued(String ticket, Instant expiresAt) {
    }

    /** More unredeemed tickets than {@code dashboard.stream.max-tickets}: answered 503. */
    public static final class TooManyTickets extends RuntimeException {
        TooManyTickets() {
            super("Too many unredeemed stream tickets; retry shortly");
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration ttl;
    private final int max;

    @Inject
    public StreamTickets(Clock clock, @ConfigProperty(name = "dashboard.stream.ticket-ttl", defaultValue = "30s") Duration ttl,
                         @ConfigProperty(name = "dashboard.stream.max-tickets", defaultValue = "10000") int max) {
        this.clock = clock;
        this.ttl = ttl;
        this.max = max;
    }

    public Issued issue(Actor actor) {
        Instant now = clock.instant();
        if (tickets.size() >= max) {
            tickets.values().removeIf(t -> !t.expiresAt().isAfter(now));
            if (tickets.size() >= max) {
                throw new TooManyTickets();
            }
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant expiresAt = now.plus(ttl);
        tickets.put(text, new Ticket(actor, expiresAt));
        return new Issued(text, expiresAt);
    }

    /** The ticket's identity, once: a second use, an unknown or an expired ticket is empty. */
    public Optional<Actor> redeem(String ticket) {
        if (ticket == null || ticket.isEmpty()) {
            return Optional.empty();
        }
        Ticket found = tickets.remove(ticket);
        if (found == null || !found.expiresAt().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(found.actor());
    }
}
