package ai.adoption.governance.domain;

import ai.adoption.eventsourcing.core.AccessDenied;
import ai.adoption.eventsourcing.core.Actor;
import ai.adoption.eventsourcing.core.IllegalTransition;
import ai.adoption.eventsourcing.core.RuleViolation;
import ai.adoption.eventsourcing.core.Scenario;
import ai.adoption.governance.domain.SystemEvent.LifecycleChanged;
import ai.adoption.governance.domain.SystemEvent.OwnershipCorrected;
import ai.adoption.governance.domain.SystemEvent.OwnershipTransferred;
import ai.adoption.governance.domain.SystemEvent.SystemClassified;
import ai.adoption.governance.domain.SystemEvent.SystemRegistered;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Given/when/then for the register's rules. */
class SystemDeciderTest {

    private static final UUID SYSTEM = UUID.randomUUID();
    private static final UUID EXPERIMENT = UUID.randomUUID();
    private static final LocalDate JAN = LocalDate.parse("2026-01-01");
    private static final Actor COMPLIANCE = new Actor("cora", Set.of(Access.COMPLIANCE_OFFICER), null);
    private static final Actor FINANCE_APPROVER = new Actor("fiona", Set.of(Access.APPROVER), "finance");
    private static final Actor HR_APPROVER = new Actor("hanna", Set.of(Access.APPROVER), "hr");
    private static final Article5Screening CLEAN = new Article5Screening(false, false, false, false, false, false, false, false);
    private static final Article5Screening EMOTION_AT_WORK = new Article5Screening(false, false, false, false, false, true, false, false);

    private static final SystemRegistered REGISTERED = new SystemRegistered(SYSTEM, "Contract summariser", "ChatGPT Enterprise", null,
            null, "Procurement", DataClass.CONFIDENTIAL, SystemOrigin.EXPERIMENT, EXPERIMENT, UUID.randomUUID(), "lena", Lifecycle.PILOT,
            "finance", "dora", SYSTEM, JAN);

    private final Scenario<SystemCommand, SystemEvent, AiSystem> scenario = Scenario.of(new SystemDecider());

    @Test
    void experimentStartedRegistersAPilotOnceAndADuplicateAddsNothing() {
        SystemCommand.RegisterPilot pilot = new SystemCommand.RegisterPilot(SYSTEM, EXPERIMENT, REGISTERED.ideaId(), "finance",
                "Contract summariser", "ChatGPT Enterprise", "Procurement", DataClass.CONFIDENTIAL, "lena", "dora", JAN);
        scenario.given().when(pilot).then(REGISTERED);
        scenario.given(REGISTERED).when(pilot).then();
    }

    @Test
    void aTransferWithinTheDepartmentIsItsApproversAndBetweenDepartmentsACompliancesOfficers() {
        UUID transfer = UUID.randomUUID();
        scenario.given(REGISTERED)
                .when(new SystemCommand.TransferOwnership(FINANCE_APPROVER, transfer, "finance", "fred", null, "Dora moved on",
                        LocalDate.parse("2026-05-01")))
                .then(new OwnershipTransferred(SYSTEM, transfer, "finance", "dora", "finance", "fred", "fiona", "Dora moved on",
                        LocalDate.parse("2026-05-01")));
        scenario.given(REGISTERED)
                .when(new SystemCommand.TransferOwnership(FINANCE_APPROVER, transfer, "hr", "hanna", null, "HR runs it now",
                        LocalDate.parse("2026-05-01")))
                .thenFails(AccessDenied.class);
        scenario.given(REGISTERED)
                .when(new SystemCommand.TransferOwnership(HR_APPROVER, transfer, "hr", "hanna", null, "HR runs it now",
                        LocalDate.parse("2026-05-01")))
                .thenFails(AccessDenied.class);
        scenario.given(REGISTERED)
                .when(new SystemCommand.TransferOwnership(COMPLIANCE, transfer, "hr", "hanna", "the board", "HR runs it now",
                        LocalDate.parse("2026-05-01")))
                .then(new OwnershipTransferred(SYSTEM, transfer, "finance", "dora", "hr", "hanna", "the board", "HR runs it now",
                        LocalDate.parse("2026-05-01")));
    }

    @Test
    void anEarlierDatedTransferBehindOneAlreadyRecordedForALaterDateIsRefusedRatherThanSilentlyUndone() {
        UUID may = UUID.randomUUID();
        UUID march = UUID.randomUUID();
        OwnershipTransferred toFred = new OwnershipTransferred(SYSTEM, may, "finance", "dora", "finance", "fred", "fiona", "r",
                LocalDate.parse("2026-05-01"));
        // recording gina from March would let the May transfer (made from dora) take the system from her unseen
        scenario.given(REGISTERED, toFred)
                .when(new SystemCommand.TransferOwnership(COMPLIANCE, march, "finance", "gina", null, "late record",
                        LocalDate.parse("2026-03-01")))
                .thenFails(RuleViolation.class);
        // after the later transfer is cancelled, the earlier-dated one is recorded from whoever holds the system then
        scenario.given(REGISTERED, toFred, new OwnershipCorrected(SYSTEM, may, "finance", "fred", LocalDate.parse("2026-05-01"), true,
                        "cora", "planned too early"))
                .when(new SystemCommand.TransferOwnership(COMPLIANCE, march, "finance", "gina", null, "late record",
                        LocalDate.parse("2026-03-01")))
                .then(new OwnershipTransferred(SYSTEM, march, "finance", "dora", "finance", "gina", "cora", "late record",
                        LocalDate.parse("2026-03-01")));
    }

    @Test
    void nothingTakesEffectBeforeTheRegistration() {
        scenario.given(REGISTERED)
                .when(new SystemCommand.TransferOwnership(COMPLIANCE, UUID.randomUUID(), "finance", "fred", null, "r",
                        LocalDate.parse("2025-12-31")))
                .thenFails(RuleViolation.class);
    }

    @Test
    void aCorrectionReplacesATransferOrCancelsItButNeverTheRegistration() {
        UUID may = UUID.randomUUID();
        OwnershipTransferred toFred = new OwnershipTransferred(SYSTEM, may, "finance", "dora", "finance", "fred", "fiona", "r",
                LocalDate.parse("2026-05-01"));
        scenario.given(REGISTERED, toFred)
                .when(new SystemCommand.CorrectOwnership(COMPLIANCE, may, null, null, LocalDate.parse("2026-06-15"), false, null,
                        "it happened in June"))
                .then(new OwnershipCorrected(SYSTEM, may, "finance", "fred", LocalDate.parse("2026-06-15"), false, "cora",
                        "it happened in June"));
        scenario.given(REGISTERED, toFred)
                .when(new SystemCommand.CorrectOwnership(COMPLIANCE, may, null, null, null, true, null, "never happened"))
                .then(new OwnershipCorrected(SYSTEM, may, "finance", "fred", LocalDate.parse("2026-05-01"), true, "cora",
                        "never happened"));
        scenario.given(REGISTERED)
                .when(new SystemCommand.CorrectOwnership(COMPLIANCE, SYSTEM, null, null, null, true, null, "no"))
                .thenFails(RuleViolation.class);
    }

    @Test
    void anyYesInTheArticle5ScreeningMakesTheSystemProhibitedAndItCanNeverGoToProduction() {
        SystemClassified prohibited = new SystemClassified(SYSTEM, AiActRole.DEPLOYER, RiskTier.PROHIBITED, null, EMOTION_AT_WORK,
                Set.of(), true, null, JAN);
        scenario.given(REGISTERED)
                .when(new SystemCommand.Classify(COMPLIANCE, AiActRole.DEPLOYER, RiskTier.MINIMAL, null, EMOTION_AT_WORK, Set.of(), null, JAN))
                .then(prohibited);
        scenario.given(REGISTERED, prohibited)
                .when(new SystemCommand.ChangeLifecycle(FINANCE_APPROVER, Lifecycle.PRODUCTION, "go live", JAN))
                .thenFails(RuleViolation.class);
        scenario.given(REGISTERED, prohibited)
                .when(new SystemCommand.ApplyExperimentOutcome(Lifecycle.SCALING, "experiment concluded: SCALE", JAN))
                .then();
    }

    @Test
    void aHighRiskSystemNamesItsAnnexIIIAreaAndEveryScreeningAnswerIsRequired() {
        scenario.given(REGISTERED)
                .when(new SystemCommand.Classify(COMPLIANCE, AiActRole.DEPLOYER, RiskTier.HIGH, null, CLEAN, Set.of(), null, JAN))
                .thenFails(RuleViolation.class);
        scenario.given(REGISTERED)
                .when(new SystemCommand.Classify(COMPLIANCE, AiActRole.DEPLOYER, RiskTier.MINIMAL, null,
                        new Article5Screening(false, false, null, false, false, false, false, false), Set.of(), null, JAN))
                .thenFails(RuleViolation.class);
        scenario.given(REGISTERED)
                .when(new SystemCommand.Classify(FINANCE_APPROVER, AiActRole.DEPLOYER, RiskTier.MINIMAL, null, CLEAN, Set.of(), null, JAN))
                .thenFails(AccessDenied.class);
    }

    @Test
    void logsAreKeptAtLeastSixMonths() {
        scenario.given(REGISTERED)
                .when(new SystemCommand.RecordObligations(COMPLIANCE, List.of("olga"), JAN, 5, FriaStatus.IN_PROGRESS, null, true, null, JAN))
                .thenFails(RuleViolation.class);
    }

    @Test
    void scaleMovesThePilotTowardProductionStopRetiresItAndRetiredIsFinal() {
        LifecycleChanged scaling = new LifecycleChanged(SYSTEM, Lifecycle.PILOT, Lifecycle.SCALING, "experiment concluded: SCALE", JAN);
        scenario.given(REGISTERED).when(new SystemCommand.ApplyExperimentOutcome(Lifecycle.SCALING, "experiment concluded: SCALE", JAN))
                .then(scaling);
        LifecycleChanged retired = new LifecycleChanged(SYSTEM, Lifecycle.PILOT, Lifecycle.RETIRED, "experiment abandoned", JAN);
        scenario.given(REGISTERED).when(new SystemCommand.ApplyExperimentOutcome(Lifecycle.RETIRED, "experiment abandoned", JAN))
                .then(retired);
        scenario.given(REGISTERED, retired).when(new SystemCommand.ChangeLifecycle(COMPLIANCE, Lifecycle.PRODUCTION, "back", JAN))
                .thenFails(IllegalTransition.class);
    }
}
