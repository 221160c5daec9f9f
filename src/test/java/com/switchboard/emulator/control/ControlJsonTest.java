package com.switchboard.emulator.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.switchboard.emulator.faults.Faults;
import com.switchboard.emulator.http.ApiRequest;
import com.switchboard.emulator.model.AcsApiException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ControlJsonTest {

    @Test
    void readsAFaultPlanAsTheRecordWithDurationsInIsoOrMilliseconds() {
        Faults faults = ControlJson.read(request("""
            {"duplicateProbability": 1, "maxHold": 250, "delay": "PT0.04S", "actionFaultStatuses": [503],
             "seed": null}"""), Faults.class, "fault");

        assertThat(faults).isEqualTo(Faults.NONE.withDuplicateProbability(1).withReorder(0, Duration.ofMillis(250))
            .withDelay(Duration.ofMillis(40), Duration.ZERO).withActionFaults(0, 503));
        assertThat(ControlJson.read(request("{}"), Faults.class, "fault")).isEqualTo(Faults.NONE);
    }

    @Test
    void writesDurationsAsIsoStringsAndEveryComponent() {
        assertThat(ControlJson.tree(Faults.NONE.withDelay(Duration.ofMillis(50), Duration.ZERO)).toString())
            .isEqualTo("{\"duplicateProbability\":0.0,\"reorderProbability\":0.0,\"maxHold\":\"PT0.5S\","
                + "\"delay\":\"PT0.05S\",\"delayJitter\":\"PT0S\",\"failFirstAttemptProbability\":0.0,"
                + "\"deliverBeforeResponse\":false,\"actionFaultProbability\":0.0,"
                + "\"actionFaultStatuses\":[429,500,503],\"retryAfter\":\"PT0S\",\"failNextActions\":0,\"seed\":null}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"duplicate-probability\": 1}              | Unknown fault 'duplicate-probability'",
        "{\"duplicateProbability\": \"0.5\"}         | The field 'duplicateProbability' must be a number.",
        "{\"duplicateProbability\": 2}               | duplicateProbability must be a probability between 0 and 1",
        "{\"deliverBeforeResponse\": \"yes\"}        | The field 'deliverBeforeResponse' must be true or false.",
        "{\"failNextActions\": 1.5}                  | The field 'failNextActions' must be a whole number.",
        "{\"seed\": \"42\"}                          | The field 'seed' must be a whole number.",
        "{\"maxHold\": \"soon\"}                     | The field 'maxHold' must be an ISO-8601 duration",
        "{\"actionFaultStatuses\": [\"500\"]} | The field 'actionFaultStatuses' must be an array of whole numbers.",
        "{\"actionFaultStatuses\": [502]}            | actionFaultStatuses may hold [429, 500, 503] only: 502",
        "[]                                          | The request body must be a JSON object.",
        "null                                        | The request body must be a JSON object.",
        "{                                           | The request body is not valid JSON"})
    void refusesWhatIsNotAFaultPlanNamingTheField(String body, String message) {
        assertThatThrownBy(() -> ControlJson.read(request(body), Faults.class, "fault"))
            .isInstanceOfSatisfying(AcsApiException.class, e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.code()).isEqualTo("8523");
            })
            .hasMessageContaining(message);
    }

    @Test
    void refusesAnEmptyBody() {
        assertThatThrownBy(() -> ControlJson.read(request(""), Faults.class, "fault"))
            .hasMessage("The request body is required.");
    }

    private static ApiRequest request(String body) {
        return new ApiRequest("PUT", "/emulator/faults", null, Map.of("Content-Type", List.of("application/json")),
            body.getBytes(StandardCharsets.UTF_8));
    }
}
