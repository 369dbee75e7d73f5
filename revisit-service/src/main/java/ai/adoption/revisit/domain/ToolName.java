package ai.adoption.revisit.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tool names as people type them: {@code ChatGPT  Enterprise}, {@code chatgpt enterprise} and
 * {@code " ChatGPT\tEnterprise "} are one tool. The key is the name stripped, every run of whitespace
 * (inside too) made one space, and lower-cased; governance keys its approved tools the same way.
 */
public final class ToolName {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private ToolName() {
    }

    /** The matching key of a tool name, or null for none (null or blank). */
    public static String key(String tool) {
        if (tool == null || tool.isBlank()) {
            return null;
        }
        return WHITESPACE.matcher(tool.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    public static boolean same(String a, String b) {
        String key = key(a);
        return key != null && key.equals(key(b));
    }
}
