package ai.adoption.dashboard.domain;

import ai.adoption.testinfra.DomainPurity;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The domain package imports no framework: only the JDK, the pure event-sourcing kernel and itself. */
class DomainPurityTest {

    @Test
    void domainImportsNoFramework() {
        assertThat(DomainPurity.offendingImports(Path.of("src/main/java/ai/adoption/dashboard/domain"), "ai.adoption.dashboard.domain"))
                .isEmpty();
    }
}
