package ai.adoption.experiments.domain;

import java.math.BigDecimal;

/**
 * The funding that comes with an approval: what the central AI/innovation budget pays for the first
 * experiment, and whether the business unit commits to fund further development if it succeeds.
 */
public record FundingDecision(BigDecimal centralBudgetAmount, String currency, boolean businessUnitCommitted, String businessUnit) {
}
