package ai.adoption.experiments.application.prompt;

import ai.adoption.eventsourcing.projection.Projection;
import ai.adoption.eventsourcing.projection.ReadModelRows;
import ai.adoption.eventsourcing.store.AggregateType;
import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.experiments.application.Aggregates;
import ai.adoption.experiments.domain.prompt.PromptContent;
import ai.adoption.experiments.domain.prompt.PromptEvent;
import ai.adoption.experiments.domain.prompt.PromptStatus;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The {@code prompt_entry} and {@code prompt_version} read models. The entry shows its served version's content
 * once one is approved (a newer draft or review does not change what the catalogue serves), the newest version's
 * before that; every version has its row.
 */
@ApplicationScoped
public class PromptProjection implements Projection {

    static final String ENTRY = "prompt_entry";
    static final String VERSION = "prompt_version";

    @Override
    public String name() {
        return "prompts";
    }

    @Override
    public List<AggregateType<?, ?, ?>> sources() {
        return List.of(Aggregates.PROMPT);
    }

    @Override
    public List<String> tables() {
        return List.of(ENTRY, VERSION);
    }

    @Override
    public Uni<Void> apply(RecordedEvent<?> recorded) {
        Object event = recorded.payload();
        if (event instanceof PromptEvent.PromptDrafted e) {
            PromptEntryRow row = new PromptEntryRow();
            row.id = e.entryId();
            row.department = e.department();
            row.author = e.author();
            row.status = PromptStatus.DRAFT;
            row.latestVersion = e.version();
            row.latestStatus = PromptStatus.DRAFT;
            row.sourceLearningId = e.sourceLearningId();
            row.sourceExperimentId = e.sourceExperimentId();
            row.createdAt = recorded.occurredAt();
            PromptContent content = new PromptContent(e.useCase(), e.businessFunction(), e.text(), e.variables(), e.exampleOutput(),
                    e.tools(), e.maxDataClass());
            show(row, content);
            stamp(row, recorded);
            return row.persist().chain(() -> version(e.entryId(), e.version(), content, e.author(), recorded).persist())
                    .replaceWithVoid();
        }
        if (event instanceof PromptEvent.PromptRevised e) {
            PromptContent content = new PromptContent(e.useCase(), e.businessFunction(), e.text(), e.variables(), e.exampleOutput(),
                    e.tools(), e.maxDataClass());
            return supersedeUnserved(recorded, e.entryId()).chain(() -> update(recorded, row -> {
                if (row.servedVersion == 0) {
                    show(row, content);
                    row.status = PromptStatus.DRAFT;
                }
                row.latestVersion = e.version();
                row.latestStatus = PromptStatus.DRAFT;
            })).chain(() -> version(e.entryId(), e.version(), content, e.revisedBy(), recorded).persist()).replaceWithVoid();
        }
        if (event instanceof PromptEvent.PromptSubmittedForReview e) {
            return versionStatus(recorded, e.entryId(), e.version(), PromptStatus.IN_REVIEW).chain(() -> update(recorded, row -> {
                row.latestStatus = PromptStatus.IN_REVIEW;
                if (row.servedVersion == 0) {
                    row.status = PromptStatus.IN_REVIEW;
                }
            }));
        }
        if (event instanceof PromptEvent.PromptApproved e) {
            Uni<Void> superseded = e.supersededVersion() == 0 ? Uni.createFrom().voidItem()
                    : versionStatus(recorded, e.entryId(), e.supersededVersion(), PromptStatus.SUPERSEDED);
            return superseded.chain(() -> ReadModelRows.update(
                            PromptVersionRow.<PromptVersionRow>findById(PromptVersionRow.key(e.entryId(), e.version())), VERSION,
                            recorded, v -> v.status = PromptStatus.APPROVED))
                    .chain(() -> PromptVersionRow.<PromptVersionRow>findById(PromptVersionRow.key(e.entryId(), e.version())))
                    .chain(v -> update(recorded, row -> {
                        show(row, new PromptContent(v.useCase, v.businessFunction, v.text, v.variables, v.exampleOutput, v.tools,
                                v.maxDataClass));
                        row.status = PromptStatus.APPROVED;
                        row.latestStatus = PromptStatus.APPROVED;
                        row.servedVersion = e.version();
                        row.approvedAt = recorded.occurredAt();
                    }));
        }
        if (event instanceof PromptEvent.PromptDeprecated) {
            return update(recorded, row -> row.status = PromptStatus.DEPRECATED);
        }
        if (event instanceof PromptEvent.PromptTried e) {
            return update(recorded, row -> {
                row.useCount++;
                if (e.minutesSaved() != null) {
                    row.minutesSaved += e.minutesSaved();
                }
            });
        }
        return Uni.createFrom().voidItem();
    }

    /** A revision replaces a draft or a version in review that was never approved: that version is kept, SUPERSEDED. */
    private static Uni<Void> supersedeUnserved(RecordedEvent<?> recorded, UUID entryId) {
        return PromptEntryRow.<PromptEntryRow>findById(entryId).chain(row -> {
            if (row == null) {
                return Uni.createFrom().failure(ReadModelRows.missing(ENTRY, recorded));
            }
            if (row.latestStatus == PromptStatus.DRAFT || row.latestStatus == PromptStatus.IN_REVIEW) {
                return versionStatus(recorded, entryId, row.latestVersion, PromptStatus.SUPERSEDED);
            }
            return Uni.createFrom().voidItem();
        });
    }

    private static Uni<Void> versionStatus(RecordedEvent<?> recorded, UUID entryId, int version, PromptStatus status) {
        return ReadModelRows.update(PromptVersionRow.<PromptVersionRow>findById(PromptVersionRow.key(entryId, version)), VERSION,
                recorded, v -> v.status = status);
    }

    private static PromptVersionRow version(UUID entryId, int number, PromptContent content, String by, RecordedEvent<?> recorded) {
        PromptVersionRow v = new PromptVersionRow();
        v.id = PromptVersionRow.key(entryId, number);
        v.entryId = entryId;
        v.version = number;
        v.status = PromptStatus.DRAFT;
        v.useCase = content.useCase();
        v.businessFunction = content.businessFunction();
        v.text = content.text();
        v.variables = content.variables();
        v.exampleOutput = content.exampleOutput();
        v.tools = content.tools();
        v.maxDataClass = content.maxDataClass();
        v.writtenBy = by;
        v.writtenAt = recorded.occurredAt();
        return v;
    }

    private static void show(PromptEntryRow row, PromptContent content) {
        row.useCase = content.useCase();
        row.businessFunction = content.businessFunction();
        row.text = content.text();
        row.variables = content.variables();
        row.exampleOutput = content.exampleOutput();
        row.tools = content.tools();
        row.toolKeys = content.tools().stream().map(PromptContent::toolKey).toList();
        row.maxDataClass = content.maxDataClass();
    }

    private static Uni<Void> update(RecordedEvent<?> recorded, Consumer<PromptEntryRow> change) {
        return ReadModelRows.update(PromptEntryRow.<PromptEntryRow>findById(UUID.fromString(recorded.streamId())), ENTRY, recorded,
                change.andThen(row -> stamp(row, recorded)));
    }

    private static void stamp(PromptEntryRow row, RecordedEvent<?> recorded) {
        row.version = recorded.streamVersion();
        row.updatedAt = recorded.occurredAt();
    }
}
