package ai.adoption.dashboard.application;

import java.util.Arrays;
import java.util.List;

/**
 * One statement of a consumed event's effects, run on the consumer's transaction by
 * {@link DashboardWriter}. Positional parameters {@code ?1, ?2, ...}; a parameter that may be null is
 * cast in the text ({@code cast(?2 as text)}) so that PostgreSQL knows its type.
 */
public record Sql(String text, List<Object> parameters) {

    public static Sql of(String text, Object... parameters) {
        return new Sql(text, Arrays.asList(parameters));
    }
}
