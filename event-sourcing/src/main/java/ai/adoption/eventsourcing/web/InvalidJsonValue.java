package ai.adoption.eventsourcing.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON value of the right type that the service refuses anyway (a NUL in a string, a date
 * PostgreSQL cannot store); its message is what the caller reads in {@code errors[].message}.
 */
public class InvalidJsonValue extends MismatchedInputException {

    public InvalidJsonValue(JsonParser parser, String message, Class<?> targetType) {
        super(parser, message, targetType);
    }
}
