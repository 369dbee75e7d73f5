package ai.adoption.benchmark;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The two load loops of a run: {@code closed} (N clients, each sends when its previous request is answered) and
 * {@code open} (a fixed rate, latency from the intended send time). Both measure only what falls inside the window
 * {@code [warmEnd, measEnd)}, and note every 201 response for the lag's lower bound.
 */
final class LoadLoops {

    static final int CREATED = 201;

    private final Options o;
    private final HttpClient http;
    private final Payloads payloads;
    /** Idea id -> when its 201 response was in (wall clock), for the lower bound of the lag; null without Kafka. */
    private final ResponseTimes responses;

    LoadLoops(Options o, HttpClient http, Payloads payloads, ResponseTimes responses) {
        this.o = o;
        this.http = http;
        this.payloads = payloads;
        this.responses = responses;
    }

    /** What a loop measured in the window. */
    record Result(Samples latencies, Outcomes errors, long sent, long blockedByCap, Samples sendDelay) {
    }

    /** N threads, each: send, wait for the answer, send the next. */
    Result closedLoop(long start, long warmEnd, long measEnd) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        List<Samples> latencies = new ArrayList<>();
        List<Outcomes> failures = new ArrayList<>();
        AtomicLong sent = new AtomicLong();
        for (int i = 0; i < o.clients; i++) {
            Samples lat = new Samples();
            Outcomes fail = new Outcomes();
            latencies.add(lat);
            failures.add(fail);
            Thread t = new Thread(() -> {
                LockSupport.parkNanos(start - System.nanoTime());
                while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= measEnd) {
                        return;
                    }
                    HttpRequest request = payloads.next();
                    int status;
                    String detail;
                    try {
                        HttpResponse<String> r = http.send(request, LoadLoops::body);
                        created(r, Clock.wallMicros());
                        status = r.statusCode();
                        detail = r.body();
                    } catch (IOException e) {
                        status = -1;
                        detail = e.toString();
                    } catch (InterruptedException e) {
                        return;
                    }
                    long t1 = System.nanoTime();
                    if (t0 >= warmEnd) {
                        sent.incrementAndGet();
                    }
                    if (t1 >= warmEnd && t1 < measEnd) {
                        if (status == CREATED) {
                            lat.add((t1 - t0) / 1000, Clock.wallMicrosOfNanoTime(t1));
                        } else {
                            fail.record(kind(status, detail), detail);
                        }
                    }
                }
            }, "client-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        long joinDeadline = measEnd + o.timeout.toNanos() + TimeUnit.SECONDS.toNanos(5);
        for (Thread t : threads) {
            long left = joinDeadline - System.nanoTime();
            if (left > 0) {
                t.join(Math.max(1, left / 1_000_000));
            }
        }
        Samples all = new Samples();
        latencies.forEach(all::addAll);
        Outcomes errors = new Outcomes();
        failures.forEach(errors::addAll);
        return new Result(all, errors, sent.get(), 0, new Samples());
    }

    /** One scheduler thread sends at the intended times; responses are handled asynchronously. */
    Result openLoop(long start, long warmEnd, long measEnd) throws InterruptedException {
        Samples lat = new Samples();
        Outcomes errors = new Outcomes();
        Samples sendDelay = new Samples(); // how late the scheduler was (diagnostic)
        Semaphore inFlight = new Semaphore(o.maxInFlight);
        long sentInWindow = 0;
        long blockedByCap = 0;
        double intervalNanos = 1e9 / o.rate;
        for (long i = 0; ; i++) {
            long intended = start + (long) (i * intervalNanos);
            if (intended >= measEnd) {
                break;
            }
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!inFlight.tryAcquire()) {
                blockedByCap++;
                inFlight.acquire(); // still measured from the intended time
            }
            HttpRequest request = payloads.next();
            boolean measured = intended >= warmEnd;
            if (measured) {
                sentInWindow++;
                sendDelay.add((System.nanoTime() - intended) / 1000, Clock.wallMicrosOfNanoTime(intended));
            }
            http.sendAsync(request, LoadLoops::body).whenComplete((r, e) -> {
                long t1 = System.nanoTime();
                // wall clock read now, like the lag consumer's receive time (not derived from t1)
                long t1Wall = Clock.wallMicros();
                try {
                    created(r, t1Wall);
                    if (!measured) {
                        return;
                    }
                    int status = r != null ? r.statusCode() : -1;
                    synchronized (lat) {
                        if (status == CREATED) {
                            lat.add((t1 - intended) / 1000, Clock.wallMicrosOfNanoTime(intended));
                        } else {
                            String detail = r != null ? r.body() : String.valueOf(e);
                            errors.record(kind(status, detail), detail);
                        }
                    }
                } finally {
                    inFlight.release();
                }
            });
        }
        if (!inFlight.tryAcquire(o.maxInFlight, o.timeout.toMillis() + 5000, TimeUnit.MILLISECONDS)) {
            System.err.println("load-generator: some requests still unanswered after the timeout");
        }
        synchronized (lat) {
            return new Result(lat, errors, sentInWindow, blockedByCap, sendDelay);
        }
    }

    /**
     * Notes when the 201 response of an idea was in (warm-up included: its record may be
     * recorded inside the window), for the lower bound of the lag.
     */
    private void created(HttpResponse<String> r, long receivedWallMicros) {
        if (responses != null && r != null && r.statusCode() == CREATED) {
            responses.response(ResponseTimes.ideaId(r.body(), r.headers().firstValue("Location").orElse(null)),
                    receivedWallMicros);
        }
    }


    /** The body as text: of a 201 for the idea id, of anything else for the error report. */
    private static HttpResponse.BodySubscriber<String> body(HttpResponse.ResponseInfo info) {
        return HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
    }

    private static String kind(int status, String detail) {
        if (status > 0) {
            return "HTTP " + status;
        }
        String d = String.valueOf(detail);
        int colon = d.indexOf(':');
        String cls = colon > 0 ? d.substring(0, colon) : d;
        return cls.substring(cls.lastIndexOf('.') + 1);
    }
}
