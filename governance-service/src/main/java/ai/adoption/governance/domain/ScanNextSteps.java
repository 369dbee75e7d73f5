package ai.adoption.governance.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Suggested next steps from an AI-scan's gaps, each with the path (and the service that serves it) where the user
 * continues. The rules, largest gap first:
 * <ul>
 * <li>no targets: set them ({@code SET_TARGETS});</li>
 * <li>AI literacy below target, with accountable owners or overseers untrained on the scan's date: the literacy gaps
 *     list ({@code TRAIN_ACCOUNTABLE}); below target with every one of them trained: train the rest of the team
 *     ({@code TRAIN_TEAM});</li>
 * <li>AI literacy at or above target by the team's own answers while the measured coverage is under 100%:
 *     check the self-assessment against the records ({@code CHECK_SELF_ASSESSMENT});</li>
 * <li>data below target: the compliance gaps of the department's systems ({@code REVIEW_DATA});</li>
 * <li>technology below target: the approved-tools list ({@code REVIEW_TOOLS});</li>
 * <li>customer focus below target: the department's ideas in experiments-service ({@code CUSTOMER_IDEAS});</li>
 * <li>any dimension whose answers span 3 levels or more: discuss it ({@code DISCUSS_SPREAD}).</li>
 * </ul>
 */
public final class ScanNextSteps {

    public static final String GOVERNANCE = "governance-service";
    public static final String EXPERIMENTS = "experiments-service";
    public static final int WIDE_SPREAD = 3;

    public record NextStep(String kind, ScanDimension dimension, String text, String service, String path) {
    }

    private ScanNextSteps() {
    }

    public static List<NextStep> suggest(UUID scanId, String department, LocalDate on, List<ScanResult> results,
                                         LiteracyCoverage coverage) {
        List<NextStep> steps = new ArrayList<>();
        if (results.stream().allMatch(r -> r.target() == null)) {
            steps.add(new NextStep("SET_TARGETS", null, "Set the department's target level per dimension, so the scan shows the gaps",
                    GOVERNANCE, "/departments/" + department + "/scan-targets"));
        }
        List<ScanResult> below = results.stream().filter(ScanResult::belowTarget)
                .sorted(Comparator.comparing(ScanResult::gap).reversed().thenComparing(ScanResult::dimension)).toList();
        String literacyGaps = "/ai-literacy/gaps?department=" + department + "&asOf=" + on;
        for (ScanResult r : below) {
            String gap = r.dimension().title() + " is " + format(r.gap()) + " below the target " + r.target();
            switch (r.dimension()) {
                case AI_LITERACY -> steps.add(coverage.untrained() > 0
                        ? new NextStep("TRAIN_ACCOUNTABLE", r.dimension(), gap + ", and " + coverage.untrained() + " of "
                        + coverage.accountable() + " accountable owners and overseers lack valid AI-literacy training on " + on
                        + ": train them first", GOVERNANCE, literacyGaps)
                        : new NextStep("TRAIN_TEAM", r.dimension(), gap + "; every accountable owner and overseer is trained: "
                        + "plan AI-literacy training for the rest of the team and record it", GOVERNANCE, literacyGaps));
                case DATA -> steps.add(new NextStep("REVIEW_DATA", r.dimension(), gap + ": review the data classes of the "
                        + "department's AI systems against the approved-tools list", GOVERNANCE,
                        "/compliance-gaps?department=" + department + "&asOf=" + on));
                case TECHNOLOGY -> steps.add(new NextStep("REVIEW_TOOLS", r.dimension(), gap + ": see which tools are approved "
                        + "for which data classes, and propose the ones the team needs", GOVERNANCE, "/approved-tools"));
                case CUSTOMER_FOCUS -> steps.add(new NextStep("CUSTOMER_IDEAS", r.dimension(), gap + ": collect and decide ideas "
                        + "that start from a customer's problem", EXPERIMENTS, "/ideas?department=" + department));
            }
        }
        results.stream().filter(r -> r.dimension() == ScanDimension.AI_LITERACY && r.target() != null && !r.belowTarget()
                        && r.median() != null && coverage.untrained() > 0).findFirst()
                .ifPresent(r -> steps.add(new NextStep("CHECK_SELF_ASSESSMENT", r.dimension(), "The team rates its AI literacy at "
                        + format(r.median()) + " (target " + r.target() + "), but " + coverage.untrained() + " of "
                        + coverage.accountable() + " accountable owners and overseers lack valid training on " + on,
                        GOVERNANCE, literacyGaps)));
        results.stream().filter(r -> r.range() != null && r.range() >= WIDE_SPREAD)
                .forEach(r -> steps.add(new NextStep("DISCUSS_SPREAD", r.dimension(), "The answers on " + r.dimension().title()
                        + " range from " + r.min() + " to " + r.max() + ": discuss why in the department meeting", GOVERNANCE,
                        "/scans/" + scanId)));
        return List.copyOf(steps);
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
