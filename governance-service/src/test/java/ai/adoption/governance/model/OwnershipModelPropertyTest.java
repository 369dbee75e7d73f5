package ai.adoption.governance.model;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.EngineFilter.includeEngines;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * Runs {@link OwnershipModelProperties} on the jqwik engine while this {@code @QuarkusTest}'s
 * application (real PostgreSQL and Kafka from TestInfrastructure) is up: jqwik is a JUnit Platform
 * engine of its own, without Quarkus's test lifecycle, so the property is launched from here and
 * talks to the application over HTTP. A failure reports jqwik's shrunk history.
 */
@QuarkusTest
class OwnershipModelPropertyTest {

    @Test
    void theRegisterAgreesWithTheModelOverRandomHistories() {
        LauncherDiscoveryRequest discovery = request().selectors(selectClass(OwnershipModelProperties.class))
                .filters(includeEngines("jqwik")).build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(discovery, listener);
        TestExecutionSummary summary = listener.getSummary();
        StringWriter failures = new StringWriter();
        summary.printFailuresTo(new PrintWriter(failures), 40);
        assertThat(summary.getTotalFailureCount()).as(failures.toString()).isZero();
        assertThat(summary.getTestsSucceededCount()).as("the property ran").isEqualTo(1);
    }
}
