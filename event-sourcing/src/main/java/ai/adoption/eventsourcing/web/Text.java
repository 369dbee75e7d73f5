package ai.adoption.eventsourcing.web;

/**
 * Text PostgreSQL cannot store faithfully: the NUL character (U+0000, refused by {@code text} and
 * {@code jsonb}) and unpaired UTF-16 surrogates (not Unicode; the driver would silently turn them
 * into '?'). Every other character, control characters included, is stored as given.
 */
public final class Text {

    private Text() {
    }

    /** What is wrong with the value, or null when it can be stored as it is. */
    public static String unstorable(CharSequence value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                return "must not contain the NUL character (U+0000)";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must not contain an unpaired surrogate (invalid Unicode)";
            }
            if (Character.isLowSurrogate(c)) {
                return "must not contain an unpaired surrogate (invalid Unicode)";
            }
        }
        return null;
    }
}
