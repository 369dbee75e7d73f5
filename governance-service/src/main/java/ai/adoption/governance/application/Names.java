package ai.adoption.governance.application;

import ai.adoption.governance.application.Views.PersonRef;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Display names for person ids, read in one query per answer from {@code gov_person}. */
@ApplicationScoped
public class Names {

    /** The names found; an id without one is shown with a null display name. */
    public record Known(Map<String, String> names) {

        public PersonRef ref(String id) {
            return id == null || id.isEmpty() ? null : new PersonRef(id, names.get(id));
        }
    }

    /** Needs a session. */
    public Uni<Known> of(Set<String> ids) {
        List<String> wanted = new ArrayList<>(ids.stream().filter(Objects::nonNull).filter(id -> !id.isEmpty()).toList());
        if (wanted.isEmpty()) {
            return Uni.createFrom().item(new Known(Map.of()));
        }
        return Sql.rows("select person_id, display_name from gov_person where person_id in (?1)", wanted).map(rows -> {
            Map<String, String> names = new HashMap<>();
            for (Object[] row : rows) {
                names.put(row[0].toString(), row[1] == null ? null : row[1].toString());
            }
            return new Known(names);
        });
    }
}
