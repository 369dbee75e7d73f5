package ai.adoption.eventsourcing.web;

import java.util.List;

/** One page of a query's results. */
public record Page<T>(List<T> items, int page, int size, long total) {
}
