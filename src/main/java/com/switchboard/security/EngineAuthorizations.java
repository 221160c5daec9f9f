package com.switchboard.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import com.switchboard.engine.EngineSetup;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

/**
 * The groups of {@link SwitchboardGroups} and what they may do, created when the engine starts (authorization
 * checks are on: application.yml). A grant that exists is left as it is, so what an administrator changes in
 * Camunda Admin stays changed; one that is missing is created again.
 */
@Component
class EngineAuthorizations implements EngineSetup {

    private static final String COCKPIT = "cockpit";
    private static final String TASKLIST = "tasklist";

    record Grant(Resource resource, String resourceId, List<Permission> permissions) {
    }

    /** What each group may do; the README's security table says the same in words. */
    static final Map<String, List<Grant>> GRANTS = Map.of(
            SwitchboardGroups.OPERATORS, List.of(
                    new Grant(Resources.APPLICATION, COCKPIT, List.of(Permissions.ACCESS)),
                    new Grant(Resources.PROCESS_DEFINITION, ANY, List.of(ProcessDefinitionPermissions.READ,
                            ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_INSTANCE,
                            ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE, ProcessDefinitionPermissions.READ_HISTORY_VARIABLE,
                            ProcessDefinitionPermissions.UPDATE_INSTANCE, ProcessDefinitionPermissions.RETRY_JOB,
                            ProcessDefinitionPermissions.DELETE_INSTANCE)),
                    new Grant(Resources.PROCESS_INSTANCE, ANY, List.of(ProcessInstancePermissions.READ,
                            ProcessInstancePermissions.UPDATE, ProcessInstancePermissions.RETRY_JOB,
                            ProcessInstancePermissions.DELETE)),
                    new Grant(Resources.DECISION_DEFINITION, ANY, List.of(Permissions.READ, Permissions.READ_HISTORY)),
                    new Grant(Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, List.of(Permissions.READ)),
                    new Grant(Resources.DEPLOYMENT, ANY, List.of(Permissions.READ))),
            SwitchboardGroups.FLOW_AUTHORS, List.of(
                    new Grant(Resources.APPLICATION, COCKPIT, List.of(Permissions.ACCESS)),
                    new Grant(Resources.DEPLOYMENT, ANY, List.of(Permissions.CREATE, Permissions.READ, Permissions.DELETE)),
                    new Grant(Resources.PROCESS_DEFINITION, ANY, List.of(ProcessDefinitionPermissions.READ,
                            ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.CREATE_INSTANCE,
                            ProcessDefinitionPermissions.READ_INSTANCE)),
                    new Grant(Resources.PROCESS_INSTANCE, ANY, List.of(ProcessInstancePermissions.CREATE,
                            ProcessInstancePermissions.READ)),
                    new Grant(Resources.DECISION_DEFINITION, ANY, List.of(Permissions.READ, Permissions.READ_HISTORY,
                            Permissions.CREATE_INSTANCE)),
                    new Grant(Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, List.of(Permissions.READ))),
            SwitchboardGroups.FLOW_STARTERS, List.of(
                    // Tasklist, to start a flow with its start form. The form itself needs no grant of its own: the
                    // engine serves a start form to whoever may READ its process definition.
                    new Grant(Resources.APPLICATION, TASKLIST, List.of(Permissions.ACCESS)),
                    new Grant(Resources.PROCESS_DEFINITION, ANY, List.of(ProcessDefinitionPermissions.READ,
                            ProcessDefinitionPermissions.CREATE_INSTANCE, ProcessDefinitionPermissions.READ_INSTANCE)),
                    new Grant(Resources.PROCESS_INSTANCE, ANY, List.of(ProcessInstancePermissions.CREATE,
                            ProcessInstancePermissions.READ))));

    private static final Map<String, String> NAMES = Map.of(
            SwitchboardGroups.OPERATORS, "Switchboard operators: watch calls, retry incidents, cancel flows",
            SwitchboardGroups.FLOW_AUTHORS, "Switchboard flow authors: deploy call flows (runs code on the server)",
            SwitchboardGroups.FLOW_STARTERS, "Switchboard flow starters: start call flows over REST or from Tasklist");

    @Override
    public void engineBuilt(ProcessEngine engine) {
        IdentityService identity = engine.getIdentityService();
        AuthorizationService authorizations = engine.getAuthorizationService();
        ensureGroup(identity, SwitchboardGroups.ADMINISTRATORS, "camunda BPM Administrators", Groups.GROUP_TYPE_SYSTEM);
        for (Resource resource : Resources.values()) {
            ensure(authorizations, SwitchboardGroups.ADMINISTRATORS, new Grant(resource, ANY, List.of(Permissions.ALL)));
        }
        GRANTS.forEach((group, grants) -> {
            ensureGroup(identity, group, NAMES.get(group), Groups.GROUP_TYPE_WORKFLOW);
            grants.forEach(grant -> ensure(authorizations, group, grant));
        });
    }

    private static void ensureGroup(IdentityService identity, String id, String name, String type) {
        if (identity.createGroupQuery().groupId(id).count() == 0) {
            Group group = identity.newGroup(id);
            group.setName(name);
            group.setType(type);
            identity.saveGroup(group);
        }
    }

    private static void ensure(AuthorizationService authorizations, String group, Grant grant) {
        if (authorizations.createAuthorizationQuery().groupIdIn(group).resourceType(grant.resource())
                .resourceId(grant.resourceId()).count() > 0) {
            return;
        }
        Authorization authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
        authorization.setGroupId(group);
        authorization.setResource(grant.resource());
        authorization.setResourceId(grant.resourceId());
        grant.permissions().forEach(authorization::addPermission);
        authorizations.saveAuthorization(authorization);
    }
}
