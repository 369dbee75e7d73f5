package ai.adoption.experiments.domain.prompt;

import ai.adoption.eventsourcing.core.RuleViolation;
import ai.adoption.experiments.domain.DataClassification;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What one version of a prompt entry says: the use case and business function, the prompt text with its
 * declared variables, an example of the output, the tools it is for and the highest data class it may be
 * used with. {@link #validated()} is the one place its rules live.
 */
public record PromptContent(String useCase, String businessFunction, String text, List<String> variables, String exampleOutput,
                            List<String> tools, DataClassification maxDataClass) {

    public static final int MAX_TOOLS = 10;

    public PromptContent {
        variables = variables == null ? List.of() : List.copyOf(variables);
        tools = tools == null ? List.of() : List.copyOf(tools);
    }

    public PromptContent validated() {
        String cleanText = text("text", text, 8000);
        List<String> cleanVariables = PromptTemplate.check(cleanText, variables);
        if (tools.isEmpty() || tools.size() > MAX_TOOLS) {
            throw new RuleViolation("tools", "tools needs 1 to " + MAX_TOOLS + " entries");
        }
        List<String> cleanTools = new ArrayList<>(tools.size());
        Set<String> keys = new LinkedHashSet<>();
        for (int i = 0; i < tools.size(); i++) {
            String tool = text("tools[" + i + "]", tools.get(i), 200);
            if (!keys.add(toolKey(tool))) {
                throw new RuleViolation("tools[" + i + "]", "tools[" + i + "] names " + tool + " twice");
            }
            cleanTools.add(tool);
        }
        if (maxDataClass == null) {
            throw new RuleViolation("maxDataClass", "maxDataClass is required");
        }
        return new PromptContent(text("useCase", useCase, 500), text("businessFunction", businessFunction, 200), cleanText,
                cleanVariables, text("exampleOutput", exampleOutput, 8000), cleanTools, maxDataClass);
    }

    /** How tool names are compared, as governance keys them: stripped, whitespace runs one space, lower case. */
    public static String toolKey(String tool) {
        return tool.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new RuleViolation(field, field + " must not be blank");
        }
        if (value.length() > max) {
            throw new RuleViolation(field, field + " must be at most " + max + " characters");
        }
        return value.strip();
    }
}
