package ai.adoption.experiments.domain.prompt;

import ai.adoption.eventsourcing.core.RuleViolation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt's named variables: {@code {{name}}}, a letter then letters, digits or underscores, at most
 * 40 characters, no spaces inside the braces. Every variable used must be declared and every declared
 * one used; any other {@code {{} is a mistake the author should see, not text to send to a model.
 */
public final class PromptTemplate {

    public static final int MAX_VARIABLES = 20;
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^{}]*)}}");

    private PromptTemplate() {
    }

    /** The variables the text uses, in order of first use. */
    public static Set<String> used(String text) {
        Set<String> used = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        int end = 0;
        while (matcher.find()) {
            if (text.substring(end, matcher.start()).contains("{{")) {
                throw new RuleViolation("text", "text has an unclosed or nested {{ before position " + matcher.start());
            }
            String name = matcher.group(1);
            if (!NAME.matcher(name).matches()) {
                throw new RuleViolation("text", "text has {{" + name + "}}: a variable is {{name}}, a letter then letters, digits"
                        + " or _, at most 40 characters");
            }
            used.add(name);
            end = matcher.end();
        }
        if (text.substring(end).contains("{{")) {
            throw new RuleViolation("text", "text has an unclosed {{ after position " + end);
        }
        return used;
    }

    /** Checks the declared variables against the text's: the same names, each declared once. */
    public static List<String> check(String text, List<String> declared) {
        if (declared.size() > MAX_VARIABLES) {
            throw new RuleViolation("variables", "at most " + MAX_VARIABLES + " variables");
        }
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < declared.size(); i++) {
            String name = declared.get(i);
            if (name == null || !NAME.matcher(name).matches()) {
                throw new RuleViolation("variables[" + i + "]", "variables[" + i + "] must be a letter then letters, digits or _,"
                        + " at most 40 characters");
            }
            if (!names.add(name)) {
                throw new RuleViolation("variables[" + i + "]", "variables[" + i + "] declares " + name + " twice");
            }
        }
        Set<String> used = used(text);
        for (String name : used) {
            if (!names.contains(name)) {
                throw new RuleViolation("variables", "text uses {{" + name + "}}, which variables does not declare");
            }
        }
        for (String name : names) {
            if (!used.contains(name)) {
                throw new RuleViolation("variables", "variables declares " + name + ", which text never uses");
            }
        }
        return List.copyOf(names);
    }
}
