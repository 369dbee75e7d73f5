package ai.adoption.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * deploy/k8s as the tests see it: the documents the top kustomization reaches (what {@code kubectl apply -k
 * deploy/k8s} would send, before kustomize's namespace and image transformations), each with the file it came
 * from; plus the repository files they must agree with.
 */
final class Manifests {

    static final List<String> SERVICES = List.of("experiments-service", "revisit-service", "governance-service", "dashboard-service");

    /** One YAML document of a manifest file. */
    record Doc(Path file, int index, Map<String, Object> body) {
        String apiVersion() {
            return (String) body.get("apiVersion");
        }

        String kind() {
            return (String) body.get("kind");
        }

        String name() {
            return (String) Maps.at(body, "metadata", "name");
        }

        @Override
        public String toString() {
            return kind() + " " + name() + " (" + file.getFileName() + " #" + index + ")";
        }
    }

    final Path root;
    final Path k8s;
    final List<Doc> docs;

    private Manifests(Path root, List<Doc> docs) {
        this.root = root;
        this.k8s = root.resolve("deploy/k8s");
        this.docs = docs;
    }

    static Path repositoryRoot() {
        String configured = System.getProperty("deploy.repository-root");
        Path root = configured != null ? Path.of(configured) : Path.of("..");
        return root.toAbsolutePath().normalize();
    }

    /** The documents reachable from deploy/k8s/kustomization.yaml. */
    static Manifests load() {
        Path root = repositoryRoot();
        List<Doc> docs = new ArrayList<>();
        for (Path file : Kustomizations.resourceFiles(root.resolve("deploy/k8s"))) {
            docs.addAll(parse(file));
        }
        return new Manifests(root, docs);
    }

    /** A copy whose documents are {@code docs}: the tests' way to break one thing and see the check notice. */
    Manifests with(List<Doc> replaced) {
        return new Manifests(root, replaced);
    }

    List<Doc> ofKind(String apiVersion, String kind) {
        return docs.stream().filter(d -> apiVersion.equals(d.apiVersion()) && kind.equals(d.kind())).toList();
    }

    /** Every non-empty document of a YAML file, parsed with SnakeYAML's safe constructor. */
    @SuppressWarnings("unchecked")
    static List<Doc> parse(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        List<Doc> out = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            int index = 0;
            for (Object document : yaml.loadAll(reader)) {
                if (document == null) {
                    continue;
                }
                if (!(document instanceof Map)) {
                    throw new IllegalStateException(file + " document " + index + " is not a mapping: " + document);
                }
                out.add(new Doc(file, index++, (Map<String, Object>) document));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Every *.yaml / *.yml under deploy/k8s. */
    List<Path> yamlFiles() {
        try (Stream<Path> walk = Files.walk(k8s)) {
            return walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A service's src/main/resources/application.properties. */
    Properties applicationProperties(String service) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(root.resolve(service).resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** Small helpers over SnakeYAML's maps and lists. */
    static final class Maps {
        private Maps() {
        }

        @SuppressWarnings("unchecked")
        static Object at(Object node, String... path) {
            Object current = node;
            for (String key : path) {
                if (!(current instanceof Map)) {
                    return null;
                }
                current = ((Map<String, Object>) current).get(key);
            }
            return current;
        }

        @SuppressWarnings("unchecked")
        static List<Map<String, Object>> list(Object node, String... path) {
            Object value = at(node, path);
            return value instanceof List ? (List<Map<String, Object>>) value : List.of();
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> map(Object node, String... path) {
            Object value = at(node, path);
            return value instanceof Map ? (Map<String, Object>) value : Map.of();
        }

        /** A deep, mutable copy (for tests that change a document). */
        @SuppressWarnings("unchecked")
        static Object copy(Object node) {
            if (node instanceof Map<?, ?> map) {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put((String) k, copy(v)));
                return out;
            }
            if (node instanceof List<?> list) {
                List<Object> out = new ArrayList<>();
                list.forEach(v -> out.add(copy(v)));
                return out;
            }
            return node;
        }
    }
}
