package ai.adoption.governance.application;

import ai.adoption.eventsourcing.projection.JsonColumn;
import ai.adoption.governance.domain.DataClass;

import jakarta.persistence.Converter;

import java.util.List;

/** The JSON text columns of governance's read models. */
public final class JsonColumns {

    private JsonColumns() {
    }

    @Converter
    public static class Strings extends JsonColumn<List<String>> {
        public Strings() {
            super(List.class, String.class);
        }
    }

    @Converter
    public static class DataClasses extends JsonColumn<List<DataClass>> {
        public DataClasses() {
            super(List.class, DataClass.class);
        }
    }
}
