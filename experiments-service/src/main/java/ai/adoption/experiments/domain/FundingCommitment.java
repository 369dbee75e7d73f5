package ai.adoption.experiments.domain;

import java.math.BigDecimal;

/** The business unit's commitment, given before an experiment starts, to fund scaling if it succeeds. */
public record FundingCommitment(String businessUnit, String committedBy, BigDecimal amount, String currency) {
}
