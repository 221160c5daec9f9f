package com.switchboard.acs;

import com.azure.communication.callautomation.CallAutomationClient;
import com.azure.communication.callautomation.CallConnection;
import com.azure.communication.callautomation.implementation.models.CommunicationErrorResponse;
import com.azure.communication.callautomation.models.AddParticipantOptions;
import com.azure.communication.callautomation.models.AddParticipantResult;
import com.azure.communication.callautomation.models.CallConnectionProperties;
import com.azure.communication.callautomation.models.CallInvite;
import com.azure.communication.callautomation.models.CallParticipant;
import com.azure.communication.callautomation.models.CreateCallOptions;
import com.azure.communication.callautomation.models.CreateGroupCallOptions;
import com.azure.communication.common.CommunicationIdentifier;
import com.azure.communication.common.CommunicationUserIdentifier;
import com.azure.communication.common.MicrosoftTeamsUserIdentifier;
import com.azure.communication.common.PhoneNumberIdentifier;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.util.Context;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The only door to ACS Call Automation. Speaks in {@link Party} raw ids and plain records so that no SDK
 * type leaks into the flows; turns ACS errors into {@link AcsRequestException}s an operator can read.
 */
@Component
public class CallAutomationGateway {

    private final CallAutomationClient client;
    private final AcsProperties properties;
    private final Environment environment;

    CallAutomationGateway(CallAutomationClient client, AcsProperties properties, Environment environment) {
        this.client = client;
        this.properties = properties;
        this.environment = environment;
    }

    /** Where ACS posts this application's callback events. */
    public String callbackUrl() {
        if (properties.callbackUrl() != null && !properties.callbackUrl().isBlank()) {
            return properties.callbackUrl();
        }
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        return "http://localhost:" + port + "/api/callbacks";
    }

    /** Calls one party, or several at once (a group call). A phone number among them needs a caller ID. */
    public CallInfo createCall(List<Party> targets, Party callerId, String sourceDisplayName,
                               String operationContext, RequestKey key) {
        return call("create the call to " + targets, () -> {
            Context context = context(key);
            CallConnectionProperties created;
            if (targets.size() == 1) {
                CallInvite invite = invite(targets.get(0), callerId, sourceDisplayName);
                CreateCallOptions options = new CreateCallOptions(invite, callbackUrl())
                        .setOperationContext(operationContext);
                created = client.createCallWithResponse(options, context).getValue().getCallConnectionProperties();
            } else {
                CreateGroupCallOptions options = new CreateGroupCallOptions(
                        targets.stream().map(CallAutomationGateway::identifier).toList(), callbackUrl())
                        .setOperationContext(operationContext)
                        .setSourceDisplayName(sourceDisplayName);
                if (callerId != null) {
                    options.setSourceCallIdNumber(new PhoneNumberIdentifier(callerId.phoneNumber()));
                }
                created = client.createGroupCallWithResponse(options, context).getValue().getCallConnectionProperties();
            }
            return info(created);
        });
    }

    /** Invites a party into a call; the outcome comes as AddParticipantSucceeded / AddParticipantFailed. */
    public void addParticipant(String callConnectionId, Party participant, Party callerId, String sourceDisplayName,
                               Duration invitationTimeout, String operationContext, RequestKey key) {
        call("add " + participant + " to call " + callConnectionId, () -> {
            AddParticipantOptions options = new AddParticipantOptions(invite(participant, callerId, sourceDisplayName))
                    .setOperationContext(operationContext);
            if (invitationTimeout != null) {
                options.setInvitationTimeout(invitationTimeout);
            }
            AddParticipantResult result = connection(callConnectionId)
                    .addParticipantWithResponse(options, context(key)).getValue();
            return result;
        });
    }

    /**
     * Leaves the call, or ends it for everyone. A call that ACS no longer knows has ended already, which is
     * what hanging up wants: that answers {@code false} instead of failing.
     */
    public boolean hangUp(String callConnectionId, boolean forEveryone, RequestKey key) {
        try {
            call("hang up call " + callConnectionId, () ->
                    connection(callConnectionId).hangUpWithResponse(forEveryone, context(key)));
            return true;
        } catch (AcsRequestException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
    }

    public CallInfo getCall(String callConnectionId) {
        return call("read call " + callConnectionId, () -> info(connection(callConnectionId).getCallProperties()));
    }

    /** The raw ids of everyone in the call, across all pages. */
    public List<String> listParticipants(String callConnectionId) {
        return call("list the participants of call " + callConnectionId, () ->
                connection(callConnectionId).listParticipants().stream()
                        .map(CallParticipant::getIdentifier)
                        .map(CommunicationIdentifier::getRawId)
                        .toList());
    }

    private CallConnection connection(String callConnectionId) {
        return client.getCallConnection(callConnectionId);
    }

    private static Context context(RequestKey key) {
        return key == null ? Context.NONE : new Context(RepeatabilityPolicy.CONTEXT_KEY, key);
    }

    private static CallInvite invite(Party target, Party callerId, String sourceDisplayName) {
        CallInvite invite = switch (target.kind()) {
            case PHONE_NUMBER -> new CallInvite(new PhoneNumberIdentifier(target.phoneNumber()),
                    new PhoneNumberIdentifier(callerId.phoneNumber()));
            case ACS_USER -> new CallInvite(new CommunicationUserIdentifier(target.rawId()));
            case TEAMS_USER -> new CallInvite((MicrosoftTeamsUserIdentifier) CommunicationIdentifier.fromRawId(target.rawId()));
        };
        return sourceDisplayName == null ? invite : invite.setSourceDisplayName(sourceDisplayName);
    }

    private static CommunicationIdentifier identifier(Party party) {
        return CommunicationIdentifier.fromRawId(party.rawId());
    }

    private static CallInfo info(CallConnectionProperties properties) {
        return new CallInfo(properties.getCallConnectionId(), properties.getServerCallId(),
                properties.getCorrelationId(),
                properties.getCallConnectionState() == null ? null : properties.getCallConnectionState().toString(),
                properties.getTargetParticipants() == null ? List.of()
                        : properties.getTargetParticipants().stream().map(CommunicationIdentifier::getRawId).toList());
    }

    private static <T> T call(String what, Supplier<T> request) {
        try {
            return request.get();
        } catch (HttpResponseException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
            String code = null;
            String message = e.getMessage();
            if (e.getValue() instanceof CommunicationErrorResponse error && error.getError() != null) {
                code = error.getError().getCode();
                message = error.getError().getMessage();
            }
            throw new AcsRequestException("ACS could not " + what + ": HTTP " + status
                    + (code == null ? "" : ", code " + code) + ": " + message, status, code, e);
        } catch (RuntimeException e) {
            throw new AcsRequestException("ACS could not " + what + ": " + e.getMessage(), 0, null, e);
        }
    }
}
