# Summarises `jfr print --stack-depth 96 --events jdk.ExecutionSample <file>` (used by benchmark/run.sh):
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
  lib[++nlib] = "bean validation (Hibernate Validator engine)"; libpat[nlib] = "org\\.hibernate\\.validator"
  lib[++nlib] = "JTA transaction manager (Narayana)"; libpat[nlib] = "com\\.arjuna|io\\.narayana"
  lib[++nlib] = "connection pool (Agroal)"; libpat[nlib] = "io\\.agroal"
  lib[++nlib] = "JDBC driver (pgjdbc, incl. its socket I/O)"; libpat[nlib] = "org\\.postgresql"
  lib[++nlib] = "Kafka client (outbox relay producer)"; libpat[nlib] = "org\\.apache\\.kafka"
  lib[++nlib] = "metrics (Micrometer)"; libpat[nlib] = "io\\.micrometer"
  lib[++nlib] = "logging"; libpat[nlib] = "org\\.jboss\\.logmanager|org\\.jboss\\.logging"
  lib[++nlib] = "service and event-sourcing code (ai.adoption)"; libpat[nlib] = "ai\\.adoption\\."
  lib[++nlib] = "REST layer (RESTEasy Reactive)"; libpat[nlib] = "org\\.jboss\\.resteasy"
  lib[++nlib] = "HTTP server (Vert.x, Netty)"; libpat[nlib] = "io\\.vertx|io\\.netty"
  lib[++nlib] = "CDI, Mutiny, context propagation, other Quarkus"; libpat[nlib] = "io\\.quarkus|io\\.smallrye|org\\.jboss\\.threads"
  lib[nlib + 1] = "JDK only (no library frame)"

  nop = 0
  op[++nop] = "JWT verification"; oppat[nop] = "org\\.jose4j"
  op[++nop] = "command handling (CommandBus.execute: append + projection)"; oppat[nop] = "eventsourcing\\.command\\.CommandBus\\.execute"
  op[++nop] = "the resource method IdeaResource.submit (transaction, append, projection, read-back)"; oppat[nop] = "IdeaResource\\.submit"
  op[++nop] = "transaction commit (Narayana)"; oppat[nop] = "com\\.arjuna.*commit"
  op[++nop] = "read-back of idea_view for the 201 body"; oppat[nop] = "ExperimentQueries\\.idea"
  op[++nop] = "outbox relay (thread outbox-relay + Kafka producer I/O thread)"; oppat[nop] = "OutboxRelay|org\\.apache\\.kafka\\.clients\\.producer"
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
