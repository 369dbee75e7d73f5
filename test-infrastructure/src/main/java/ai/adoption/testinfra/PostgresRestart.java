package ai.adoption.testinfra;

import io.zonky.test.db.postgres.util.LinuxUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Restarts the JVM's embedded PostgreSQL server in immediate mode, as a crash would: SIGQUIT to the postmaster (what
 * {@code pg_ctl stop -m immediate} sends: every backend quits at once, no checkpoint; the next start runs crash
 * recovery from the WAL), then the postmaster again with the command line it recorded in {@code postmaster.opts}:
 * the same binary, data directory, port and settings, started as zonky starts it (through {@code unshare -U} where
 * available, so that it runs as root too). {@code pg_ctl} refuses to run as root, so the signal and the start are
 * done here. zonky keeps its binaries and data directory
 * private, so both are found from the running server: {@code data_directory}, and the postmaster's pid (first line of
 * {@code postmaster.pid}). Linux only, as the embedded binaries are. The restarted postmaster is a child of this JVM;
 * a shutdown hook stops it (fast shutdown, SIGINT) when the JVM exits.
 */
final class PostgresRestart {

    private PostgresRestart() {
    }

    /** Stops the server in immediate mode, waits {@code down}, starts it again and waits until it accepts connections. */
    static void immediately(Duration down) {
        try {
            Path dataDir = dataDirectory();
            long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8).get(0).strip());
            List<String> command = commandLine(Files.readString(dataDir.resolve("postmaster.opts"), StandardCharsets.UTF_8));
            Path log = dataDir.resolveSibling(dataDir.getFileName() + "-restart.log");

            signal("QUIT", postmaster);
            ProcessHandle handle = ProcessHandle.of(postmaster).orElse(null);
            if (handle != null && !handle.onExit().toCompletableFuture().completeOnTimeout(null, 60, TimeUnit.SECONDS)
                    .thenApply(h -> h != null).join()) {
                throw new IllegalStateException("The postmaster " + postmaster + " did not exit within 60 s of SIGQUIT");
            }
            Thread.sleep(down.toMillis());

            if (LinuxUtils.isUnshareAvailable()) {
                // as zonky starts it: in a user namespace of its own, where root is not root (PostgreSQL refuses root)
                command.addAll(0, List.of("unshare", "-U"));
            }
            Process restarted = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    signal("INT", restarted.pid());
                    restarted.waitFor(20, TimeUnit.SECONDS);
                } catch (IOException | InterruptedException ignored) {
                    // the JVM is exiting anyway
                }
                restarted.destroyForcibly();
            }, "embedded-postgres-restarted-shutdown"));
            awaitConnections(restarted, log);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not restart PostgreSQL", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while restarting PostgreSQL", e);
        }
    }

    /** The words of {@code postmaster.opts}: the binary, then each option in double quotes. */
    static List<String> commandLine(String opts) {
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|(\\S+)").matcher(opts.strip());
        while (m.find()) {
            words.add(m.group(1) != null ? m.group(1).replaceAll("\\\\(.)", "$1") : m.group(2));
        }
        return words;
    }

    private static void awaitConnections(Process postmaster, Path log) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!postmaster.isAlive()) {
                throw new IllegalStateException("The restarted postmaster exited with " + postmaster.exitValue() + ": "
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            try (Connection c = PostgresResource.adminDataSource().getConnection(); Statement st = c.createStatement()) {
                st.execute("select 1");
                return;
            } catch (SQLException starting) {
                last = starting;
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("PostgreSQL did not accept connections within 60 s of its restart; see " + log, last);
    }

    private static Path dataDirectory() {
        try (Connection c = PostgresResource.adminDataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("show data_directory")) {
            rs.next();
            return Path.of(rs.getString(1));
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not running: cannot restart it", e);
        }
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed: " + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
