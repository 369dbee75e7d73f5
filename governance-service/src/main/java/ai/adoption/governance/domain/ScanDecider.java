package ai.adoption.governance.domain;

import ai.adoption.eventsourcing.core.AccessDenied;
import ai.adoption.eventsourcing.core.Decider;
import ai.adoption.eventsourcing.core.IllegalTransition;
import ai.adoption.eventsourcing.core.RuleViolation;
import ai.adoption.governance.domain.ScanCommand.Answer;
import ai.adoption.governance.domain.ScanCommand.CloseScan;
import ai.adoption.governance.domain.ScanCommand.OpenScan;
import ai.adoption.governance.domain.ScanEvent.AnswerRevised;
import ai.adoption.governance.domain.ScanEvent.ScanAnswered;
import ai.adoption.governance.domain.ScanEvent.ScanClosed;
import ai.adoption.governance.domain.ScanEvent.ScanOpened;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * AI-scans: OPEN from the start, CLOSED once (final). Opening and closing are for the department's approver or an admin;
 * answering is for the department's members, each their own answer, while it is open.
 */
public final class ScanDecider implements Decider<ScanCommand, ScanEvent, Scan> {

    @Override
    public Scan initialState() {
        return Scan.NONE;
    }

    @Override
    public List<ScanEvent> decide(ScanCommand command, Scan state) {
        if (command instanceof OpenScan open) {
            Access.requireScanManager(open.actor(), open.department(), "open an AI-scan");
            if (state.exists()) {
                throw new IllegalTransition("scan", state.closed() ? "CLOSED" : "OPEN", "open");
            }
            Text.present("periodFrom", open.periodFrom());
            Text.present("periodTo", open.periodTo());
            if (open.periodTo().isBefore(open.periodFrom())) {
                throw new RuleViolation("periodTo", "periodTo cannot be before periodFrom");
            }
            if (open.periodFrom().plusYears(1).isBefore(open.periodTo())) {
                throw new RuleViolation("periodTo", "a scan's period is at most a year");
            }
            return List.of(new ScanOpened(open.scanId(), Text.required("department", open.department()),
                    label(open), open.periodFrom(), open.periodTo()));
        }
        if (command instanceof Answer answer) {
            if (!answer.actor().belongsTo(state.department())) {
                throw new AccessDenied("Only members of the " + state.department() + " department answer its AI-scan");
            }
            requireOpen(state, "answer");
            List<ScanLevel> levels = ScanLevel.complete("answers", answer.levels());
            String respondent = answer.actor().subject();
            List<ScanLevel> before = state.answers().get(respondent);
            if (levels.equals(before)) {
                return List.of();
            }
            return List.of(before == null ? new ScanAnswered(state.id(), state.department(), respondent, levels)
                    : new AnswerRevised(state.id(), state.department(), respondent, levels));
        }
        CloseScan close = (CloseScan) command;
        Access.requireScanManager(close.actor(), state.department(), "close an AI-scan");
        requireOpen(state, "close");
        Text.present("closedOn", close.closedOn());
        return List.of(new ScanClosed(state.id(), state.department(), close.closedOn(), state.answers().size()));
    }

    private static String label(OpenScan open) {
        String label = Text.optional(open.label());
        return label != null ? label : open.periodFrom() + ".." + open.periodTo();
    }

    private static void requireOpen(Scan state, String attempted) {
        if (state.closed()) {
            throw new IllegalTransition("scan", "CLOSED", attempted);
        }
    }

    @Override
    public Scan evolve(Scan state, ScanEvent event) {
        if (event instanceof ScanOpened e) {
            return new Scan(e.scanId(), e.department(), e.periodTo(), false, Map.of());
        }
        if (event instanceof ScanAnswered e) {
            return answered(state, e.respondent(), e.levels());
        }
        if (event instanceof AnswerRevised e) {
            return answered(state, e.respondent(), e.levels());
        }
        return new Scan(state.id(), state.department(), state.periodTo(), true, state.answers());
    }

    private static Scan answered(Scan state, String respondent, List<ScanLevel> levels) {
        Map<String, List<ScanLevel>> answers = new HashMap<>(state.answers());
        answers.put(respondent, levels);
        return new Scan(state.id(), state.department(), state.periodTo(), state.closed(), Map.copyOf(answers));
    }
}
