package ai.adoption.governance.domain;

import ai.adoption.eventsourcing.core.AccessDenied;
import ai.adoption.eventsourcing.core.Actor;
import ai.adoption.eventsourcing.core.IllegalTransition;
import ai.adoption.eventsourcing.core.RuleViolation;
import ai.adoption.eventsourcing.core.Scenario;
import ai.adoption.governance.domain.DepartmentEvent.DepartmentChanged;
import ai.adoption.governance.domain.DepartmentEvent.DepartmentEstablished;
import ai.adoption.governance.domain.PersonEvent.PersonNamed;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Issue 13 §3 and §4, given/when/then: authority is checked for every department whose
 * accountability a command rewrites, over the whole period; lifecycle rules hold on the effective
 * timeline; a person's lifecycle decision outranks an experiment's outcome.
 */
class AuthorityAndTimelineDeciderTest {

    private static final UUID SYSTEM = UUID.randomUUID();
    private static final LocalDate JAN = LocalDate.parse("2026-01-01");
    private static final LocalDate MAR = LocalDate.parse("2026-03-01");
    private static final LocalDate MAY = LocalDate.parse("2026-05-01");
    private static final LocalDate JUL = LocalDate.parse("2026-07-01");
    private static final Actor COMPLIANCE = new Actor("cora", Set.of(Access.COMPLIANCE_OFFICER), null);
    private static final Actor FINANCE_APPROVER = new Actor("fiona", Set.of(Access.APPROVER), "finance");
    private static final Actor HR_APPROVER = new Actor("hanna", Set.of(Access.APPROVER), "hr");
    private static final Article5Screening EMOTION_AT_WORK = new Article5Screening(false, false, false, false, false, true, false, false);

    private static final SystemRegistered REGISTERED = new SystemRegistered(SYSTEM, "Contract summariser", "ChatGPT Enterprise", null,
            null, "Procurement", DataClass.CONFIDENTIAL, SystemOrigin.MANUAL, null, null, null, Lifecycle.PILOT,
            "finance", "dora", SYSTEM, JAN);
    private static final UUID TO_HR = UUID.randomUUID();
    /** A compliance officer moved the system from finance to HR in May. */
    private static final OwnershipTransferred FINANCE_TO_HR = new OwnershipTransferred(SYSTEM, TO_HR, "finance", "dora", "hr", "hugo",
            "cora", "HR runs it now", MAY);

    private final Scenario<SystemCommand, SystemEvent, AiSystem> scenario = Scenario.of(new SystemDecider());

    @Test
    void theReceivingDepartmentsApproverCannotCancelOrRedateACrossDepartmentTransfer() {
        scenario.given(REGISTERED, FINANCE_TO_HR)
                .when(new SystemCommand.CorrectOwnership(HR_APPROVER, TO_HR, null, null, null, true, null, "never happened"))
                .thenFails(AccessDenied.class);
        scenario.given(REGISTERED, FINANCE_TO_HR)
                .when(new SystemCommand.CorrectOwnership(HR_APPROVER, TO_HR, null, null, MAR, false, null, "it was March"))
                .thenFails(AccessDenied.class);
        scenario.given(REGISTERED, FINANCE_TO_HR)
                .when(new SystemCommand.CorrectOwnership(FINANCE_APPROVER, TO_HR, null, null, JUL, false, null, "it was July"))
                .thenFails(AccessDenied.class);
        scenario.given(REGISTERED, FINANCE_TO_HR)
                .when(new SystemCommand.CorrectOwnership(COMPLIANCE, TO_HR, null, null, MAR, false, null, "it was March"))
                .then(new OwnershipCorrected(SYSTEM, TO_HR, "hr", "hugo", MAR, false, "cora", "it was March"));
    }

    @Test
    void theReceivingApproverMayStillFixTheOwnerWithinTheirOwnPeriod() {
        scenario.given(REGISTERED, FINANCE_TO_HR)
                .when(new SystemCommand.CorrectOwnership(HR_APPROVER, TO_HR, null, "hugh", null, false, null, "typo"))
                .then(new OwnershipCorrected(SYSTEM, TO_HR, "hr", "hugh", MAY, false, "hanna", "typo"));
    }

    @Test
    void anApproverCannotMoveAnInDepartmentTransferPastAComplianceOfficersTransferAndTakeTheSystemBack() {
        UUID withinFinance = UUID.randomUUID();
        OwnershipTransferred toFred = new OwnershipTransferred(SYSTEM, withinFinance, "finance", "dora", "finance", "fred", "fiona", "r",
                MAR);
        scenario.given(REGISTERED, toFred, FINANCE_TO_HR)
                .when(new SystemCommand.CorrectOwnership(FINANCE_APPROVER, withinFinance, null, null, JUL, false, null, "later"))
                .thenFails(AccessDenied.class);
        scenario.given(REGISTERED, FINANCE_TO_HR)
                .when(new SystemCommand.TransferOwnership(FINANCE_APPROVER, UUID.randomUUID(), "finance", "fred", null, "same day", MAY))
                .thenFails(AccessDenied.class);
        // within its own period the in-department transfer can still be moved by finance's approver
        scenario.given(REGISTERED, toFred, FINANCE_TO_HR)
                .when(new SystemCommand.CorrectOwnership(FINANCE_APPROVER, withinFinance, null, null, LocalDate.parse("2026-04-01"),
                        false, null, "April"))
                .then(new OwnershipCorrected(SYSTEM, withinFinance, "finance", "fred", LocalDate.parse("2026-04-01"), false, "fiona",
                        "April"));
    }

    @Test
    void aFormerOwnersApproverCannotRetireTheSystemByBackdating() {
        scenario.given(REGISTERED, FINANCE_TO_HR)
                .when(new SystemCommand.ChangeLifecycle(FINANCE_APPROVER, Lifecycle.RETIRED, "gone", MAR))
                .thenFails(AccessDenied.class);
        // nor can the new owner rewrite the period finance was accountable for
        scenario.given(REGISTERED, FINANCE_TO_HR)
                .when(new SystemCommand.ChangeLifecycle(HR_APPROVER, Lifecycle.PRODUCTION, "live", MAR))
                .thenFails(AccessDenied.class);
        scenario.given(REGISTERED, FINANCE_TO_HR)
                .when(new SystemCommand.ChangeLifecycle(HR_APPROVER, Lifecycle.PRODUCTION, "live", JUL))
                .then(new LifecycleChanged(SYSTEM, Lifecycle.PILOT, Lifecycle.PRODUCTION, "live", JUL));
    }

    @Test
    void onlyACompliancesOfficerRecordsADecisionAsSomeoneElses() {
        scenario.given(REGISTERED)
                .when(new SystemCommand.TransferOwnership(FINANCE_APPROVER, UUID.randomUUID(), "finance", "fred", "the-ceo", "r", MAR))
                .thenFails(AccessDenied.class);
        UUID id = UUID.randomUUID();
        scenario.given(REGISTERED)
                .when(new SystemCommand.TransferOwnership(FINANCE_APPROVER, id, "finance", "fred", "fiona", "r", MAR))
                .then(new OwnershipTransferred(SYSTEM, id, "finance", "dora", "finance", "fred", "fiona", "r", MAR));
    }

    @Test
    void retiredIsFinalOnTheEffectiveTimeline() {
        LifecycleChanged production = new LifecycleChanged(SYSTEM, Lifecycle.PILOT, Lifecycle.PRODUCTION, "live", JUL);
        // retiring in March what goes to production in July would un-retire it
        scenario.given(REGISTERED, production)
                .when(new SystemCommand.ChangeLifecycle(COMPLIANCE, Lifecycle.RETIRED, "backdated", MAR))
                .thenFails(RuleViolation.class);
        LifecycleChanged retiredInMarch = new LifecycleChanged(SYSTEM, Lifecycle.PILOT, Lifecycle.RETIRED, "gone", MAR);
        LifecycleChanged scalingInFeb = new LifecycleChanged(SYSTEM, Lifecycle.PILOT, Lifecycle.SCALING, "scale",
                LocalDate.parse("2026-02-01"));
        // recorded last, dated before: the recorded-last value is SCALING, but the system is retired from March
        scenario.given(REGISTERED, retiredInMarch, scalingInFeb)
                .when(new SystemCommand.ChangeLifecycle(COMPLIANCE, Lifecycle.PRODUCTION, "live", JUL))
                .thenFails(IllegalTransition.class);
    }

    @Test
    void aProhibitedSystemNeverGoesTowardProductionOnTheEffectiveTimeline() {
        SystemClassified prohibitedFromMay = new SystemClassified(SYSTEM, AiActRole.DEPLOYER, RiskTier.PROHIBITED, null, EMOTION_AT_WORK,
                Set.of(), true, null, MAY);
        // production from March would hold on into May, when the system is prohibited
        scenario.given(REGISTERED, prohibitedFromMay)
                .when(new SystemCommand.ChangeLifecycle(COMPLIANCE, Lifecycle.PRODUCTION, "backdated go-live", MAR))
                .thenFails(RuleViolation.class);
        scenario.given(REGISTERED, prohibitedFromMay)
                .when(new SystemCommand.ApplyExperimentOutcome(Lifecycle.SCALING, "experiment concluded: SCALE", MAR))
                .then();
    }

    @Test
    void aPersonsLifecycleDecisionOutranksAnExperimentsOutcome() {
        LifecycleChanged production = new LifecycleChanged(SYSTEM, Lifecycle.PILOT, Lifecycle.PRODUCTION, "live", MAR);
        scenario.given(REGISTERED, production)
                .when(new SystemCommand.ApplyExperimentOutcome(Lifecycle.RETIRED, "experiment concluded: STOP", MAY))
                .then();
        // an outcome dated before the person's decision would retire the system under it: it records nothing either
        scenario.given(REGISTERED, production)
                .when(new SystemCommand.ApplyExperimentOutcome(Lifecycle.RETIRED, "experiment concluded: STOP", JAN))
                .then();
        scenario.given(REGISTERED)
                .when(new SystemCommand.ApplyExperimentOutcome(Lifecycle.RETIRED, "experiment concluded: STOP", MAY))
                .then(new LifecycleChanged(SYSTEM, Lifecycle.PILOT, Lifecycle.RETIRED, "experiment concluded: STOP", MAY));
    }

    @Test
    void onlyThePersonACompliancesOfficerOrAnAdminRenamesAPerson() {
        Scenario<PersonCommand, PersonEvent, Person> people = Scenario.of(new PersonDecider());
        PersonNamed named = new PersonNamed("fred", "Fred Olsen");
        people.given(named).when(new PersonCommand.NamePerson(FINANCE_APPROVER, "fred", "Someone Else")).thenFails(AccessDenied.class);
        people.given(named).when(new PersonCommand.NamePerson(FINANCE_APPROVER, "fred", "Fred Olsen")).then();
        people.given(named).when(new PersonCommand.NamePerson(new Actor("fred", Set.of(Access.EMPLOYEE), "finance"), "fred", "Fred O."))
                .then(new PersonNamed("fred", "Fred O."));
        people.given(named).when(new PersonCommand.NamePerson(COMPLIANCE, "fred", "Fred O.")).then(new PersonNamed("fred", "Fred O."));
        people.given().when(new PersonCommand.NamePerson(FINANCE_APPROVER, "gina", "Gina")).then(new PersonNamed("gina", "Gina"));
    }

    @Test
    void theDirectorInOfficeOnADateIsTheOneOfTheDefinitionEffectiveThen() {
        DepartmentDecider decider = new DepartmentDecider();
        Department department = decider.evolve(decider.initialState(),
                new DepartmentEstablished("finance", "Finance", "dora", List.of(), List.of(), JAN));
        department = decider.evolve(department, new DepartmentChanged("finance", "Finance", "frank", List.of(), List.of(), "successor", JUL));
        assertEquals("frank", department.director());
        assertEquals("dora", department.directorOn(MAY));
        assertEquals("frank", department.directorOn(JUL));
        assertNull(department.directorOn(LocalDate.parse("2025-12-31")));
    }
}
