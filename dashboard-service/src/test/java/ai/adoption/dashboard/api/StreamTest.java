package ai.adoption.dashboard.api;

import ai.adoption.dashboard.Api;
import ai.adoption.dashboard.Events;
import ai.adoption.dashboard.SseClient;
import ai.adoption.dashboard.SseClient.Event;
import ai.adoption.dashboard.Streams;
import ai.adoption.dashboard.TestInfrastructure;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code GET /dashboard/stream}: exact resume, reset, heartbeat, tickets, read scope and slow clients. */
@QuarkusTest
class StreamTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aResumeWithLastEventIdMissesNothingAndRepeatsNothing() throws Exception {
        String department = Api.department("sales");
        List<Long> seen = new ArrayList<>();
        try (SseClient first = SseClient.open("ticket=" + Api.ticket(Api.admin()) + "&department=" + department)) {
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.contentType()).startsWith("text/event-stream");
            publishIdeas(department, 5);
            for (Event e : first.activities(5, WAIT)) {
                assertThat(e.name()).isEqualTo("activity");
                assertThat(JsonPath.from(e.data()).getLong("id")).isEqualTo(Long.parseLong(e.id()));
                assertThat(JsonPath.from(e.data()).getString("department")).isEqualTo(department);
                seen.add(Long.parseLong(e.id()));
            }
        }
        // dropped after the third item: what the client saw last
        long resumeAfter = seen.get(2);
        List<Long> resumed = new ArrayList<>(seen.subList(0, 3));
        publishIdeas(department, 5);
        // the header, as a browser's automatic reconnect sends it
        try (SseClient second = SseClient.open("ticket=" + Api.ticket(Api.admin()) + "&department=" + department,
                Map.of("Last-Event-ID", Long.toString(resumeAfter)))) {
            for (Event e : second.activities(7, WAIT)) {
                resumed.add(Long.parseLong(e.id()));
            }
            publishIdeas(department, 3);
            for (Event e : second.activities(3, WAIT)) {
                resumed.add(Long.parseLong(e.id()));
            }
        }
        List<Long> expected = Api.admin().queryParam("department", department).queryParam("limit", 500).get("/dashboard/activity")
                .then().statusCode(200).extract().jsonPath().getList("items.id", Long.class);
        assertThat(expected).hasSize(13);
        assertThat(resumed).containsExactlyElementsOf(expected);
    }

    @Test
    void theQueryParameterWinsOverTheHeader() throws Exception {
        String department = Api.department("hr");
        publishIdeas(department, 3);
        List<Long> ids = await().atMost(WAIT).until(() -> Api.admin().queryParam("department", department).get("/dashboard/activity")
                .then().statusCode(200).extract().jsonPath().getList("items.id", Long.class), l -> l.size() == 3);
        try (SseClient client = SseClient.open("ticket=" + Api.ticket(Api.admin()) + "&department=" + department + "&lastEventId="
                + ids.get(1), Map.of("Last-Event-ID", Long.toString(ids.get(0) - 1)))) {
            assertThat(client.activities(1, WAIT).get(0).id()).isEqualTo(Long.toString(ids.get(2)));
        }
    }

    @Test
    void aResumeFromBeforeWhatIsKeptGetsAResetThenTheNewItems() throws Exception {
        // enough items that the first ones are trimmed (the tests keep 300)
        String department = Api.department("ops");
        for (int i = 0; i < TestInfrastructure.KEEP + 2 * TestInfrastructure.TRIM_EVERY; i++) {
            UUID idea = UUID.randomUUID();
            Streams.send(idea.toString(), Events.submitted(idea, department, "Bulk " + i), UUID.randomUUID(), Instant.now());
        }
        Streams.flush();
        await().atMost(WAIT).until(() -> Api.admin().queryParam("limit", 1).get("/dashboard/activity").then().statusCode(200)
                .extract().jsonPath().getLong("oldest") > 1);
        try (SseClient client = SseClient.open("ticket=" + Api.ticket(Api.admin()) + "&lastEventId=0")) {
            Event reset = client.activities(1, WAIT).get(0);
            assertThat(reset.name()).isEqualTo("reset");
            JsonPath bounds = JsonPath.from(reset.data());
            assertThat(bounds.getLong("oldest")).isGreaterThan(1);
            long latest = bounds.getLong("latest");
            String after = Api.department("after-reset");
            publishIdeas(after, 1);
            // continues after latest: the next items are new ones, the first of them right after latest
            Event next = client.activities(1, WAIT).get(0);
            assertThat(next.name()).isEqualTo("activity");
            assertThat(Long.parseLong(next.id())).isEqualTo(latest + 1);
        }
    }

    @Test
    void aHeartbeatCommentKeepsAnIdleStreamOpen() throws Exception {
        try (SseClient client = SseClient.open("ticket=" + Api.ticket(Api.admin()) + "&department=" + Api.department("idle"))) {
            Event heartbeat = null;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (heartbeat == null && System.nanoTime() < deadline) {
                Event e = client.next(Duration.ofSeconds(5));
                if (e != null && "heartbeat".equals(e.comment())) {
                    heartbeat = e;
                }
            }
            assertThat(heartbeat).isNotNull();
        }
    }

    @Test
    void aTicketOpensOneStreamOnly() throws Exception {
        String ticket = Api.ticket(Api.admin());
        try (SseClient first = SseClient.open("ticket=" + ticket)) {
            assertThat(first.status()).isEqualTo(200);
            try (SseClient again = SseClient.open("ticket=" + ticket)) {
                assertThat(again.status()).isEqualTo(401);
                assertThat(again.contentType()).startsWith("application/problem+json");
                assertThat(JsonPath.from(again.body()).getString("type")).endsWith("/unauthorized");
            }
        }
        try (SseClient none = SseClient.open("")) {
            assertThat(none.status()).isEqualTo(401);
        }
        try (SseClient forged = SseClient.open("ticket=" + UUID.randomUUID())) {
            assertThat(forged.status()).isEqualTo(401);
        }
        try (SseClient badId = SseClient.open("ticket=" + Api.ticket(Api.admin()) + "&lastEventId=abc")) {
            assertThat(badId.status()).isEqualTo(400);
            assertThat(badId.contentType()).startsWith("application/problem+json");
        }
        RestAssured.given().post("/dashboard/stream-tickets").then().statusCode(401);
    }

    @Test
    void aDepartmentScopedReaderSeesOnlyItsDepartment() throws Exception {
        String mine = Api.department("procurement");
        String other = Api.department("marketing");
        try (SseClient approver = SseClient.open("ticket=" + Api.ticket(Api.approver(mine)))) {
            UUID a1 = UUID.randomUUID();
            UUID b1 = UUID.randomUUID();
            UUID a2 = UUID.randomUUID();
            Streams.publish(a1.toString(), Events.submitted(a1, mine, "Mine 1"));
            Streams.publish(b1.toString(), Events.submitted(b1, other, "Other 1"));
            Streams.publish(a2.toString(), Events.submitted(a2, mine, "Mine 2"));
            List<Event> got = approver.activities(2, WAIT);
            assertThat(got).extracting(e -> JsonPath.from(e.data()).getString("department")).containsOnly(mine);
            assertThat(got).extracting(e -> JsonPath.from(e.data()).getString("title")).containsExactlyInAnyOrder("Mine 1", "Mine 2");
        }
        await().atMost(WAIT).until(() -> Api.admin().queryParam("department", other).get("/dashboard/activity").then()
                .extract().jsonPath().getList("items").size() == 1);
        assertThat(Api.approver(mine).get("/dashboard/activity").then().statusCode(200).extract().jsonPath()
                .getList("items.department", String.class)).containsOnly(mine);
        Api.approver(mine).queryParam("department", other).get("/dashboard/activity").then().statusCode(403);
        Api.approver(mine).queryParam("department", other).get("/dashboard/revisits").then().statusCode(403);
        try (SseClient outside = SseClient.open("ticket=" + Api.ticket(Api.approver(mine)) + "&department=" + other)) {
            assertThat(outside.status()).isEqualTo(403);
        }
        // the organisation's funnel figures are for everyone; another department's detail is not
        JsonPath summary = Api.approver(mine).queryParam("department", other).get("/dashboard/summary").then().statusCode(200)
                .extract().jsonPath();
        assertThat(summary.getLong("funnel.submitted")).isEqualTo(1);
        assertThat(summary.getString("detailScope")).isEqualTo("hidden");
        assertThat(summary.getString("oldestWaiting")).isNull();
    }

    @Test
    void aSlowClientIsCutOffWhileAnotherKeepsReceiving() throws Exception {
        String department = Api.department("bulk");
        int items = 400;
        String title = "x".repeat(2000);
        try (Socket slow = new Socket(); SseClient fast = SseClient.open("ticket=" + Api.ticket(Api.admin()) + "&department=" + department)) {
            // a reader that never reads, with a small receive window
            slow.setReceiveBufferSize(4096);
            slow.connect(new InetSocketAddress("localhost", RestAssured.port));
            OutputStream out = slow.getOutputStream();
            out.write(("GET /dashboard/stream?department=" + department + "&ticket=" + Api.ticket(Api.admin())
                    + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(500);
            for (int i = 0; i < items; i++) {
                UUID idea = UUID.randomUUID();
                Streams.send(idea.toString(), Events.submitted(idea, department, title + i), UUID.randomUUID(), Instant.now());
            }
            Streams.flush();

            List<Event> received = fast.activities(items, Duration.ofSeconds(120));
            List<Long> ids = received.stream().map(e -> Long.parseLong(e.id())).toList();
            for (int i = 1; i < ids.size(); i++) {
                assertThat(ids.get(i)).isGreaterThan(ids.get(i - 1));
            }
            assertThat(fast.ended()).isFalse();

            // the slow one was cut off: reading what reached it ends (EOF or reset) well before all items
            int activityEvents = countUntilEnd(slow);
            assertThat(activityEvents).as("activity events the slow client got before it was cut off (-1: never cut off)")
                    .isBetween(0, items - 1);
        }
    }

    /** Activity events read until the server ends the connection; -1 if it is still open after a minute. */
    private static int countUntilEnd(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        socket.setSoTimeout(1_000);
        byte[] buffer = new byte[8192];
        StringBuilder text = new StringBuilder();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try {
            while (System.nanoTime() < deadline) {
                try {
                    int n = in.read(buffer);
                    if (n < 0) {
                        return activities(text);
                    }
                    text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                } catch (java.net.SocketTimeoutException quiet) {
                    // nothing yet (heartbeats arrive every second while it is open)
                }
            }
            return -1;
        } catch (SocketException reset) {
            return activities(text);
        }
    }

    private static int activities(StringBuilder text) {
        return text.toString().split("event: activity", -1).length - 1;
    }

    private static void publishIdeas(String department, int count) {
        for (int i = 0; i < count; i++) {
            UUID idea = UUID.randomUUID();
            Streams.publish(idea.toString(), Events.submitted(idea, department, "Idea " + i + " of " + department));
        }
    }
}
