package ai.adoption.dashboard.application;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of the activity feed. Written only by {@link DashboardWriter}'s one statement (never persisted
 * as an entity: its id comes from the feed head in that statement); mapped so that the service has its
 * Hibernate Reactive persistence unit, on whose sessions the consumers' transactions run.
 */
@Entity
@Table(name = "dashboard_feed")
public class FeedRow extends PanacheEntityBase {
    @Id
    public long id;
    @Column(name = "event_id")
    public UUID eventId;
    public String type;
    public String department;
    public String subject;
    public String title;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    public String summary;
}
