package ai.adoption.governance.domain;

import java.util.List;

/** What happened to a department's AI-scan targets. */
public sealed interface ScanTargetEvent {

    String department();

    record TargetsSet(String department, List<ScanLevel> targets, String reason) implements ScanTargetEvent {
    }
}
