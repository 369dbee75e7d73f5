package ai.adoption.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import ai.adoption.deploy.Manifests.Doc;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;

/**
 * deploy/k8s without a cluster: every file parses and is part of the kustomization, the core kinds load into
 * fabric8's model classes with no field the model does not know, the Strimzi and CloudNativePG resources
 * validate against JSON Schemas of the CRD fields they use (src/test/resources/schemas, their source versions
 * in their $comment), and the copies deploy/k8s/sync.sh makes are what they copy.
 */
class KubernetesManifestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    /** The core kinds deploy/k8s may hold, and their fabric8 model classes. */
    private static final Map<String, Class<?>> CORE = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "v1/ServiceAccount", ServiceAccount.class,
            "apps/v1/Deployment", Deployment.class,
            "rbac.authorization.k8s.io/v1/Role", Role.class,
            "rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class);

    /** The custom resources deploy/k8s may hold, and the schema of the fields it uses. */
    private static final Map<String, String> CUSTOM = Map.of(
            "kafka.strimzi.io/v1/Kafka", "strimzi-1.2.0-kafka.json",
            "kafka.strimzi.io/v1/KafkaNodePool", "strimzi-1.2.0-kafkanodepool.json",
            "kafka.strimzi.io/v1/KafkaTopic", "strimzi-1.2.0-kafkatopic.json",
            "postgresql.cnpg.io/v1/Cluster", "cnpg-1.30.0-cluster.json");

    private final Manifests manifests = Manifests.load();

    @Test
    void everyFileParsesAndIsPartOfTheKustomization() {
        Set<Path> listed = new LinkedHashSet<>(Kustomizations.resourceFiles(manifests.k8s));
        listed.addAll(Kustomizations.kustomizationFiles(manifests.k8s));
        for (Path file : manifests.yamlFiles()) {
            List<Doc> docs = Manifests.parse(file);
            assertThat(docs).as(file + " holds documents").isNotEmpty();
            assertThat(listed).as(file + " is listed by a kustomization (or it would never be applied)").contains(file);
        }
        for (Doc doc : manifests.docs) {
            assertThat(doc.apiVersion()).as(doc.file() + " #" + doc.index() + " apiVersion").isNotBlank();
            assertThat(doc.kind()).as(doc.file() + " #" + doc.index() + " kind").isNotBlank();
            assertThat(doc.name()).as(doc.file() + " #" + doc.index() + " metadata.name").isNotBlank();
            assertThat(CORE.containsKey(key(doc)) || CUSTOM.containsKey(key(doc)))
                    .as(doc + ": a kind this test neither loads nor has a schema for").isTrue();
        }
        Set<String> identities = new TreeSet<>();
        for (Doc doc : manifests.docs) {
            assertThat(identities.add(doc.apiVersion() + "/" + doc.kind() + "/" + doc.name())).as(doc + " is defined twice").isTrue();
        }
    }

    @Test
    void theKustomizationsShareOneNamespace() {
        Set<Object> namespaces = new TreeSet<>();
        for (Path kustomization : Kustomizations.kustomizationFiles(manifests.k8s)) {
            Object namespace = Manifests.parse(kustomization).get(0).body().get("namespace");
            if (namespace != null) {
                namespaces.add(namespace);
            }
        }
        assertThat(namespaces).containsExactly("ai-adoption");
        for (Doc doc : manifests.docs) {
            assertThat(Manifests.Maps.at(doc.body(), "metadata", "namespace")).as(doc + " sets no namespace of its own").isNull();
        }
    }

    @Test
    void coreKindsLoadIntoTheFabric8Model() throws Exception {
        int loaded = 0;
        for (Doc doc : manifests.docs) {
            Class<?> type = CORE.get(key(doc));
            if (type == null) {
                continue;
            }
            Object model = JSON.convertValue(doc.body(), type);
            List<String> unknown = new ArrayList<>();
            unknownFields(model, doc.kind(), unknown);
            assertThat(unknown).as(doc + ": fields the Kubernetes model does not know").isEmpty();
            if (model instanceof Deployment deployment) {
                for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                    assertThat(container.getResources().getRequests()).as(doc + " " + container.getName() + " requests").containsKeys("cpu", "memory");
                    assertThat(container.getResources().getLimits()).as(doc + " " + container.getName() + " limits").containsKey("memory");
                    for (Map<String, Quantity> quantities : List.of(container.getResources().getRequests(), container.getResources().getLimits())) {
                        quantities.values().forEach(Quantity::getNumericalAmount); // throws on a malformed quantity
                    }
                    assertThat(Quantity.getAmountInBytes(container.getResources().getRequests().get("memory")))
                            .as(doc + " memory request within the limit")
                            .isLessThanOrEqualTo(Quantity.getAmountInBytes(container.getResources().getLimits().get("memory")));
                    assertThat(container.getStartupProbe()).as(doc + " startup probe").isNotNull();
                    assertThat(container.getReadinessProbe()).as(doc + " readiness probe").isNotNull();
                    assertThat(container.getLivenessProbe()).as(doc + " liveness probe").isNotNull();
                }
            }
            loaded++;
        }
        assertThat(loaded).isGreaterThan(10);
    }

    @Test
    void customResourcesValidateAgainstTheSchemasOfTheirCrds() throws IOException {
        Map<String, Integer> validated = new TreeMap<>();
        for (Doc doc : manifests.docs) {
            String schema = CUSTOM.get(key(doc));
            if (schema == null) {
                continue;
            }
            assertThat(validate(schema, doc.body())).as(doc + " against " + schema).isEmpty();
            validated.merge(doc.kind(), 1, Integer::sum);
        }
        assertThat(validated).containsOnlyKeys("Kafka", "KafkaNodePool", "KafkaTopic", "Cluster");
        assertThat(validated.get("Kafka")).isEqualTo(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSchemasRejectWhatTheCrdsReject() throws IOException {
        Doc kafka = manifests.ofKind("kafka.strimzi.io/v1", "Kafka").get(0);
        Map<String, Object> zookeeper = (Map<String, Object>) Manifests.Maps.copy(kafka.body());
        ((Map<String, Object>) zookeeper.get("spec")).put("zookeeper", Map.of("replicas", 3)); // gone in Strimzi 1.0
        assertThat(validate("strimzi-1.2.0-kafka.json", zookeeper)).isNotEmpty();

        Map<String, Object> v1beta2 = (Map<String, Object>) Manifests.Maps.copy(kafka.body());
        v1beta2.put("apiVersion", "kafka.strimzi.io/v1beta2");
        assertThat(validate("strimzi-1.2.0-kafka.json", v1beta2)).isNotEmpty();

        Doc topic = manifests.ofKind("kafka.strimzi.io/v1", "KafkaTopic").get(0);
        Map<String, Object> noPartitions = (Map<String, Object>) Manifests.Maps.copy(topic.body());
        ((Map<String, Object>) noPartitions.get("spec")).put("partitions", 0);
        assertThat(validate("strimzi-1.2.0-kafkatopic.json", noPartitions)).isNotEmpty();
        Map<String, Object> unlabelled = (Map<String, Object>) Manifests.Maps.copy(topic.body());
        ((Map<String, Object>) unlabelled.get("metadata")).remove("labels");
        assertThat(validate("strimzi-1.2.0-kafkatopic.json", unlabelled)).isNotEmpty();

        Doc cluster = manifests.ofKind("postgresql.cnpg.io/v1", "Cluster").get(0);
        Map<String, Object> numeric = (Map<String, Object>) Manifests.Maps.copy(cluster.body());
        ((Map<String, Object>) numeric.get("spec")).put("postgresql", Map.of("parameters", Map.of("max_connections", 200)));
        assertThat(validate("cnpg-1.30.0-cluster.json", numeric)).isNotEmpty();
    }

    @Test
    void theGeneratedServiceManifestsAreCopiedUnchanged() throws IOException {
        for (String service : Manifests.SERVICES) {
            Path generated = manifests.root.resolve(service).resolve("target/kubernetes/kubernetes.yml");
            if (!Files.isRegularFile(generated)) {
                fail(generated + " is missing: package the service first (./mvnw verify does)");
            }
            assertThat(Files.readString(manifests.k8s.resolve("apps").resolve(service + ".yml")))
                    .as("deploy/k8s/apps/" + service + ".yml is " + service + "/target/kubernetes/kubernetes.yml: run deploy/k8s/sync.sh")
                    .isEqualTo(Files.readString(generated));
        }
    }

    @Test
    void theRealmConfigMapIsTheDevelopmentRealm() throws IOException {
        Doc realm = manifests.ofKind("v1", "ConfigMap").stream().filter(d -> "keycloak-realm".equals(d.name())).findFirst().orElseThrow();
        assertThat(Manifests.Maps.at(realm.body(), "data", "ai-adoption-realm.json"))
                .as("apps/keycloak-realm.yaml holds deploy/keycloak/ai-adoption-realm.json: run deploy/k8s/sync.sh")
                .isEqualTo(Files.readString(manifests.root.resolve("deploy/keycloak/ai-adoption-realm.json")));
    }

    @Test
    void kustomizeCanSetEveryServiceImage() {
        Path apps = manifests.k8s.resolve("apps/kustomization.yaml");
        Set<Object> images = new TreeSet<>();
        Manifests.Maps.list(Manifests.parse(apps).get(0).body(), "images").forEach(i -> images.add(i.get("name")));
        for (String service : Manifests.SERVICES) {
            Doc deployment = manifests.ofKind("apps/v1", "Deployment").stream().filter(d -> service.equals(d.name())).findFirst().orElseThrow();
            for (Map<String, Object> container : Manifests.Maps.list(deployment.body(), "spec", "template", "spec", "containers")) {
                String image = (String) container.get("image");
                assertThat(images).as(service + "'s image " + image + " has an images: entry in " + apps)
                        .contains(image.substring(0, image.lastIndexOf(':')));
            }
        }
    }

    private Set<ValidationMessage> validate(String schemaFile, Map<String, Object> body) throws IOException {
        try (InputStream in = KubernetesManifestsTest.class.getResourceAsStream("/schemas/" + schemaFile)) {
            assertThat(in).as(schemaFile).isNotNull();
            JsonSchema schema = SCHEMAS.getSchema(in);
            JsonNode node = JSON.valueToTree(body);
            return schema.validate(node);
        }
    }

    private static String key(Doc doc) {
        return doc.apiVersion() + "/" + doc.kind();
    }

    /**
     * fabric8's model classes keep a field they do not know in additionalProperties rather than failing: walk the
     * loaded object and report every such field, with its path.
     */
    private static void unknownFields(Object node, String path, List<String> out) throws Exception {
        if (node == null || node instanceof String || node instanceof Number || node instanceof Boolean || node instanceof Enum<?>) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", out);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                unknownFields(entry.getValue(), path + "." + entry.getKey(), out);
            }
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value = getter.invoke(node);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    out.add(path + ": " + extra.keySet());
                }
            } else {
                unknownFields(value, path + "." + getter.getName().substring(3), out);
            }
        }
    }
}
