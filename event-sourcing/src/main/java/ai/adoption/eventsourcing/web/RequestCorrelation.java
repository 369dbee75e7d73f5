package ai.adoption.eventsourcing.web;

import jakarta.enterprise.context.RequestScoped;

import java.util.UUID;

/** The current request's correlation id, set by {@link CorrelationFilter}. */
@RequestScoped
public class RequestCorrelation {

    private String id;

    void set(String correlationId) {
        this.id = correlationId;
    }

    public String id() {
        if (id == null) {
            id = UUID.randomUUID().toString();
        }
        return id;
    }
}
