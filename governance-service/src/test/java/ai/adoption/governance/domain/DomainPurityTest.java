package ai.adoption.governance.domain;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The domain package imports no framework: only the JDK, the pure event-sourcing kernel and itself. */
class DomainPurityTest {

    private static final List<String> ALLOWED = List.of("java.", "ai.adoption.eventsourcing.core.", "ai.adoption.governance.domain.");

    @Test
    void domainImportsNoFramework() throws IOException {
        Path domain = Path.of("src/main/java/ai/adoption/governance/domain");
        try (Stream<Path> files = Files.walk(domain)) {
            List<String> offending = files.filter(p -> p.toString().endsWith(".java"))
                    .flatMap(DomainPurityTest::imports)
                    .filter(line -> ALLOWED.stream().noneMatch(prefix -> line.substring("import ".length()).startsWith(prefix)))
                    .toList();
            assertThat(offending).isEmpty();
        }
        Path kernel = Path.of("../event-sourcing/src/main/java/ai/adoption/eventsourcing/core");
        try (Stream<Path> files = Files.walk(kernel)) {
            assertThat(files.filter(p -> p.toString().endsWith(".java")).flatMap(DomainPurityTest::imports)
                    .filter(line -> !line.startsWith("import java.")).toList()).isEmpty();
        }
    }

    private static Stream<String> imports(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::strip)
                    .filter(line -> line.startsWith("import ")).map(line -> line.replace("import static ", "import "));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
