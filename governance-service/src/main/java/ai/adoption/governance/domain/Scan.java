package ai.adoption.governance.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An AI-scan as its decider needs it: its department, whether it is open, each respondent's current levels. */
public record Scan(UUID id, String department, LocalDate periodTo, boolean closed, Map<String, List<ScanLevel>> answers) {

    public static final Scan NONE = new Scan(null, null, null, false, Map.of());

    public boolean exists() {
        return id != null;
    }
}
