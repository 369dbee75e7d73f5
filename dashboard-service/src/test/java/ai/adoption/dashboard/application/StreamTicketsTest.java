package ai.adoption.dashboard.application;

import ai.adoption.eventsourcing.core.Actor;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Stream tickets: single use, expire after their time to live, bounded in number. */
class StreamTicketsTest {

    private static final Actor APPROVER = new Actor("fiona", Set.of("approver"), "finance");

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-12-03T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aTicketCarriesItsIdentityOnceAndExpires() {
        MovingClock clock = new MovingClock();
        StreamTickets tickets = new StreamTickets(clock, Duration.ofSeconds(30), 10);

        StreamTickets.Issued first = tickets.issue(APPROVER);
        assertThat(first.expiresAt()).isEqualTo(clock.now.plusSeconds(30));
        assertThat(first.ticket()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(tickets.redeem(first.ticket())).contains(APPROVER);
        assertThat(tickets.redeem(first.ticket())).isEmpty();

        StreamTickets.Issued late = tickets.issue(APPROVER);
        clock.now = clock.now.plusSeconds(30);
        assertThat(tickets.redeem(late.ticket())).isEmpty();

        assertThat(tickets.redeem(null)).isEmpty();
        assertThat(tickets.redeem("not-a-ticket")).isEmpty();
    }

    @Test
    void unredeemedTicketsAreBoundedAndExpiredOnesMakeRoom() {
        MovingClock clock = new MovingClock();
        StreamTickets tickets = new StreamTickets(clock, Duration.ofSeconds(30), 3);
        for (int i = 0; i < 3; i++) {
            tickets.issue(APPROVER);
        }
        assertThatThrownBy(() -> tickets.issue(APPROVER)).isInstanceOf(StreamTickets.TooManyTickets.class);
        clock.now = clock.now.plusSeconds(31);
        assertThat(tickets.redeem(tickets.issue(APPROVER).ticket())).contains(APPROVER);
    }
}
