package com.switchboard.actions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.SwitchboardIntegrationTest;
import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The element template of every action asks for exactly the inputs its delegate requires, so that what
 * Modeler marks as required is what deployment checks and the delegate reads.
 */
class ActionTemplatesIT extends SwitchboardIntegrationTest {

    @Autowired
    Map<String, CallAction> actions;
    @Autowired
    Map<String, JavaDelegate> delegates;
    @Autowired
    ObjectMapper mapper;

    @Test
    void everyActionBeanIsFoundBySpecAndHasATemplateWhoseRequiredFieldsAreItsRequiredInputs() throws Exception {
        assertThat(actions).hasSize(27);
        assertThat(actions.values()).extracting(action -> action.spec()).as("the specs the unit tests find")
                .containsExactlyInAnyOrderElementsOf(ActionSpecs.all());
        actions.forEach((bean, action) -> assertThat(action.spec().bean()).as("spec of bean %s", bean).isEqualTo(bean));
        for (Map.Entry<String, CallAction> action : actions.entrySet()) {
            File file = new File("processes/element-templates/" + action.getKey() + ".json");
            assertThat(file).as("template of %s", action.getKey()).exists();
            Set<String> required = new TreeSet<>();
            for (JsonNode property : mapper.readTree(file).path("properties")) {
                if (property.path("binding").path("type").asText().equals("camunda:inputParameter")
                        && property.path("constraints").path("notEmpty").asBoolean()) {
                    required.add(property.path("binding").path("name").asText());
                }
            }
            assertThat(required).as("required fields of %s", action.getKey())
                    .isEqualTo(action.getValue().spec().requiredInputs());
        }
    }

    @Test
    void theStartCheckHasASynchronousTemplateWhoseRulesTheCheckReads() throws Exception {
        assertThat(delegates).containsKey(StartVariablesCheck.BEAN);
        File[] templates = new File("processes/element-templates").listFiles((dir, name) -> name.endsWith(".json"));
        assertThat(templates).extracting(file -> file.getName().replace(".json", ""))
                .as("one template per delegate").containsExactlyInAnyOrderElementsOf(delegates.keySet());

        JsonNode template = mapper.readTree(new File("processes/element-templates/" + StartVariablesCheck.BEAN + ".json"));
        Map<String, String> hidden = new java.util.HashMap<>();
        template.path("properties").forEach(p -> hidden.put(p.path("binding").path("name").asText(), p.path("value").asText()));
        assertThat(hidden).containsEntry("camunda:delegateExpression", "${" + StartVariablesCheck.BEAN + "}")
                .containsEntry("camunda:asyncBefore", "false");
        for (String rule : List.of("party", "parties", "phone number", "caller id", "duration", "seconds 1..180", "text",
                "optional duration")) {
            assertThat(template.path("description").asText()).contains(rule);
            assertThat(StartVariableRule.parse("x", rule)).as(rule).isNotNull();
        }
    }
}
