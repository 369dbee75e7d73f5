package ai.adoption.eventsourcing.core;

import java.util.Objects;
import java.util.Set;

/**
 * Who issues a command: the token's subject, its roles and its department claim. Domain rules use
 * it (an approver decides only for their own department); it never comes from a request body.
 */
public record Actor(String subject, Set<String> roles, String department) {

    public Actor {
        Objects.requireNonNull(subject, "subject");
        roles = Set.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean belongsTo(String otherDepartment) {
        return department != null && department.equals(otherDepartment);
    }

    /** A system actor for commands caused by consumed events rather than a person. */
    public static Actor system(String name) {
        return new Actor("system:" + name, Set.of(), null);
    }
}
