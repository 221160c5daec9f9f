package com.switchboard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.SwitchboardIntegrationTest;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Strings longer than the engine's text column are stored and read back whole, as Strings; shorter ones are stored
 * as the engine always did. On H2, the test database, the column holds 4000 UTF-16 code units.
 */
class LongStringsIT extends SwitchboardIntegrationTest {

    private static final String EMOJI = new String(Character.toChars(0x1F4DE));

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestRestTemplate http;

    private ProcessInstance flow;

    @AfterEach
    void end() {
        if (flow != null && runtime.createProcessInstanceQuery().processInstanceId(flow.getId()).count() > 0) {
            runtime.deleteProcessInstance(flow.getId(), "test done");
        }
    }

    @Test
    void aStringThatFitsTheColumnIsStoredAsBefore() {
        String fits = "a".repeat(4000);
        String multiByte = "é".repeat(4000); // 8000 bytes in UTF-8, but 4000 characters: fits
        flow = start("test-wait-connected", Map.of("fits", fits, "multiByte", multiByte));

        assertThat(stored("fits")).containsEntry("TYPE_", "string").containsEntry("TEXT_", fits)
                .containsEntry("BYTEARRAY_ID_", null);
        assertThat(stored("multiByte")).containsEntry("TYPE_", "string").containsEntry("TEXT_", multiByte);
        assertThat(runtime.getVariable(flow.getId(), "multiByte")).isEqualTo(multiByte);
    }

    @Test
    void aLongerStringIsStoredAsBytesAndReadsBackAsAString() {
        String token = "x".repeat(10_000);
        String emoji = EMOJI.repeat(2001); // 2001 characters, but 4002 UTF-16 code units: too long for H2's column
        flow = start("test-wait-connected", Map.of("token", token, "emoji", emoji));

        assertThat(stored("token")).containsEntry("TYPE_", LongStringSerializer.NAME).containsEntry("TEXT_", null);
        assertThat(stored("token").get("BYTEARRAY_ID_")).isNotNull();
        assertThat(stored("emoji")).containsEntry("TYPE_", LongStringSerializer.NAME);

        TypedValue value = runtime.getVariableTyped(flow.getId(), "token");
        assertThat(value.getType()).isEqualTo(ValueType.STRING);
        assertThat(value.getValue()).isInstanceOf(String.class).isEqualTo(token);
        assertThat(runtime.getVariable(flow.getId(), "emoji")).isEqualTo(emoji);

        HistoricVariableInstance historic = history.createHistoricVariableInstanceQuery()
                .processInstanceId(flow.getId()).variableName("token").singleResult();
        assertThat(historic.getTypeName()).isEqualTo("string");
        assertThat(historic.getValue()).isEqualTo(token);
    }

    @Test
    void cockpitAndTheRestApiSeeAPlainString() {
        String token = "y".repeat(10_000);
        flow = start("test-wait-connected", Map.of("token", token));

        JsonNode variable = http.withBasicAuth("admin", TEST_ADMIN_PASSWORD).getForObject(
                "/engine-rest/process-instance/{id}/variables/token", JsonNode.class, flow.getId());
        assertThat(variable.path("type").asText()).isEqualTo("String");
        assertThat(variable.path("value").asText()).isEqualTo(token);
    }

    @Test
    void changingTheValueMovesItAndLeavesNoBytesBehind() {
        flow = start("test-wait-connected", Map.of("participants", "z".repeat(5000)));
        String bytes = (String) stored("participants").get("BYTEARRAY_ID_");

        runtime.setVariable(flow.getId(), "participants", "[\"8:acs:one\"]");
        assertThat(stored("participants")).containsEntry("TYPE_", "string").containsEntry("TEXT_", "[\"8:acs:one\"]")
                .containsEntry("BYTEARRAY_ID_", null);
        assertThat(byteArrayExists(bytes)).as("the runtime byte array of the long value").isFalse();

        runtime.setVariable(flow.getId(), "participants", "w".repeat(6000));
        assertThat(runtime.getVariable(flow.getId(), "participants")).isEqualTo("w".repeat(6000));
        String again = (String) stored("participants").get("BYTEARRAY_ID_");
        runtime.deleteProcessInstance(flow.getId(), "test done");
        assertThat(byteArrayExists(again)).as("the runtime byte array once the flow is gone").isFalse();
    }

    @Test
    void aQueryCannotCompareALongValueAndSaysSo() {
        String token = "q".repeat(5000);
        flow = start("test-wait-connected", Map.of("token", token));
        assertThatThrownBy(() -> runtime.createProcessInstanceQuery().variableValueEquals("token", token).list())
                .isInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("a query cannot compare a text of 5000 characters");
        assertThat(runtime.createProcessInstanceQuery().variableValueEquals("token", "short").count()).isZero();

        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<JsonNode> overRest = http.withBasicAuth("admin", TEST_ADMIN_PASSWORD).postForEntity(
                "/engine-rest/process-instance", new HttpEntity<>(Map.of("variables",
                        List.of(Map.of("name", "token", "operator", "eq", "value", token))), headers), JsonNode.class);
        assertThat(overRest.getStatusCode().value()).isEqualTo(400);
        assertThat(overRest.getBody().path("message").asText()).contains("a query cannot compare a text of 5000 characters");
    }

    private Map<String, Object> stored(String name) {
        return jdbc.queryForMap("select TYPE_, TEXT_, BYTEARRAY_ID_ from ACT_RU_VARIABLE where PROC_INST_ID_ = ? "
                + "and NAME_ = ?", flow.getId(), name);
    }

    private boolean byteArrayExists(String id) {
        return jdbc.queryForObject("select count(*) from ACT_GE_BYTEARRAY where ID_ = ?", Integer.class, id) > 0;
    }
}
