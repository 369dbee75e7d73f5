package ai.adoption.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static ai.adoption.contracts.ContractJson.STRICT;
import static ai.adoption.contracts.ContractJson.sameJson;
import static ai.adoption.contracts.ContractJson.withoutNulls;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/events.md and the catalogue describe the same contract: every event type documented under a
 * {@code ### `ai.adoption....`} heading is in the catalogue and the other way round, and the JSON
 * example under each heading reads strictly into its record (no field the record lacks, exact enum
 * names, ISO dates) and writes back to the same JSON.
 */
class EventsDocumentationTest {

    private static final Path EVENTS_MD = Path.of("..", "docs", "events.md");
    private static final Pattern HEADING = Pattern.compile("^### `(ai\\.adoption\\.[^`]+)`\\s*$");

    @Test
    void everyDocumentedTypeIsInTheCatalogueAndEveryCatalogueTypeIsDocumented() throws IOException {
        Map<String, String> documented = examples();
        assertThat(documented.keySet())
                .containsExactlyInAnyOrderElementsOf(EventCatalogue.ALL.stream().map(EventContract::type).toList());
    }

    @Test
    void everyDocumentedExampleReadsStrictlyIntoItsRecordAndRoundTrips() throws IOException {
        for (Map.Entry<String, String> example : examples().entrySet()) {
            EventContract<?> contract = EventCatalogue.byType(example.getKey()).orElseThrow();
            assertThat(example.getValue()).as("the JSON example under " + example.getKey()).isNotBlank();
            Record payload = STRICT.readValue(example.getValue(), contract.payload());
            String text = STRICT.writeValueAsString(payload);
            JsonNode written = STRICT.readTree(text);
            JsonNode documented = withoutNulls(STRICT.readTree(example.getValue()));
            assertThat(sameJson(written, documented)).as(example.getKey() + " written back: " + written + " documented: "
                    + documented).isTrue();
            assertThat(STRICT.readValue(text, contract.payload())).as(example.getKey() + " read again").isEqualTo(payload);
        }
    }

    /** Each documented type with the first JSON block under its heading ("" when there is none). */
    static Map<String, String> examples() throws IOException {
        List<String> lines = Files.readAllLines(EVENTS_MD);
        Map<String, String> examples = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher heading = HEADING.matcher(lines.get(i));
            if (!heading.matches()) {
                continue;
            }
            assertThat(examples).as("documented twice: " + heading.group(1)).doesNotContainKey(heading.group(1));
            StringBuilder json = new StringBuilder();
            int j = i + 1;
            while (j < lines.size() && !lines.get(j).startsWith("#") && !lines.get(j).equals("```json")) {
                j++;
            }
            if (j < lines.size() && lines.get(j).equals("```json")) {
                for (j++; j < lines.size() && !lines.get(j).equals("```"); j++) {
                    json.append(lines.get(j)).append('\n');
                }
            }
            examples.put(heading.group(1), json.toString());
        }
        return examples;
    }
}
