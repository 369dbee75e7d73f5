package ai.adoption.dashboard.application;

import ai.adoption.dashboard.domain.ActivityItem;
import ai.adoption.eventsourcing.command.CommitSignal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one broadcast of the feed in this JVM, whatever the number of open streams: after every local
 * commit of a consumed event ({@link CommitSignal}), and on a poll ({@code dashboard.stream.poll-interval},
 * which also picks up what another instance committed), it reads the rows past its position in id
 * order and hands each batch, serialised once, to every subscriber. Ids commit in order
 * ({@link DashboardWriter}), so what it reads is always a gap-free continuation.
 * <p>
 * {@link #subscribe} returns the position at which the subscriber joins: every item after it will be
 * delivered to it, every item up to it has committed and can be replayed from the table. Position and
 * subscriber set change under one lock, so there is no seam where an item is neither.
 */
@ApplicationScoped
public class FeedBroadcaster {

    private static final Logger LOG = Logger.getLogger(FeedBroadcaster.class);
    static final int BATCH = 500;

    /** One feed item as the stream writes it. */
    public record Frame(long id, String department, String text) {
    }

    /** Receives batches in id order, on the broadcaster's thread: hand them to your own context, do not block. */
    public interface Subscriber {
        void deliver(List<Frame> batch);
    }

    private final FeedQueries queries;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final Duration pollInterval;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean reading = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private long position = -1;
    private long timer = -1;
    private volatile boolean stopped;

    @Inject
    public FeedBroadcaster(FeedQueries queries, ObjectMapper json, Vertx vertx, CommitSignal commits, MeterRegistry meters,
                           @ConfigProperty(name = "dashboard.stream.poll-interval", defaultValue = "1s") Duration pollInterval) {
        this.queries = queries;
        this.json = json;
        this.vertx = vertx;
        this.pollInterval = pollInterval;
        commits.onCommit(this::wake);
        meters.gaugeCollectionSize("dashboard.stream.clients", List.of(), subscribers);
    }

    void start(@Observes StartupEvent ignored) {
        timer = vertx.setPeriodic(pollInterval.toMillis(), id -> wake());
        wake();
    }

    void stop(@Observes ShutdownEvent ignored) {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /**
     * Joins the broadcast: returns the last id already broadcast (the subscriber replays up to it from
     * the table and gets everything after it delivered), or -1 while the broadcaster has not read the
     * feed's head yet (right after start, or while the database is down).
     */
    public synchronized long subscribe(Subscriber subscriber) {
        if (position < 0) {
            return -1;
        }
        subscribers.add(subscriber);
        return position;
    }

    public void unsubscribe(Subscriber subscriber) {
        subscribers.remove(subscriber);
    }

    public int subscribers() {
        return subscribers.size();
    }

    /** Something committed (or the poll): read what is new, at most one read at a time. */
    public void wake() {
        again.set(true);
        if (!stopped && reading.compareAndSet(false, true)) {
            again.set(false);
            read();
        }
    }

    private void read() {
        long from;
        synchronized (this) {
            from = position;
        }
        if (from < 0) {
            queries.bounds().subscribe().with(bounds -> {
                synchronized (this) {
                    position = bounds.latest();
                }
                finish();
            }, this::failed);
            return;
        }
        queries.range(from, Long.MAX_VALUE, BATCH, null).subscribe().with(items -> {
            if (!items.isEmpty()) {
                List<Frame> frames = items.stream().map(this::frame).toList();
                synchronized (this) {
                    position = items.get(items.size() - 1).id();
                    for (Subscriber subscriber : subscribers) {
                        subscriber.deliver(frames);
                    }
                }
            }
            if (items.size() == BATCH && !stopped) {
                read();
            } else {
                finish();
            }
        }, this::failed);
    }

    private void finish() {
        reading.set(false);
        if (again.getAndSet(false)) {
            wake();
        }
    }

    private void failed(Throwable e) {
        LOG.warnf("Reading the activity feed for the stream failed, retried on the next commit or poll: %s", e.toString());
        reading.set(false);
    }

    /** {@code id}, {@code event} and {@code data} lines of one item: the item's JSON holds no line break. */
    public Frame frame(ActivityItem item) {
        try {
            return new Frame(item.id(), item.department(),
                    "id: " + item.id() + "\nevent: activity\ndata: " + json.writeValueAsString(item) + "\n\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
