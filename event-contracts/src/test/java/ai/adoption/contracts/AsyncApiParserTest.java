package ai.adoption.contracts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/asyncapi.yaml is valid for every AsyncAPI tool: the reference parser ({@code @asyncapi/parser},
 * pinned in docs/asyncapi/package.json) reports no error on it, and does on a broken copy, so the
 * check can fail. docs/asyncapi/validate.sh installs node and npm when they are missing (as root,
 * with apt-get) or fails saying how.
 */
class AsyncApiParserTest {

    private static final Path SCRIPT = Path.of("..", "docs", "asyncapi", "validate.sh");

    @Test
    void theReferenceParserReportsNoErrorOnTheDocument() throws Exception {
        Result result = validate(AsyncApiDocument.FILE);
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("valid AsyncAPI 3.0.0");
    }

    @Test
    void theReferenceParserFailsABrokenCopy(@TempDir Path dir) throws Exception {
        String document = Files.readString(AsyncApiDocument.FILE);
        String reference = "$ref: \"#/components/messages/ai.adoption.idea.submitted.v1\"";
        assertThat(document).contains(reference);
        Path broken = dir.resolve("broken-asyncapi.yaml");
        Files.writeString(broken, document.replace(reference, "$ref: \"#/components/messages/ai.adoption.idea.nonexistent.v1\""),
                StandardCharsets.UTF_8);
        Result result = validate(broken);
        assertThat(result.exit()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("INVALID");
    }

    private record Result(int exit, String output) {
    }

    private static Result validate(Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", SCRIPT.toString(), file.toAbsolutePath().toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("validate.sh did not end:\n" + output);
        }
        System.out.println(output);
        return new Result(process.exitValue(), output);
    }
}
