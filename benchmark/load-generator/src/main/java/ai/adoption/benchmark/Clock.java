package ai.adoption.benchmark;

import java.time.Instant;

/** Wall-clock time in microseconds, and the mapping from {@link System#nanoTime()} to it. */
final class Clock {

    /** wall micros = nanoTime / 1000 + OFFSET, fixed once at class load. */
    private static final long OFFSET_MICROS = wallMicros() - System.nanoTime() / 1000;

    private Clock() {
    }

    static long wallMicros() {
        return micros(Instant.now());
    }

    static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
    }

    static long wallMicrosOfNanoTime(long nanoTime) {
        return nanoTime / 1000 + OFFSET_MICROS;
    }

    static String iso(long wallMicros) {
        return Instant.ofEpochSecond(wallMicros / 1_000_000, (wallMicros % 1_000_000) * 1000).toString();
    }
}
