package ai.adoption.eventsourcing.command;

import ai.adoption.eventsourcing.store.VersionMismatch;

import java.util.OptionalLong;

/** What the caller believes about a stream's version before the command runs. */
public sealed interface ExpectedVersion {

    /** The stream must not exist yet: a creating command. */
    ExpectedVersion NEW = new New();

    /** Any existing version: no {@code If-Match} was given. Conflicts are still caught on append. */
    ExpectedVersion ANY = new Any();

    static ExpectedVersion exactly(long version) {
        return new Exactly(version);
    }

    /** {@code If-Match} when present, otherwise {@link #ANY}. */
    static ExpectedVersion fromIfMatch(OptionalLong ifMatch) {
        return ifMatch.isPresent() ? exactly(ifMatch.getAsLong()) : ANY;
    }

    record New() implements ExpectedVersion {
    }

    record Any() implements ExpectedVersion {
    }

    record Exactly(long version) implements ExpectedVersion {
        void check(long actual) {
            if (actual != version) {
                throw new VersionMismatch(version, actual);
            }
        }
    }
}
