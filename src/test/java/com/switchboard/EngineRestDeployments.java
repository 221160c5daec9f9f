package com.switchboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Deploys a diagram as Camunda Modeler does: {@code POST /engine-rest/deployment/create}, multipart, as admin. */
public final class EngineRestDeployments {

    private EngineRestDeployments() {
    }

    public static ResponseEntity<JsonNode> deploy(TestRestTemplate http, String deploymentName, String fileName,
                                                  String bpmn) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("deployment-name", deploymentName);
        form.add("data", new ByteArrayResource(bpmn.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return fileName;
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return http.withBasicAuth("admin", SwitchboardIntegrationTest.TEST_ADMIN_PASSWORD)
                .postForEntity("/engine-rest/deployment/create", new HttpEntity<>(form, headers), JsonNode.class);
    }
}
