package ai.adoption.testinfra;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** The class path of the broker's child JVM, built from the test JVM's own. */
final class ChildClasspath {

    private ChildClasspath() {
    }

    /**
     * The test JVM's class path, with manifest-only jars (as used by Surefire) expanded, plus the locations of
     * the classes the broker needs in case they were loaded from elsewhere (e.g. an IDE or Quarkus class loader),
     * minus Quarkus jars.
     */
    static List<String> entries() {
        LinkedHashSet<String> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                addWithManifestClassPath(entries, Paths.get(entry).toAbsolutePath());
            }
        }
        for (String resource : List.of("ai/adoption/testinfra/KafkaBrokerMain.class", "kafka/Kafka.class",
                "kafka/tools/StorageTool.class", "org/apache/kafka/clients/admin/Admin.class",
                "org/apache/kafka/server/common/MetadataVersion.class", "scala/Predef.class")) {
            Path location = locationOf(resource);
            if (location != null) {
                entries.add(location.toString());
            }
        }
        // Quarkus jars are useless to the broker and would take over its logging (quarkus-bootstrap-runner
        // registers its own jboss-logmanager configurator)
        entries.removeIf(e -> Paths.get(e).getFileName().toString().matches("quarkus-.*\\.jar"));
        return new ArrayList<>(entries);
    }

    /** Whether this class's loader sees {@code resource} (a path such as {@code org/Foo.class}). */
    static boolean has(String resource) {
        return locationOf(resource) != null;
    }

    private static void addWithManifestClassPath(Set<String> entries, Path entry) {
        if (!entries.add(entry.toString())) {
            return;
        }
        if (!entry.toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
            return;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            Manifest manifest = jar.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null) {
                return;
            }
            for (String item : classPath.trim().split("\\s+")) {
                if (item.isEmpty()) {
                    continue;
                }
                try {
                    URI uri = entry.toUri().resolve(item);
                    if ("file".equals(uri.getScheme())) {
                        addWithManifestClassPath(entries, Paths.get(uri));
                    }
                } catch (IllegalArgumentException ignored) {
                    // unusual entry; skip it
                }
            }
        } catch (IOException ignored) {
            // not a readable jar; keep it as is
        }
    }

    private static Path locationOf(String resource) {
        URL url = ChildClasspath.class.getClassLoader().getResource(resource);
        if (url == null) {
            return null;
        }
        try {
            String s = url.toString();
            if (s.startsWith("jar:")) {
                String file = s.substring(4, s.indexOf("!/"));
                return Paths.get(new URI(file));
            }
            if (s.startsWith("file:")) {
                Path p = Paths.get(url.toURI());
                for (int i = 0; i < resource.split("/").length; i++) {
                    p = p.getParent();
                }
                return p;
            }
        } catch (URISyntaxException | RuntimeException ignored) {
            // unknown location scheme
        }
        return null;
    }
}
