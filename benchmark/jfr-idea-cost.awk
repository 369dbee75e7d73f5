# Summarises `jfr print --stack-depth 96 --events jdk.ExecutionSample <file>` (benchmark/idea-cost.sh JFR=1 profiles of the
# three reactive services; categories for Hibernate Reactive, the Vert.x SQL client, Kafka, JWT, Jackson, Netty):
#   - samples by thread (trailing numbers stripped),
#   - exclusive: each sample goes to the innermost frame that belongs to a known library
#     (frames are printed leaf first), so the shares add up to 100 %,
#   - inclusive: share of samples inside a few application-level operations.
# Only running Java threads are sampled: JIT compiler and GC threads do not appear.

function flush(   i, k, done, line) {
  if (nframes == 0) {
    return
  }
  n++
  thr[thread]++
  done = 0
  for (i = 1; i <= nframes && !done; i++) {
    line = frame[i]
    for (k = 1; k <= nlib; k++) {
      if (line ~ libpat[k]) {
        excl[k]++
        done = 1
        break
      }
    }
  }
  if (!done) {
    excl[nlib + 1]++
  }
  for (k = 1; k <= nop; k++) {
    for (i = 1; i <= nframes; i++) {
      if (frame[i] ~ oppat[k]) {
        incl[k]++
        break
      }
    }
  }
  nframes = 0
}

BEGIN {
  nlib = 0
  lib[++nlib] = "JWT verification (jose4j, incl. its RSA signature check)"; libpat[nlib] = "org\\.jose4j"
  lib[++nlib] = "SmallRye JWT / Quarkus security"; libpat[nlib] = "io\\.smallrye\\.jwt|io\\.quarkus\\.security|io\\.quarkus\\.smallrye\\.jwt"
  lib[++nlib] = "JSON (Jackson)"; libpat[nlib] = "com\\.fasterxml\\.jackson"
  lib[++nlib] = "bean validation (Hibernate Validator)"; libpat[nlib] = "org\\.hibernate\\.validator"
  lib[++nlib] = "Hibernate Reactive"; libpat[nlib] = "org\\.hibernate\\.reactive"
  lib[++nlib] = "Hibernate ORM core (session, persistence context, HQL)"; libpat[nlib] = "org\\.hibernate\\.|io\\.quarkus\\.hibernate"
  lib[++nlib] = "Vert.x SQL client (pg client)"; libpat[nlib] = "io\\.vertx\\.pgclient|io\\.vertx\\.sqlclient|io\\.vertx\\.mutiny\\.sqlclient"
  lib[++nlib] = "JDBC driver (pgjdbc: relay, Flyway)"; libpat[nlib] = "org\\.postgresql"
  lib[++nlib] = "Kafka clients (producer, consumer, transactions)"; libpat[nlib] = "org\\.apache\\.kafka"
  lib[++nlib] = "SmallRye Reactive Messaging (Kafka connector)"; libpat[nlib] = "io\\.smallrye\\.reactive\\.messaging"
  lib[++nlib] = "metrics (Micrometer)"; libpat[nlib] = "io\\.micrometer"
  lib[++nlib] = "logging"; libpat[nlib] = "org\\.jboss\\.logmanager|org\\.jboss\\.logging"
  lib[++nlib] = "service and event-sourcing code (ai.adoption)"; libpat[nlib] = "ai\\.adoption\\."
  lib[++nlib] = "REST layer (Quarkus REST)"; libpat[nlib] = "org\\.jboss\\.resteasy"
  lib[++nlib] = "Netty (sockets, buffers, event loop)"; libpat[nlib] = "io\\.netty"
  lib[++nlib] = "Vert.x core and web"; libpat[nlib] = "io\\.vertx"
  lib[++nlib] = "Mutiny"; libpat[nlib] = "io\\.smallrye\\.mutiny"
  lib[++nlib] = "CDI, context propagation, other Quarkus/SmallRye"; libpat[nlib] = "io\\.quarkus|io\\.smallrye|org\\.jboss\\.threads"
  lib[nlib + 1] = "JDK only (no library frame)"

  nop = 0
  op[++nop] = "JWT verification (jose4j)"; oppat[nop] = "org\\.jose4j"
  op[++nop] = "HTTP command: IdeaResource.submit"; oppat[nop] = "IdeaResource\\.submit"
  op[++nop] = "CommandBus.execute (load, decide, append, project)"; oppat[nop] = "eventsourcing\\.command\\.CommandBus\\.execute"
  op[++nop] = "EventStore (append, stream read)"; oppat[nop] = "eventsourcing\\.store\\.EventStore\\."
  op[++nop] = "consumers: IdempotentEvents.once (+ the handler)"; oppat[nop] = "IdempotentEvents"
  op[++nop] = "outbox relay (read, publish, checkpoint)"; oppat[nop] = "eventsourcing\\.relay\\."
  op[++nop] = "Kafka producer (send, I/O thread)"; oppat[nop] = "org\\.apache\\.kafka\\.clients\\.producer"
  op[++nop] = "Kafka consumer (poll, fetch)"; oppat[nop] = "org\\.apache\\.kafka\\.clients\\.consumer"
  op[++nop] = "Hibernate Reactive (any)"; oppat[nop] = "org\\.hibernate\\.reactive"
  op[++nop] = "Vert.x SQL client (any)"; oppat[nop] = "io\\.vertx\\.pgclient|io\\.vertx\\.sqlclient"
  op[++nop] = "Jackson (any)"; oppat[nop] = "com\\.fasterxml\\.jackson"
}

/^jdk\.ExecutionSample/ {
  flush()
  next
}
/sampledThread = / {
  thread = $0
  sub(/.*sampledThread = "/, "", thread)
  sub(/".*/, "", thread)
  sub(/ \|.*/, "", thread)
  gsub(/[0-9]+$/, "", thread)
  sub(/-$/, "", thread)
  next
}
/stackTrace = \[/ {
  instack = 1
  next
}
instack && /^[ \t]*\]/ {
  instack = 0
  next
}
instack {
  frame[++nframes] = $0
}

END {
  flush()
  if (n == 0) {
    print "no execution samples"
    exit
  }
  printf "%d CPU samples of running Java threads (JIT compiler and GC threads are not sampled)\n", n
  printf "\nby thread:\n"
  for (t in thr) {
    printf "%6.1f %%  %s\n", thr[t] * 100 / n, t | "sort -rn"
  }
  close("sort -rn")
  printf "\nexclusive, by the innermost library on the stack (adds up to 100 %%):\n"
  for (k = 1; k <= nlib + 1; k++) {
    if (excl[k] > 0) {
      printf "%6.1f %%  %s\n", excl[k] * 100 / n, lib[k] | "sort -rn"
    }
  }
  close("sort -rn")
  printf "\ninclusive, samples inside these operations:\n"
  for (k = 1; k <= nop; k++) {
    printf "%6.1f %%  %s\n", incl[k] * 100 / n, op[k] | "sort -rn"
  }
  close("sort -rn")
}
