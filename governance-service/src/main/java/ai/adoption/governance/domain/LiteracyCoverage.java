package ai.adoption.governance.domain;

import java.time.LocalDate;

/**
 * Governance's measured AI-literacy coverage of a department on a date: of the accountable owners and human-oversight
 * persons of its AI systems in use that day, how many hold valid AI-literacy training (Article 4). {@code percent} is
 * null when the department has nobody accountable that day.
 */
public record LiteracyCoverage(LocalDate onDate, int accountable, int trained, Integer percent) {

    public static LiteracyCoverage of(LocalDate onDate, int accountable, int trained) {
        return new LiteracyCoverage(onDate, accountable, trained, accountable == 0 ? null : Math.round(100f * trained / accountable));
    }

    public int untrained() {
        return accountable - trained;
    }
}
