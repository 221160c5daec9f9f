package com.switchboard.flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The decisions of the media example flows, as the engine evaluates them: the routing rules that start them,
 * pin-check.dmn (is the PIN right) and ivr-menu.dmn (who takes the call). The flows themselves run in
 * IvrMenuFlowIT, PinCheckFlowIT and PressZeroFlowIT.
 */
class FlowDecisionsTest {

    private static final Path PROCESSES = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("processes");
    private static final DmnEngine DMN = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

    @Test
    void theMenuPinAndInformationLinesStartTheirFlows() throws IOException {
        DmnDecision routing = decision("incoming-call-routing.dmn", "incoming-call-routing");
        for (Map.Entry<String, String> line : Map.of("4:+18005550110", "ivr-menu", "4:+18005550120", "pin-check",
                "4:+18005550130", "press-zero").entrySet()) {
            DmnDecisionResult result = DMN.evaluateDecision(routing, Map.of("to", line.getKey(), "from", "4:+14255550123",
                    "hourOfDay", 3, "dayOfWeek", "SUNDAY"));
            assertThat(result.getFirstResult().<String>getEntry("flow")).as(line.getKey()).isEqualTo(line.getValue());
        }
        DmnDecisionResult information = DMN.evaluateDecision(routing, Map.of("to", "4:+18005550130",
                "from", "4:+14255550123", "hourOfDay", 10, "dayOfWeek", "TUESDAY"));
        assertThat(information.getFirstResult().<String>getEntry("agent")).isEqualTo("8:acs:front-desk");
    }

    @Test
    void aPinIsRightOnlyForItsOwnCaller() throws IOException {
        DmnDecision pinCheck = decision("pin-check.dmn", "pin-check");
        assertThat(pinValid(pinCheck, "4:+14255550123", "1234")).isTrue();
        assertThat(pinValid(pinCheck, "4:+14255550124", "8080")).isTrue();
        assertThat(pinValid(pinCheck, "4:+14255550124", "1234")).as("another caller's PIN").isFalse();
        assertThat(pinValid(pinCheck, "4:+14255550123", "12345")).isFalse();
        assertThat(pinValid(pinCheck, "4:+14255550199", "1234")).as("a caller without a PIN").isFalse();
        assertThat(pinValid(pinCheck, "4:+14255550123", null)).as("no keys pressed").isFalse();
    }

    @Test
    void theChoicePicksTheAgentAndNoChoiceTheOperator() throws IOException {
        DmnDecision agents = decision("ivr-menu.dmn", "ivr-menu-agent");
        assertThat(agent(agents, "sales")).isEqualTo("8:acs:sales-agent");
        assertThat(agent(agents, "support")).isEqualTo("8:acs:support-agent");
        assertThat(agent(agents, null)).isEqualTo("8:acs:operator");
        // Three tries that ended by the flow's timer, with no recognize event at all, leave the variable unset.
        assertThat(DMN.evaluateDecision(agents, Map.of()).getSingleResult().<String>getEntry("agent"))
                .isEqualTo("8:acs:operator");
    }

    private static Boolean pinValid(DmnDecision decision, String from, String tones) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("from", from);
        variables.put("recognizedTones", tones);
        return DMN.evaluateDecision(decision, variables).getSingleResult().getEntry("pinValid");
    }

    private static String agent(DmnDecision decision, String choice) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("recognizedChoice", choice);
        return DMN.evaluateDecision(decision, variables).getSingleResult().getEntry("agent");
    }

    private static DmnDecision decision(String file, String key) throws IOException {
        try (InputStream in = Files.newInputStream(PROCESSES.resolve(file))) {
            return DMN.parseDecision(key, in);
        }
    }
}
