# Summarises `jfr print --stack-depth 96 --events jdk.ExecutionSample <file>` for benchmark/governance.sh:
# each CPU sample goes to the innermost frame (frames are printed leaf first) that belongs to one of
# the libraries below, so the shares add up to 100 %; plus the share of samples inside a few
# operations of the ownership read. Only running Java threads are sampled (no JIT compiler, no GC).

function flush(   i, k, done) {
  if (nframes == 0) {
    return
  }
  n++
  done = 0
  for (i = 1; i <= nframes && !done; i++) {
    for (k = 1; k <= nlib; k++) {
      if (frame[i] ~ libpat[k]) {
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
  lib[++nlib] = "Hibernate Reactive / ORM (session, native queries, entity loading)"; libpat[nlib] = "org\\.hibernate"
  lib[++nlib] = "Vert.x PostgreSQL client"; libpat[nlib] = "io\\.vertx\\.pgclient|io\\.vertx\\.sqlclient"
  lib[++nlib] = "metrics (Micrometer)"; libpat[nlib] = "io\\.micrometer"
  lib[++nlib] = "logging"; libpat[nlib] = "org\\.jboss\\.logmanager|org\\.jboss\\.logging"
  lib[++nlib] = "Kafka client"; libpat[nlib] = "org\\.apache\\.kafka"
  lib[++nlib] = "service and event-sourcing code (ai.adoption)"; libpat[nlib] = "ai\\.adoption\\."
  lib[++nlib] = "REST layer (RESTEasy Reactive)"; libpat[nlib] = "org\\.jboss\\.resteasy"
  lib[++nlib] = "Mutiny"; libpat[nlib] = "io\\.smallrye\\.mutiny"
  lib[++nlib] = "HTTP server (Vert.x core, Netty)"; libpat[nlib] = "io\\.vertx|io\\.netty"
  lib[++nlib] = "CDI, context propagation, other Quarkus/SmallRye"; libpat[nlib] = "io\\.quarkus|io\\.smallrye|org\\.jboss\\.threads"
  lib[nlib + 1] = "JDK only (no library frame)"

  nop = 0
  op[++nop] = "JWT verification"; oppat[nop] = "org\\.jose4j"
  op[++nop] = "RegisterQueries.ownership (both queries, names)"; oppat[nop] = "RegisterQueries\\.(ownership|lambda\\$ownership)"
  op[++nop] = "SystemResource.ownership"; oppat[nop] = "SystemResource\\.ownership"
  op[++nop] = "Hibernate Reactive session open/close (Panache.withSession)"; oppat[nop] = "withSession|openSession|ReactiveSessionImpl\\.close"
  op[++nop] = "JSON serialisation of the answer"; oppat[nop] = "com\\.fasterxml\\.jackson\\.databind\\.ObjectWriter|ServerJacksonMessageBodyWriter|FullyFeaturedServerJacksonMessageBodyWriter"
}

/^jdk\.ExecutionSample/ {
  flush()
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
  printf "%d CPU samples of running Java threads\n", n
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
