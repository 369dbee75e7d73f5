package ai.adoption.experiments.domain;

import java.time.LocalDate;
import java.util.UUID;

/** An experiment's state, folded from its events. {@code status == null} means it never started. */
public record Experiment(UUID id, UUID ideaId, ExperimentStatus status, String department, String title, String lead,
                         String tool, LocalDate plannedEndDate) {

    public static final Experiment NONE = new Experiment(null, null, null, null, null, null, null, null);

    public boolean exists() {
        return status != null;
    }

    /** Running past its planned end without a conclusion. */
    public boolean isOverdue(LocalDate today) {
        return status == ExperimentStatus.RUNNING && plannedEndDate != null && today.isAfter(plannedEndDate);
    }

    Experiment with(ExperimentStatus newStatus) {
        return new Experiment(id, ideaId, newStatus, department, title, lead, tool, plannedEndDate);
    }
}
