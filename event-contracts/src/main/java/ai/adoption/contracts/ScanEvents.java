package ai.adoption.contracts;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static ai.adoption.contracts.Required.listOf;
import static ai.adoption.contracts.Required.present;

/**
 * The AI-scan's payloads, published by governance-service: {@code governance.scan} (key: the scan id) and
 * {@code governance.scan-target} (key: the department id). Respondents by person id only; levels 1–5 in dimension order.
 */
public final class ScanEvents {

    private ScanEvents() {
    }

    /** The four dimensions of the AI-scan. */
    public enum ScanDimension { DATA, TECHNOLOGY, CUSTOMER_FOCUS, AI_LITERACY }

    /** One dimension's level, 1 to 5. */
    public record Level(ScanDimension dimension, int level) {
        public Level {
            present(dimension, "dimension");
        }
    }

    /** {@code ai.adoption.scan.opened.v1}. */
    public record ScanOpenedV1(UUID scanId, String department, String label, LocalDate periodFrom, LocalDate periodTo) {
        public ScanOpenedV1 {
            present(scanId, "scanId");
            present(department, "department");
        }
    }

    /** {@code ai.adoption.scan.answered.v1}: a respondent's first answer, one level per dimension. */
    public record ScanAnsweredV1(UUID scanId, String department, String respondent, List<Level> levels) {
        public ScanAnsweredV1 {
            present(scanId, "scanId");
            present(respondent, "respondent");
            levels = listOf(levels, "levels");
        }
    }

    /** {@code ai.adoption.scan.answer-revised.v1}: the respondent's answer from now on, replacing the earlier one. */
    public record AnswerRevisedV1(UUID scanId, String department, String respondent, List<Level> levels) {
        public AnswerRevisedV1 {
            present(scanId, "scanId");
            present(respondent, "respondent");
            levels = listOf(levels, "levels");
        }
    }

    /** {@code ai.adoption.scan.closed.v1}; {@code answers}: the number of respondents. */
    public record ScanClosedV1(UUID scanId, String department, LocalDate closedOn, int answers) {
        public ScanClosedV1 {
            present(scanId, "scanId");
        }
    }

    /** {@code ai.adoption.scan-target.set.v1}: the department's targets from now on (a dimension left out has none). */
    public record TargetsSetV1(String department, List<Level> targets, String reason) {
        public TargetsSetV1 {
            present(department, "department");
            targets = listOf(targets, "targets");
        }
    }
}
