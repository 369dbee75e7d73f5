package ai.adoption.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What keeps a service's domain package free of frameworks: the imports of its sources (and of the
 * shared event-sourcing kernel) that do not start with an allowed prefix. Each service's
 * {@code DomainPurityTest} asserts this is empty.
 */
public final class DomainPurity {

    private static final Path KERNEL = Path.of("../event-sourcing/src/main/java/ai/adoption/eventsourcing/core");

    private DomainPurity() {
    }

    /** Offending imports of {@code domain} (allowed: the JDK, the kernel, {@code ownPackage}) and of the kernel (the JDK only). */
    public static List<String> offendingImports(Path domain, String ownPackage) {
        List<String> allowed = List.of("java.", "ai.adoption.eventsourcing.core.", ownPackage + ".");
        Stream<String> own = imports(domain).filter(i -> allowed.stream().noneMatch(i::startsWith));
        Stream<String> kernel = imports(KERNEL).filter(i -> !i.startsWith("java."));
        return Stream.concat(own, kernel).toList();
    }

    private static Stream<String> imports(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList().stream().flatMap(DomainPurity::importsOf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<String> importsOf(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::strip).filter(line -> line.startsWith("import "))
                    .map(line -> line.replace("import static ", "").replace("import ", "").replace(";", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
