package ai.adoption.deploy;

import static ai.adoption.deploy.Manifests.Maps.at;
import static ai.adoption.deploy.Manifests.Maps.list;
import static ai.adoption.deploy.Manifests.Maps.map;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.adoption.deploy.Manifests.Doc;

/**
 * What the services' configuration names, checked against what deploy/k8s creates. Each check adds a sentence to
 * {@link #problems()}; none stops at the first, so one run names everything that is missing.
 * <p>
 * Sources: each service's application.properties (consumed and dead-letter topics, the relay's topic prefix,
 * the {@code %prod} values that point at localhost), its generated Deployment's env (secrets, config maps),
 * docs/events.md (every topic and dead-letter topic of the catalogue, read now, so a topic added there must get
 * its KafkaTopic), and the operators' naming rules: CloudNativePG's {@code <cluster>-app} secret with its keys,
 * Strimzi's {@code <kafka>-kafka-bootstrap} service on a listener's port.
 */
final class CrossReferences {

    /** The keys of the secret CloudNativePG creates for a cluster's owner (pkg/specs/secrets.go, 1.30). */
    static final Set<String> CNPG_APP_SECRET_KEYS = Set.of(
            "username", "user", "password", "dbname", "host", "port", "pgpass", "uri", "jdbc-uri", "fqdn-uri", "fqdn-jdbc-uri");

    private static final Pattern DOCS_TOPIC_ROW = Pattern.compile("^\\| `([a-z0-9-]+(?:\\.[a-z0-9-]+)+)` \\|");
    private static final Pattern DOCS_DLT = Pattern.compile("`([a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.dlt)`");
    private static final Pattern TOPIC_PROPERTY = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.[^.]+\\.(topic|topics|dead-letter-queue\\.topic)");

    private final Manifests manifests;
    private final List<String> problems = new ArrayList<>();

    CrossReferences(Manifests manifests) {
        this.manifests = manifests;
    }

    List<String> problems() {
        problems.clear();
        for (Doc deployment : manifests.ofKind("apps/v1", "Deployment")) {
            checkPodReferences(deployment);
        }
        for (String service : Manifests.SERVICES) {
            checkService(service);
        }
        checkTopics();
        checkServiceSelectors();
        return List.copyOf(problems);
    }

    // --- secrets, config maps, service accounts ----------------------------------------------------------

    private void checkPodReferences(Doc deployment) {
        Map<String, Object> pod = map(deployment.body(), "spec", "template", "spec");
        for (Map<String, Object> container : list(pod, "containers")) {
            for (Map<String, Object> env : list(container, "env")) {
                Map<String, Object> secretRef = map(env, "valueFrom", "secretKeyRef");
                if (!secretRef.isEmpty()) {
                    checkSecretKey(deployment, (String) env.get("name"), (String) secretRef.get("name"),
                            (String) secretRef.get("key"), Boolean.TRUE.equals(secretRef.get("optional")));
                }
                Map<String, Object> configMapRef = map(env, "valueFrom", "configMapKeyRef");
                if (!configMapRef.isEmpty() && configMapValue((String) configMapRef.get("name"), (String) configMapRef.get("key")).isEmpty()) {
                    problems.add(deployment + ": env " + env.get("name") + " reads key " + configMapRef.get("key")
                            + " of ConfigMap " + configMapRef.get("name") + ", which deploy/k8s does not define");
                }
            }
        }
        for (Map<String, Object> volume : list(pod, "volumes")) {
            Object configMap = at(volume, "configMap", "name");
            if (configMap != null && find("v1", "ConfigMap", (String) configMap).isEmpty()) {
                problems.add(deployment + ": volume " + volume.get("name") + " mounts ConfigMap " + configMap + ", which deploy/k8s does not define");
            }
        }
        Object account = pod.get("serviceAccountName");
        if (account != null && find("v1", "ServiceAccount", (String) account).isEmpty()) {
            problems.add(deployment + ": runs as ServiceAccount " + account + ", which deploy/k8s does not define");
        }
    }

    private void checkSecretKey(Doc deployment, String env, String secret, String key, boolean optional) {
        if (find("v1", "Secret", secret).isPresent()) {
            return;
        }
        Optional<Doc> cluster = cnpgClusterOfAppSecret(secret);
        if (cluster.isPresent()) {
            if (!CNPG_APP_SECRET_KEYS.contains(key)) {
                problems.add(deployment + ": env " + env + " reads key " + key + " of " + secret
                        + ", which CloudNativePG does not write (it writes " + new TreeSet<>(CNPG_APP_SECRET_KEYS) + ")");
            }
            return;
        }
        if (optional && readme().contains("`" + secret + "`")) {
            return; // created by the operator of the cluster, as deploy/k8s/README.md says
        }
        problems.add(deployment + ": env " + env + " reads secret " + secret
                + ", which is neither in deploy/k8s nor the -app secret of a CloudNativePG Cluster there"
                + (optional ? " nor named in deploy/k8s/README.md" : ""));
    }

    private Optional<Doc> cnpgClusterOfAppSecret(String secret) {
        return manifests.ofKind("postgresql.cnpg.io/v1", "Cluster").stream()
                .filter(c -> secret.equals(c.name() + "-app")).findFirst();
    }

    // --- one service: its database, Kafka, Keycloak and what application.properties leaves to the environment --

    private void checkService(String service) {
        Optional<Doc> found = find("apps/v1", "Deployment", service);
        if (found.isEmpty()) {
            problems.add("no Deployment " + service + " in deploy/k8s (run deploy/k8s/sync.sh after packaging)");
            return;
        }
        Doc deployment = found.get();
        Map<String, Map<String, Object>> env = new LinkedHashMap<>();
        for (Map<String, Object> container : list(deployment.body(), "spec", "template", "spec", "containers")) {
            for (Map<String, Object> e : list(container, "env")) {
                env.put((String) e.get("name"), e);
            }
        }
        Properties properties = manifests.applicationProperties(service);

        // every production value that points at this machine must be replaced by the environment
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("%prod.") && properties.getProperty(key).contains("localhost")) {
                String variable = environmentName(key.substring("%prod.".length()));
                if (!env.containsKey(variable)) {
                    problems.add(service + ": " + key + "=" + properties.getProperty(key) + " is not replaced in Kubernetes: its Deployment sets no "
                            + variable);
                }
            }
        }

        // the database: the secret of the Cluster whose initdb database is the one the service uses
        String reactiveUrl = properties.getProperty("%prod.quarkus.datasource.reactive.url", "");
        String database = reactiveUrl.substring(reactiveUrl.lastIndexOf('/') + 1);
        String secret = (String) at(env.get("QUARKUS_DATASOURCE_REACTIVE_URL"), "valueFrom", "secretKeyRef", "name");
        Optional<Doc> cluster = secret == null ? Optional.empty() : cnpgClusterOfAppSecret(secret);
        if (cluster.isEmpty()) {
            problems.add(service + ": QUARKUS_DATASOURCE_REACTIVE_URL does not come from the -app secret of a CloudNativePG Cluster");
        } else if (!database.equals(at(cluster.get().body(), "spec", "bootstrap", "initdb", "database"))) {
            problems.add(service + ": uses database " + database + " but " + cluster.get() + " creates "
                    + at(cluster.get().body(), "spec", "bootstrap", "initdb", "database"));
        }
        for (String variable : List.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")) {
            Object from = at(env.get(variable), "valueFrom", "secretKeyRef", "name");
            if (secret != null && !secret.equals(from)) {
                problems.add(service + ": " + variable + " comes from " + from + ", QUARKUS_DATASOURCE_REACTIVE_URL from " + secret);
            }
        }

        checkBootstrap(service, resolve(env.get("KAFKA_BOOTSTRAP_SERVERS")));
        checkKeycloak(service, resolve(env.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION")), resolve(env.get("MP_JWT_VERIFY_ISSUER")));

        // topics: consumed, dead-letter, and what the relay publishes (<prefix>.<stream type>, docs/events.md)
        Set<String> topics = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (TOPIC_PROPERTY.matcher(key).matches()) { // "topics" is a comma-separated list
                for (String topic : properties.getProperty(key).split(",")) {
                    topics.add(topic.strip());
                }
            }
        }
        if (!"false".equals(properties.getProperty("eventsourcing.relay.enabled"))) {
            String prefix = properties.getProperty("eventsourcing.relay.topic-prefix") + ".";
            List<String> published = documentedTopics().stream().filter(t -> t.startsWith(prefix) && !t.endsWith(".dlt")).toList();
            if (published.isEmpty()) {
                problems.add(service + ": its relay publishes to " + prefix + "*, but docs/events.md lists no such topic");
            }
            topics.addAll(published);
        }
        for (String topic : topics) {
            if (!kafkaTopics().contains(topic)) {
                problems.add(service + " uses topic " + topic + ", which has no KafkaTopic in deploy/k8s");
            }
        }
    }

    private void checkBootstrap(String service, String bootstrap) {
        if (bootstrap == null) {
            problems.add(service + ": KAFKA_BOOTSTRAP_SERVERS is not set from deploy/k8s");
            return;
        }
        for (String address : bootstrap.split(",")) {
            String host = address.substring(0, address.lastIndexOf(':'));
            int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            boolean served = manifests.ofKind("kafka.strimzi.io/v1", "Kafka").stream()
                    .anyMatch(k -> host.equals(k.name() + "-kafka-bootstrap")
                            && list(k.body(), "spec", "kafka", "listeners").stream()
                                    .anyMatch(l -> Objects.equals(l.get("port"), port) && Boolean.FALSE.equals(l.get("tls"))));
            if (!served) {
                problems.add(service + ": bootstrap address " + address
                        + " is not <kafka>-kafka-bootstrap:<port> of a plain (tls: false) listener of a Kafka in deploy/k8s");
            }
        }
    }

    private void checkKeycloak(String service, String keys, String issuer) {
        String realm = realmName();
        if (keys == null || issuer == null) {
            problems.add(service + ": MP_JWT_VERIFY_PUBLICKEY_LOCATION and MP_JWT_VERIFY_ISSUER must come from deploy/k8s");
            return;
        }
        URI uri = URI.create(keys);
        Optional<Doc> keycloak = find("v1", "Service", uri.getHost());
        if (keycloak.isEmpty() || list(keycloak.get().body(), "spec", "ports").stream().noneMatch(p -> Objects.equals(p.get("port"), uri.getPort()))) {
            problems.add(service + ": keys at " + keys + ", but deploy/k8s has no Service " + uri.getHost() + " on port " + uri.getPort());
        }
        if (!uri.getPath().equals("/realms/" + realm + "/protocol/openid-connect/certs")) {
            problems.add(service + ": keys at " + keys + " are not the JWKS of the imported realm " + realm);
        }
        String hostname = find("apps/v1", "Deployment", "keycloak")
                .flatMap(k -> list(k.body(), "spec", "template", "spec", "containers").stream()
                        .flatMap(c -> list(c, "env").stream()).filter(e -> "KC_HOSTNAME".equals(e.get("name"))).findFirst())
                .map(this::resolve).orElse(null);
        if (!issuer.equals(hostname + "/realms/" + realm)) {
            problems.add(service + ": accepts issuer " + issuer + ", but Keycloak (KC_HOSTNAME " + hostname + ") issues "
                    + hostname + "/realms/" + realm);
        }
    }

    // --- topics -----------------------------------------------------------------------------------------

    private void checkTopics() {
        Set<String> named = new TreeSet<>(documentedTopics());
        for (String topic : documentedTopics()) {
            if (!kafkaTopics().contains(topic)) {
                problems.add("docs/events.md names topic " + topic + ", which has no KafkaTopic in deploy/k8s");
            }
        }
        for (String service : Manifests.SERVICES) {
            Properties properties = manifests.applicationProperties(service);
            properties.stringPropertyNames().stream().filter(k -> TOPIC_PROPERTY.matcher(k).matches())
                    .forEach(k -> named.add(properties.getProperty(k)));
        }
        Set<String> kafkas = new TreeSet<>();
        manifests.ofKind("kafka.strimzi.io/v1", "Kafka").forEach(k -> kafkas.add(k.name()));
        for (Doc topic : manifests.ofKind("kafka.strimzi.io/v1", "KafkaTopic")) {
            if (!named.contains(topicName(topic))) {
                problems.add(topic + ": neither docs/events.md nor any service names this topic (left over?)");
            }
        }
        for (Doc labelled : manifests.docs) {
            if ("kafka.strimzi.io/v1".equals(labelled.apiVersion()) && !"Kafka".equals(labelled.kind())
                    && !kafkas.contains((String) at(labelled.body(), "metadata", "labels", "strimzi.io/cluster"))) {
                problems.add(labelled + ": label strimzi.io/cluster does not name a Kafka in deploy/k8s " + kafkas);
            }
        }
    }

    /** The Topics table of docs/events.md and every dead-letter topic it mentions, as the file says now. */
    Set<String> documentedTopics() {
        Set<String> topics = new TreeSet<>();
        try {
            List<String> lines = Files.readAllLines(manifests.root.resolve("docs/events.md"));
            boolean inTopics = false;
            for (String line : lines) {
                if (line.startsWith("## ")) {
                    inTopics = line.equals("## Topics");
                }
                Matcher row = DOCS_TOPIC_ROW.matcher(line);
                if (inTopics && row.find()) {
                    topics.add(row.group(1));
                }
                Matcher dlt = DOCS_DLT.matcher(line);
                while (dlt.find()) {
                    topics.add(dlt.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return topics;
    }

    Set<String> kafkaTopics() {
        Set<String> names = new LinkedHashSet<>();
        manifests.ofKind("kafka.strimzi.io/v1", "KafkaTopic").forEach(t -> names.add(topicName(t)));
        return names;
    }

    private static String topicName(Doc topic) {
        Object explicit = at(topic.body(), "spec", "topicName");
        return explicit != null ? (String) explicit : topic.name();
    }

    // --- Services select pods ----------------------------------------------------------------------------

    private void checkServiceSelectors() {
        for (Doc service : manifests.ofKind("v1", "Service")) {
            Map<String, Object> selector = map(service.body(), "spec", "selector");
            boolean matches = manifests.ofKind("apps/v1", "Deployment").stream()
                    .anyMatch(d -> map(d.body(), "spec", "template", "metadata", "labels").entrySet().containsAll(selector.entrySet()));
            if (selector.isEmpty() || !matches) {
                problems.add(service + ": its selector " + selector + " matches no Deployment's pods");
            }
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------

    /** An env entry's value: literal, or from a ConfigMap in deploy/k8s; null for secrets and missing ones. */
    private String resolve(Map<String, Object> env) {
        if (env == null) {
            return null;
        }
        if (env.get("value") != null) {
            return String.valueOf(env.get("value"));
        }
        Map<String, Object> ref = map(env, "valueFrom", "configMapKeyRef");
        return ref.isEmpty() ? null : configMapValue((String) ref.get("name"), (String) ref.get("key")).orElse(null);
    }

    private Optional<String> configMapValue(String name, String key) {
        return find("v1", "ConfigMap", name).map(c -> at(c.body(), "data", key)).map(String::valueOf);
    }

    private String realmName() {
        String json = configMapValue("keycloak-realm", "ai-adoption-realm.json").orElse("");
        Matcher realm = Pattern.compile("\"realm\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        return realm.find() ? realm.group(1) : "(no keycloak-realm ConfigMap)";
    }

    private String readme() {
        try {
            return Files.readString(manifests.k8s.resolve("README.md"));
        } catch (IOException e) {
            return "";
        }
    }

    private Optional<Doc> find(String apiVersion, String kind, String name) {
        return manifests.ofKind(apiVersion, kind).stream().filter(d -> name.equals(d.name())).findFirst();
    }

    /** MicroProfile Config's environment name of a property: non-alphanumerics become _, upper case. */
    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
