package ai.adoption.governance.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What happened to an AI-scan. Respondents by person id only; levels in dimension order. */
public sealed interface ScanEvent {

    UUID scanId();

    record ScanOpened(UUID scanId, String department, String label, LocalDate periodFrom, LocalDate periodTo) implements ScanEvent {
    }

    record ScanAnswered(UUID scanId, String department, String respondent, List<ScanLevel> levels) implements ScanEvent {
    }

    record AnswerRevised(UUID scanId, String department, String respondent, List<ScanLevel> levels) implements ScanEvent {
    }

    record ScanClosed(UUID scanId, String department, LocalDate closedOn, int answers) implements ScanEvent {
    }
}
