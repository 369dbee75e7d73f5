package ai.adoption.governance.domain;

import ai.adoption.eventsourcing.core.RuleViolation;

/**
 * One answer per practice that Article 5(1) prohibits: (a) manipulative or deceptive techniques,
 * (b) exploiting vulnerabilities, (c) social scoring, (d) predicting crimes from profiling,
 * (e) untargeted scraping of facial images, (f) emotion recognition at work or in education,
 * (g) biometric categorisation by sensitive attributes, (h) real-time remote biometric identification
 * in public for law enforcement. Every answer is required; any "yes" makes the system prohibited.
 */
public record Article5Screening(Boolean a, Boolean b, Boolean c, Boolean d, Boolean e, Boolean f, Boolean g, Boolean h) {

    /** Refuses a screening with a missing answer, naming it. */
    public Article5Screening requireComplete(String field) {
        Boolean[] answers = {a, b, c, d, e, f, g, h};
        for (int i = 0; i < answers.length; i++) {
            if (answers[i] == null) {
                throw new RuleViolation(field + "." + (char) ('a' + i), "every Article 5 practice needs an answer (true or false)");
            }
        }
        return this;
    }

    public boolean anyYes() {
        return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b) || Boolean.TRUE.equals(c) || Boolean.TRUE.equals(d)
                || Boolean.TRUE.equals(e) || Boolean.TRUE.equals(f) || Boolean.TRUE.equals(g) || Boolean.TRUE.equals(h);
    }
}
