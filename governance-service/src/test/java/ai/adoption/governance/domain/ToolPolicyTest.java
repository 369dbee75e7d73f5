package ai.adoption.governance.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A later approval replaces the earlier terms from its start (docs/events.md, tool.approved). */
class ToolPolicyTest {

    private static final LocalDate JAN = LocalDate.parse("2026-01-01");
    private static final ToolPolicy.Term BROAD = new ToolPolicy.Term(
            List.of(DataClass.PUBLIC, DataClass.INTERNAL, DataClass.CONFIDENTIAL), JAN, LocalDate.parse("2027-12-31"), null);
    private static final ToolPolicy.Term NARROW = new ToolPolicy.Term(
            List.of(DataClass.PUBLIC), LocalDate.parse("2026-03-01"), LocalDate.parse("2026-06-30"), null);

    @Test
    void when_a_newer_narrower_approval_expires_the_older_broader_one_does_not_come_back() {
        var afterNarrowExpired = ToolPolicy.check("Copilot", DataClass.PUBLIC, List.of(BROAD, NARROW), LocalDate.parse("2026-07-01"));
        assertEquals(FindingKind.TOOL_APPROVAL_EXPIRED, afterNarrowExpired.orElseThrow().kind());
    }

    @Test
    void the_newer_approval_decides_while_it_runs() {
        var confidential = ToolPolicy.check("Copilot", DataClass.CONFIDENTIAL, List.of(BROAD, NARROW), LocalDate.parse("2026-04-01"));
        assertEquals(FindingKind.DATA_CLASS_NOT_ALLOWED, confidential.orElseThrow().kind());
        assertEquals(List.of(DataClass.PUBLIC), confidential.orElseThrow().allowed());
    }

    @Test
    void before_a_later_approval_begins_the_earlier_terms_hold() {
        assertTrue(ToolPolicy.check("Copilot", DataClass.CONFIDENTIAL, List.of(BROAD, NARROW), LocalDate.parse("2026-02-15")).isEmpty());
    }

    @Test
    void a_later_broader_approval_replaces_an_earlier_narrower_one() {
        var renewed = new ToolPolicy.Term(List.of(DataClass.PUBLIC, DataClass.CONFIDENTIAL), LocalDate.parse("2026-05-01"), null, null);
        assertTrue(ToolPolicy.check("Copilot", DataClass.CONFIDENTIAL, List.of(NARROW, renewed), LocalDate.parse("2026-05-01")).isEmpty());
    }

    @Test
    void a_tool_never_approved_before_the_date_is_not_approved() {
        assertEquals(FindingKind.TOOL_NOT_APPROVED,
                ToolPolicy.check("Copilot", DataClass.PUBLIC, List.of(NARROW), JAN).orElseThrow().kind());
    }
}
