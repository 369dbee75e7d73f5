package ai.adoption.governance.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** A tool's latest approval, folded from its events. */
public record ApprovedTool(UUID id, String tool, String vendor, List<DataClass> allowed, LocalDate validFrom, LocalDate validUntil,
                           LocalDate revokedOn, String note) {

    public static final ApprovedTool NONE = new ApprovedTool(null, null, null, List.of(), null, null, null, null);

    public boolean exists() {
        return id != null;
    }

    /** How tool names are compared everywhere: trimmed, inner spaces collapsed, case-insensitive. */
    public static String key(String tool) {
        return tool == null ? null : tool.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** The stable stream id of a tool: approving "ChatGPT Enterprise" twice touches one approval. */
    public static UUID idFor(String tool) {
        return UUID.nameUUIDFromBytes(("approved-tool:" + key(tool)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
