package ai.adoption.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.adoption.deploy.Manifests.Doc;

/**
 * Every secret, config map, service, bootstrap address and topic that a service's configuration names
 * (application.properties and its generated Deployment's env) exists in deploy/k8s, and every topic of
 * docs/events.md has a KafkaTopic. The last two tests take one thing away and check that the check names it.
 */
class KubernetesCrossReferenceTest {

    private final Manifests manifests = Manifests.load();

    @Test
    void everythingTheServicesNameExistsInTheManifests() {
        assertThat(new CrossReferences(manifests).problems()).isEmpty();
    }

    @Test
    void everyTopicOfTheCatalogueHasAKafkaTopic() {
        CrossReferences references = new CrossReferences(manifests);
        assertThat(references.documentedTopics())
                .as("docs/events.md, read as the test runs")
                .contains("experiments.idea", "governance.finding", "revisit.tool-events.dlt");
        assertThat(references.kafkaTopics()).containsAll(references.documentedTopics());
    }

    @Test
    void aMissingTopicIsNamed() {
        List<Doc> without = new ArrayList<>(manifests.docs);
        assertThat(without.removeIf(d -> "KafkaTopic".equals(d.kind()) && "governance.finding".equals(d.name()))).isTrue();

        assertThat(new CrossReferences(manifests.with(without)).problems())
                .contains("docs/events.md names topic governance.finding, which has no KafkaTopic in deploy/k8s",
                        "experiments-service uses topic governance.finding, which has no KafkaTopic in deploy/k8s",
                        "governance-service uses topic governance.finding, which has no KafkaTopic in deploy/k8s");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMissingDatabaseSecretIsNamed() {
        List<Doc> renamed = manifests.docs.stream().map(d -> {
            if (!"Cluster".equals(d.kind()) || !"revisit-db".equals(d.name())) {
                return d;
            }
            Map<String, Object> body = (Map<String, Object>) Manifests.Maps.copy(d.body());
            ((Map<String, Object>) body.get("metadata")).put("name", "revisit-postgres");
            return new Doc(d.file(), d.index(), body);
        }).toList();

        assertThat(new CrossReferences(manifests.with(renamed)).problems())
                .anyMatch(p -> p.startsWith("Deployment revisit-service") && p.contains("env QUARKUS_DATASOURCE_PASSWORD reads secret revisit-db-app"))
                .contains("revisit-service: QUARKUS_DATASOURCE_REACTIVE_URL does not come from the -app secret of a CloudNativePG Cluster");
    }

    @Test
    void environmentNamesAreMicroProfileConfigs() {
        assertThat(CrossReferences.environmentName("quarkus.datasource.reactive.url")).isEqualTo("QUARKUS_DATASOURCE_REACTIVE_URL");
        assertThat(CrossReferences.environmentName("kafka.bootstrap.servers")).isEqualTo("KAFKA_BOOTSTRAP_SERVERS");
    }
}
