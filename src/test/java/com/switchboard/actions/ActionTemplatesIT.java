package com.switchboard.actions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.SwitchboardIntegrationTest;
import java.io.File;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
    ObjectMapper mapper;

    @Test
    void everyActionHasATemplateWhoseRequiredFieldsAreTheActionsRequiredInputs() throws Exception {
        assertThat(actions).hasSize(13);
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
                    .isEqualTo(new TreeSet<>(action.getValue().requiredInputs()));
        }
    }
}
