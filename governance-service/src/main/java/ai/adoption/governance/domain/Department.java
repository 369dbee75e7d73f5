package ai.adoption.governance.domain;

import java.util.List;

/** A department's latest definition, folded from its events. */
public record Department(String id, String name, String director, List<String> managers, List<String> ambassadors) {

    public static final Department NONE = new Department(null, null, null, List.of(), List.of());

    public boolean exists() {
        return id != null;
    }
}
