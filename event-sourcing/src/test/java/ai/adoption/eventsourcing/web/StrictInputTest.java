package ai.adoption.eventsourcing.web;

import ai.adoption.eventsourcing.command.ExpectedVersion;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared parsing rules without a server: strict JSON binding, If-Match, dates, percent-decoding. */
class StrictInputTest {

    enum Colour { RED, DARK_BLUE }

    record Body(String text, Colour colour, LocalDate date, Boolean flag, BigDecimal amount, List<String> items, UUID id,
                Period period, Instant at) {
    }

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        new StrictJson().customize(mapper);
        return mapper;
    }

    private static Body read(String json) throws Exception {
        return mapper().readValue(json, Body.class);
    }

    @Test
    void exactTypesBind() throws Exception {
        Body body = read("{\"text\":\"a\\tb\\u0001\",\"colour\":\"DARK_BLUE\",\"date\":\"2026-02-28\",\"flag\":true,\"amount\":25000,"
                + "\"items\":[\"x\"],\"id\":\"3f2c8a4e-5b1d-4c6e-9f7a-2d8b1e0c4a5f\",\"period\":\"P3M\"}");
        assertThat(body.colour()).isEqualTo(Colour.DARK_BLUE);
        assertThat(body.amount()).isEqualByComparingTo("25000");
        assertThat(body.period()).isEqualTo(Period.ofMonths(3));
    }

    @Test
    void instantsAreIsoWithAnOffsetAndAFourDigitYear() throws Exception {
        assertThat(read("{\"at\":\"2026-11-01T10:00:00Z\"}").at()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
        assertThat(read("{\"at\":\"2026-11-01T12:00:00.5+02:00\"}").at()).isEqualTo(Instant.parse("2026-11-01T10:00:00.5Z"));
        assertThat(read("{\"at\":\"9999-12-31T23:59:59Z\"}").at()).isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
        assertThat(read("{\"at\":\"0001-01-01T00:00:00Z\"}").at()).isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
    }

    @Test
    void aStoredEventWithAnInstantAnEarlierVersionAcceptedStillLoads() throws Exception {
        Body stored = mapper().reader().withAttribute(StrictJson.STORED_EVENT, Boolean.TRUE).forType(Body.class)
                .readValue("{\"at\":\"+10000-01-01T00:00:00Z\"}");
        assertThat(stored.at()).isEqualTo(Instant.parse("+10000-01-01T00:00:00Z"));
    }

    @Test
    void coercionAndUnstorableValuesAreRefused() {
        for (String json : List.of("{\"text\":12345}", "{\"text\":true}", "{\"text\":\"a\\u0000b\"}", "{\"text\":\"\\ud800\"}",
                "{\"colour\":\"red\"}", "{\"colour\":\" RED \"}", "{\"colour\":0}", "{\"colour\":\"0\"}", "{\"colour\":\"\"}",
                "{\"date\":7}", "{\"date\":\"2026-01-01T00:00:00\"}", "{\"date\":\"+300000-01-01\"}", "{\"date\":\"0000-01-01\"}",
                "{\"date\":\"\"}", "{\"date\":\"2026-02-30\"}", "{\"flag\":\"true\"}", "{\"flag\":1}", "{\"amount\":\"100\"}",
                "{\"amount\":true}", "{\"items\":[123]}", "{\"items\":\"one\"}", "{\"id\":\"\"}", "{\"id\":\"AAAAAAAAAAAAAAAAAAAAAA==\"}",
                "{\"period\":\"\"}", "{\"period\":3}", "{\"period\":\"three months\"}",
                "{\"at\":7}", "{\"at\":1767225600.5}", "{\"at\":\"1767225600\"}", "{\"at\":\"+10000-01-01T00:00:00Z\"}",
                "{\"at\":\"-0001-01-01T00:00:00Z\"}", "{\"at\":\"0000-12-31T23:00:00Z\"}", "{\"at\":\"2026-11-01T10:00:00\"}",
                "{\"at\":\"2026-11-01\"}", "{\"at\":\"2026-11-01 10:00:00Z\"}", "{\"at\":\"\"}", "{\"at\":true}")) {
            assertThatThrownBy(() -> read(json)).as(json).isInstanceOf(MismatchedInputException.class);
        }
        assertThatThrownBy(() -> read("{\"text\":\"a\",\"text\":\"b\"}")).isInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
        assertThatThrownBy(() -> read("{} {}")).isInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
    }

    @Test
    void ifMatchFollowsRfc9110() {
        assertThat(Requests.ifMatch(null)).isEqualTo(ExpectedVersion.ANY);
        assertThat(Requests.ifMatch("*")).isEqualTo(ExpectedVersion.ANY);
        assertThat(Requests.ifMatch("\"3\"")).isEqualTo(ExpectedVersion.exactly(3));
        assertThat(Requests.ifMatch("W/\"1\", \"3\"")).isEqualTo(ExpectedVersion.exactly(3));
        for (String malformed : List.of("\"1", "1", "W/1", "\"1\" \"2\"", "\"1\",", "", " ", "\"1\", \"2\"")) {
            assertThatThrownBy(() -> Requests.ifMatch(malformed)).as(malformed).isInstanceOf(InvalidInput.class);
        }
        for (String never : List.of("W/\"1\"", "\"abc\"", "\"\"")) {
            assertThatThrownBy(() -> Requests.ifMatch(never)).as(never).isInstanceOf(PreconditionFailed.class);
        }
    }

    @Test
    void datesAndEnumsInQueries() {
        assertThat(Requests.date("to", "9999-12-31")).isEqualTo(LocalDate.of(9999, 12, 31));
        for (String bad : List.of("+999999999-12-31", "0000-01-01", "2026-1-1", "2026-02-30", " 2026-01-01")) {
            assertThatThrownBy(() -> Requests.date("to", bad)).as(bad).isInstanceOf(InvalidInput.class);
        }
        assertThat(Requests.enumValue("c", "RED", Colour.class)).isEqualTo(Colour.RED);
        assertThatThrownBy(() -> Requests.enumValue("c", "red", Colour.class)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> Requests.bool("b", "TRUE")).isInstanceOf(InvalidInput.class);
    }

    @Test
    void percentDecodingIsStrict() {
        assertThat(HttpProblems.decode("a%20b+c", true)).isEqualTo("a b c");
        assertThat(HttpProblems.decode("a+b", false)).isEqualTo("a+b");
        assertThat(HttpProblems.decode("%C3%A9", false)).isEqualTo("\u00e9");
        assertThat(HttpProblems.decode("%C3%28", false)).isNull();
        assertThat(HttpProblems.decode("%ED%A0%80", false)).isNull();
        assertThat(HttpProblems.decode("%2", false)).isNull();
        assertThat(Text.unstorable(HttpProblems.decode("a%00", false))).isNotNull();
        assertThat(Text.unstorable("\uD83D\uDE00 \u0001\t")).isNull();
    }
}
