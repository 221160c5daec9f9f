package com.switchboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.SwitchboardIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A Camunda user is what her groups make her: in no group she sees and does nothing; an operator watches and
 * retries; a flow author deploys (the Modeler's path); only an administrator manages users. Deploying is code,
 * so what a diagram's expressions reach is narrowed, and no other web site can drive the API.
 */
class AuthorizationIT extends SwitchboardIntegrationTest {

    private static final String PASSWORD = "Right-Pa55word-" + UUID.randomUUID();

    @Autowired
    TestRestTemplate http;
    @Autowired
    IdentityService identity;
    @Autowired
    RepositoryService repository;
    @Autowired
    ManagementService management;
    @Autowired
    AuthorizationService authorizations;
    @Autowired
    ObjectMapper mapper;

    @Test
    void aUserInNoGroupSeesNothingAndCannotMakeHimselfAdministrator() throws Exception {
        String nobody = user(null);
        start("hang-up-for-everyone", Map.of("targets", "8:acs:authz-" + UUID.randomUUID()));
        TestRestTemplate as = http.withBasicAuth(nobody, PASSWORD);

        assertThat(json(as.getForEntity("/engine-rest/process-definition", String.class)).size()).isZero();
        assertThat(json(as.getForEntity("/engine-rest/process-instance", String.class)).size()).isZero();
        assertThat(as.exchange("/engine-rest/user/create", HttpMethod.POST, jsonBody("""
                {"profile": {"id": "mallory%s"}, "credentials": {"password": "Mallory-Pa55word"}}
                """.formatted(UUID.randomUUID().toString().substring(0, 8))), String.class).getStatusCode().value()).isEqualTo(403);
        assertThat(as.exchange("/engine-rest/group/camunda-admin/members/" + nobody, HttpMethod.PUT, jsonBody(""),
                String.class).getStatusCode().value()).isEqualTo(403);
        assertThat(as.exchange("/engine-rest/user/admin/credentials", HttpMethod.PUT, jsonBody("""
                {"password": "Taken-0ver-Pa55", "authenticatedUserPassword": "%s"}""".formatted(PASSWORD)), String.class)
                .getStatusCode().value()).as("the admin user is not even visible").isIn(403, 404);
        assertThat(deploy(as, "nobody", simpleFlow("nobody-flow")).getStatusCode().value()).isEqualTo(403);
        assertThat(as.getForEntity("/api/callbacks/unmatched", String.class).getStatusCode().value()).isEqualTo(403);
        assertThat(as.getForEntity("/actuator/prometheus", String.class).getStatusCode().value()).isEqualTo(403);

        assertThat(identity.createUserQuery().memberOfGroup("camunda-admin").userId(nobody).count()).isZero();
        assertThat(identity.checkPassword("admin", TEST_ADMIN_PASSWORD)).isTrue();
    }

    @Test
    void anOperatorWatchesFlowsAndRetriesIncidentsButDeploysNothing() throws Exception {
        String operator = user(SwitchboardGroups.OPERATORS);
        TestRestTemplate as = http.withBasicAuth(operator, PASSWORD);
        // A phone number needs a caller id: started past the start check, the create-call step fails and becomes an
        // incident.
        ProcessInstance failing = runtime.createProcessInstanceByKey("outbound-call").startBeforeActivity("createCall")
                .setVariables(Map.of("target", "+14255550123", "participant", "8:acs:x")).execute();
        await().atMost(FLOW_TIMEOUT).until(() ->
                runtime.createIncidentQuery().processInstanceId(failing.getId()).count() == 1);

        JsonNode instances = json(as.getForEntity("/engine-rest/process-instance?processInstanceIds=" + failing.getId(), String.class));
        assertThat(instances.size()).isEqualTo(1);
        assertThat(json(as.getForEntity("/engine-rest/process-instance/" + failing.getId() + "/variables", String.class))
                .has("target")).isTrue();
        assertThat(json(as.getForEntity("/engine-rest/incident?processInstanceId=" + failing.getId(), String.class)).size())
                .isEqualTo(1);
        String job = management.createJobQuery().processInstanceId(failing.getId()).singleResult().getId();
        assertThat(as.exchange("/engine-rest/job/" + job + "/retries", HttpMethod.PUT, jsonBody("{\"retries\": 1}"),
                String.class).getStatusCode().value()).isEqualTo(204);

        assertThat(deploy(as, "operator", simpleFlow("operator-flow")).getStatusCode().value()).isEqualTo(403);
        assertThat(as.exchange("/engine-rest/user/create", HttpMethod.POST, jsonBody("""
                {"profile": {"id": "op%s"}, "credentials": {"password": "Operator-Pa55word"}}
                """.formatted(UUID.randomUUID().toString().substring(0, 8))), String.class).getStatusCode().value()).isEqualTo(403);
        assertThat(as.getForEntity("/api/callbacks/unmatched", String.class).getStatusCode().value()).isEqualTo(200);
        assertThat(as.getForEntity("/actuator/prometheus", String.class).getStatusCode().value()).isEqualTo(200);
        runtime.deleteProcessInstance(failing.getId(), "test over");
    }

    @Test
    void aFlowAuthorDeploysTheWayCamundaModelerDoes() throws Exception {
        String author = user(SwitchboardGroups.FLOW_AUTHORS);
        String key = "author-flow-" + UUID.randomUUID().toString().substring(0, 8);
        ResponseEntity<String> deployed = deploy(http.withBasicAuth(author, PASSWORD), "modeler", simpleFlow(key));
        assertThat(deployed.getStatusCode().value()).as(deployed.getBody()).isEqualTo(200);
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count()).isEqualTo(1);
        assertThat(http.withBasicAuth(author, PASSWORD).exchange("/engine-rest/process-definition/key/" + key + "/start",
                HttpMethod.POST, jsonBody("{}"), String.class).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void aFlowStarterStartsFlowsAndDoesNothingElse() throws Exception {
        String starter = user(SwitchboardGroups.FLOW_STARTERS);
        TestRestTemplate as = http.withBasicAuth(starter, PASSWORD);
        ResponseEntity<String> started = as.exchange("/engine-rest/process-definition/key/hang-up-for-everyone/start",
                HttpMethod.POST, jsonBody("{\"variables\": {\"targets\": {\"value\": \"8:acs:starter\"}}}"), String.class);
        assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(200);
        assertThat(deploy(as, "starter", simpleFlow("starter-flow")).getStatusCode().value()).isEqualTo(403);
        assertThat(as.getForEntity("/api/callbacks/unmatched", String.class).getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void aFlowStarterMayOpenTasklistAndGetAStartFormButNotCockpit() throws Exception {
        String starter = user(SwitchboardGroups.FLOW_STARTERS);
        List<String> groups = List.of(SwitchboardGroups.FLOW_STARTERS);
        assertThat(authorizations.isUserAuthorized(starter, groups, Permissions.ACCESS, Resources.APPLICATION, "tasklist"))
                .isTrue();
        assertThat(authorizations.isUserAuthorized(starter, groups, Permissions.ACCESS, Resources.APPLICATION, "cockpit"))
                .isFalse();
        // What Tasklist asks for before it shows the form: the start form's reference, then the form itself.
        TestRestTemplate as = http.withBasicAuth(starter, PASSWORD);
        ResponseEntity<String> reference = as.getForEntity("/engine-rest/process-definition/key/outbound-call/startForm",
                String.class);
        assertThat(reference.getStatusCode().value()).as(reference.getBody()).isEqualTo(200);
        assertThat(json(reference).path("camundaFormRef").path("key").asText()).isEqualTo("outbound-call-start");
        for (String key : List.of("outbound-call", "group-call", "transfer-call")) {
            ResponseEntity<String> form = as.getForEntity("/engine-rest/process-definition/key/" + key
                    + "/deployed-start-form", String.class);
            assertThat(form.getStatusCode().value()).as(form.getBody()).isEqualTo(200);
            assertThat(json(form).path("id").asText()).isEqualTo(key + "-start");
        }
    }

    @Test
    void anotherWebSiteCannotDriveTheApiWithTheUsersCredentials() {
        String author = user(SwitchboardGroups.FLOW_AUTHORS);
        String key = "cross-site-" + UUID.randomUUID().toString().substring(0, 8);
        TestRestTemplate as = http.withBasicAuth(author, PASSWORD);
        HttpHeaders fromElsewhere = new HttpHeaders();
        fromElsewhere.setOrigin("https://evil.example");
        ResponseEntity<String> refused = as.exchange("/engine-rest/deployment/create", HttpMethod.POST,
                new HttpEntity<>(deploymentForm("evil", simpleFlow(key)), withMultipart(fromElsewhere)), String.class);
        assertThat(refused.getStatusCode().value()).isEqualTo(403);
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count()).isZero();

        HttpHeaders preflight = new HttpHeaders();
        preflight.setOrigin("https://evil.example");
        preflight.setAccessControlRequestMethod(HttpMethod.POST);
        ResponseEntity<String> options = http.exchange("/engine-rest/deployment/create", HttpMethod.OPTIONS,
                new HttpEntity<>(preflight), String.class);
        assertThat(options.getStatusCode().value()).isEqualTo(403);
        assertThat(options.getHeaders().getAccessControlAllowOrigin()).isNull();
    }

    @Test
    void anUnauthenticatedAnswerInvitesNoBrowserToKeepCredentials() {
        ResponseEntity<String> response = http.getForEntity("/engine-rest/process-definition", String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(401);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getHeaders().get(HttpHeaders.WWW_AUTHENTICATE)).isNull();
    }

    @Test
    void expressionsReachTheCallActionsButNotTheEnvironmentOtherBeansOrReflection() {
        Map<String, String> refusals = new java.util.LinkedHashMap<>();
        refusals.put("${environment.getProperty('camunda.bpm.admin-user.password') != null}", "Cannot resolve identifier 'environment'");
        refusals.put("${callbackUrls.forCall('x', 'y') != null}", "Cannot resolve identifier 'callbackUrls'");
        refusals.put("${identityService.checkPassword('admin', 'admin')}", "Cannot resolve identifier 'identityService'");
        refusals.put("${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null).exec('true') != null}",
                "may not use 'getClass'");
        refusals.put("${''.class.forName('java.lang.System') != null}", "may not use 'class'");
        refusals.put("${execution.getProcessEngineServices().getIdentityService() != null}",
                "may not use 'getProcessEngineServices'");
        refusals.put("${execution.processEngine != null}", "may not use 'processEngine'");
        refusals.forEach((expression, why) -> {
            String key = "expression-" + UUID.randomUUID().toString().substring(0, 8);
            repository.createDeployment().addString(key + ".bpmn", flowWithExpression(key, expression)).deploy();
            assertThatThrownBy(() -> runtime.startProcessInstanceByKey(key)).as(expression).hasMessageContaining(why);
        });
        String key = "expression-ok-" + UUID.randomUUID().toString().substring(0, 8);
        repository.createDeployment().addString(key + ".bpmn", flowWithExpression(key,
                "${createCall != null && execution.getVariable('x') == null}")).deploy();
        assertThat(runtime.startProcessInstanceByKey(key).isEnded()).isTrue();
    }

    @Test
    void aCallActionWrittenWithTheHashSpellingIsCheckedForAsyncBeforeToo() {
        String key = "hash-action-" + UUID.randomUUID().toString().substring(0, 8);
        String diagram = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
                  <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="hang"/>
                    <bpmn:serviceTask id="hang" name="Hang up" camunda:delegateExpression="#{hangUp}">
                      <bpmn:extensionElements><camunda:inputOutput>
                        <camunda:inputParameter name="callConnectionId">x</camunda:inputParameter>
                      </camunda:inputOutput></bpmn:extensionElements>
                    </bpmn:serviceTask>
                    <bpmn:sequenceFlow id="f2" sourceRef="hang" targetRef="e"/><bpmn:endEvent id="e"/>
                  </bpmn:process>
                </bpmn:definitions>""".formatted(key);
        assertThatThrownBy(() -> repository.createDeployment().addString(key + ".bpmn", diagram).deploy())
                .hasMessageContaining("must be asynchronous before");
    }

    private String user(String group) {
        String id = "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        User user = identity.newUser(id);
        user.setPassword(PASSWORD);
        identity.saveUser(user);
        if (group != null) {
            identity.createMembership(id, group);
        }
        return id;
    }

    private JsonNode json(ResponseEntity<String> response) throws Exception {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return mapper.readTree(response.getBody());
    }

    private static HttpEntity<String> jsonBody(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    /** What Camunda Modeler sends when it deploys: a multipart form with the diagram and its deployment fields. */
    private static ResponseEntity<String> deploy(TestRestTemplate as, String name, String bpmn) {
        return as.exchange("/engine-rest/deployment/create", HttpMethod.POST,
                new HttpEntity<>(deploymentForm(name, bpmn), withMultipart(new HttpHeaders())), String.class);
    }

    private static MultiValueMap<String, Object> deploymentForm(String name, String bpmn) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("deployment-name", name);
        form.add("deployment-source", "Camunda Modeler");
        form.add("deploy-changed-only", "true");
        form.add("data", new ByteArrayResource(bpmn.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return name + ".bpmn";
            }
        });
        return form;
    }

    private static HttpHeaders withMultipart(HttpHeaders headers) {
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return headers;
    }

    private static String simpleFlow(String key) {
        return flowWithExpression(key, "${true}");
    }

    private static String flowWithExpression(String key, String condition) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
                  <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="s"/>
                    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="g"/>
                    <bpmn:exclusiveGateway id="g" default="f3"/>
                    <bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="e">
                      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><![CDATA[%s]]></bpmn:conditionExpression>
                    </bpmn:sequenceFlow>
                    <bpmn:sequenceFlow id="f3" sourceRef="g" targetRef="e"/>
                    <bpmn:endEvent id="e"/>
                  </bpmn:process>
                </bpmn:definitions>""".formatted(key, condition);
    }
}
