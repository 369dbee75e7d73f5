package ai.adoption.governance.domain;

import java.util.List;

/** A department's target level per dimension of the AI-scan (not every dimension needs one). */
public record ScanTargets(String department, List<ScanLevel> targets) {

    public static final ScanTargets NONE = new ScanTargets(null, List.of());

    public Integer of(ScanDimension dimension) {
        return targets.stream().filter(t -> t.dimension() == dimension).map(ScanLevel::level).findFirst().orElse(null);
    }
}
