package ai.adoption.dashboard.api;

import ai.adoption.dashboard.application.FeedBroadcaster;
import ai.adoption.dashboard.application.FeedBroadcaster.Frame;
import ai.adoption.dashboard.application.FeedQueries;
import ai.adoption.dashboard.domain.ActivityItem;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import org.jboss.logging.Logger;

import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;

/**
 * One open stream. All of its state is touched on the Vert.x context of its connection only (the
 * broadcaster hands batches over with {@code runOnContext}), so it needs no lock.
 * <p>
 * Resume: it joins the broadcast first ({@link FeedBroadcaster#subscribe} returns the joining id
 * {@code L}), then replays {@code (lastEventId, L]} from the table in pages, each written before the
 * next is read, while live batches (ids above L) wait in {@code held}; then it goes live, dropping any
 * id it has already passed. No id is missed and none is sent twice. A {@code lastEventId} older than
 * the feed keeps (or newer than L) gets a {@code reset} event with {@code oldest} and {@code latest}
 * instead, then the items after {@code latest}.
 * <p>
 * Slow clients: frames go to the socket only while Vert.x's write queue for it is below
 * {@code dashboard.stream.write-queue-bytes}; the rest wait in {@code pending}. When a client has more
 * than {@code dashboard.stream.client-buffer} items waiting (live and held together) its connection is
 * closed: it reconnects with its last id and replays from the table, and nobody else waits for it.
 */
final class StreamClient implements FeedBroadcaster.Subscriber {

    private static final Logger LOG = Logger.getLogger(StreamClient.class);
    static final int REPLAY_PAGE = 500;

    private final Vertx vertx;
    private final Context context;
    private final HttpServerResponse response;
    private final FeedBroadcaster broadcaster;
    private final FeedQueries queries;
    private final String department;
    private final int maxBuffered;
    private final Runnable onCutOff;
    private final ArrayDeque<Frame> pending = new ArrayDeque<>();
    private final ArrayDeque<Frame> held = new ArrayDeque<>();
    private long cursor;
    private boolean live;
    private boolean closed;
    private long heartbeatTimer = -1;

    StreamClient(Vertx vertx, HttpServerResponse response, FeedBroadcaster broadcaster, FeedQueries queries, String department,
                 int maxBuffered, Runnable onCutOff) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.response = response;
        this.broadcaster = broadcaster;
        this.queries = queries;
        this.department = department;
        this.maxBuffered = maxBuffered;
        this.onCutOff = onCutOff;
    }

    /** Starts the stream; the caller has checked the ticket and subscribed ({@code joinedAt}). */
    void start(long joinedAt, Long lastEventId, long heartbeatMillis) {
        response.closeHandler(v -> closed());
        response.exceptionHandler(e -> closed());
        response.write(": stream open\n\n");
        heartbeatTimer = vertx.setPeriodic(heartbeatMillis, id -> context.runOnContext(v -> heartbeat()));
        if (lastEventId == null) {
            cursor = joinedAt;
            goLive();
            return;
        }
        queries.bounds().subscribe().with(bounds -> context.runOnContext(v -> {
            if (lastEventId > joinedAt || (lastEventId + 1 < bounds.oldest() && lastEventId < joinedAt)) {
                write("event: reset\ndata: {\"oldest\":" + bounds.oldest() + ",\"latest\":" + joinedAt + "}\n\n");
                cursor = joinedAt;
                goLive();
            } else {
                cursor = lastEventId;
                replay(joinedAt);
            }
        }), this::failed);
    }

    private void replay(long upTo) {
        if (closed) {
            return;
        }
        if (cursor >= upTo) {
            goLive();
            return;
        }
        queries.range(cursor, upTo, REPLAY_PAGE, department).subscribe().with(items -> context.runOnContext(v -> {
            if (closed) {
                return;
            }
            for (ActivityItem item : items) {
                write(broadcaster.frame(item).text());
            }
            cursor = items.size() < REPLAY_PAGE ? upTo : items.get(items.size() - 1).id();
            whenWritable(ignored -> replay(upTo));
        }), this::failed);
    }

    private void goLive() {
        live = true;
        while (!held.isEmpty()) {
            take(held.poll());
        }
        pump();
    }

    @Override
    public void deliver(List<Frame> batch) {
        context.runOnContext(v -> accept(batch));
    }

    private void accept(List<Frame> batch) {
        if (closed) {
            return;
        }
        if (live) {
            batch.forEach(this::take);
        } else {
            held.addAll(batch);
        }
        if (pending.size() + held.size() > maxBuffered) {
            cutOff();
            return;
        }
        pump();
    }

    private void take(Frame frame) {
        if (frame.id() <= cursor) {
            return;
        }
        cursor = frame.id();
        if (department == null || department.equals(frame.department())) {
            pending.add(frame);
        }
    }

    private void pump() {
        while (!closed && !pending.isEmpty() && !response.writeQueueFull()) {
            write(pending.poll().text());
        }
        if (!closed && !pending.isEmpty()) {
            response.drainHandler(v -> pump());
        }
    }

    private void whenWritable(Consumer<Void> next) {
        if (response.writeQueueFull()) {
            response.drainHandler(v -> {
                response.drainHandler(null);
                next.accept(null);
            });
        } else {
            next.accept(null);
        }
    }

    private void heartbeat() {
        if (!closed && !response.writeQueueFull()) {
            write(": heartbeat\n\n");
        }
    }

    private void write(String text) {
        if (!closed) {
            response.write(text);
        }
    }

    private void cutOff() {
        LOG.infof("Closing a stream client that does not keep up (%d items waiting)", pending.size() + held.size());
        onCutOff.run();
        closed();
        response.reset();
    }

    private void failed(Throwable e) {
        LOG.warnf("Stream replay failed, closing the stream (the client resumes with its last id): %s", e.toString());
        context.runOnContext(v -> {
            closed();
            response.reset();
        });
    }

    private void closed() {
        if (closed) {
            return;
        }
        closed = true;
        broadcaster.unsubscribe(this);
        pending.clear();
        held.clear();
        if (heartbeatTimer >= 0) {
            vertx.cancelTimer(heartbeatTimer);
        }
    }
}
