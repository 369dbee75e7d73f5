package ai.adoption.eventsourcing.web;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** One page of a query's results. */
@Schema(requiredProperties = {"items", "page", "size", "total"})
public record Page<T>(List<T> items, int page, int size, long total) {
}
