package com.switchboard.acs;

import com.azure.communication.callautomation.CallAutomationClient;
import com.azure.communication.callautomation.CallConnection;
import com.azure.communication.callautomation.implementation.models.CommunicationErrorResponse;
import com.azure.communication.callautomation.models.AnswerCallOptions;
import com.azure.communication.callautomation.models.CallRejectReason;
import com.azure.communication.callautomation.models.RedirectCallOptions;
import com.azure.communication.callautomation.models.RejectCallOptions;
import com.azure.communication.callautomation.models.RemoveParticipantOptions;
import com.azure.communication.callautomation.models.TransferCallToParticipantOptions;
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
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The only door to ACS Call Automation. Speaks in {@link Party} raw ids and plain records so that no SDK
 * type leaks into the flows; turns ACS errors into {@link AcsRequestException}s an operator can read.
 */
@Component
public class CallAutomationGateway {

    private final CallAutomationClient client;
    private final AcsRestClient rest;
    private final JsonNodeFactory json = JsonNodeFactory.instance;

    CallAutomationGateway(CallAutomationClient client, AcsRestClient rest) {
        this.client = client;
        this.rest = rest;
    }

    /**
     * Calls one party, or several at once (a group call). A phone number among them needs a caller ID.
     *
     * @param callbackUrl where ACS posts the call's events (the owning flow's, callbacks/CallbackUrls)
     */
    public CallInfo createCall(List<Party> targets, Party callerId, String sourceDisplayName, String callbackUrl,
                               String operationContext, RequestKey key) {
        return call("create the call to " + targets, () -> {
            Context context = context(key);
            CallConnectionProperties created;
            if (targets.size() == 1) {
                CallInvite invite = invite(targets.get(0), callerId, sourceDisplayName);
                CreateCallOptions options = new CreateCallOptions(invite, callbackUrl)
                        .setOperationContext(operationContext);
                created = client.createCallWithResponse(options, context).getValue().getCallConnectionProperties();
            } else {
                CreateGroupCallOptions options = new CreateGroupCallOptions(
                        targets.stream().map(CallAutomationGateway::identifierOf).toList(), callbackUrl)
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

    /**
     * Invites a party into a call and answers the invitation id (to cancel it). The outcome comes as
     * AddParticipantSucceeded / AddParticipantFailed, to the operation callback URL when one is given.
     */
    public String addParticipant(String callConnectionId, Party participant, Party callerId, String sourceDisplayName,
                                 Duration invitationTimeout, CustomCallingContext customContext,
                                 String operationCallbackUrl, String operationContext, RequestKey key) {
        ObjectNode body = json.objectNode();
        body.set("participantToAdd", identifier(participant));
        if (callerId != null) {
            body.putObject("sourceCallerIdNumber").put("value", callerId.phoneNumber());
        }
        putIfPresent(body, "sourceDisplayName", sourceDisplayName);
        if (invitationTimeout != null) {
            body.put("invitationTimeoutInSeconds", invitationTimeout.toSeconds());
        }
        putCommon(body, customContext, operationCallbackUrl, operationContext);
        JsonNode answer = rest.post(callPath(callConnectionId) + "/participants:add", body, key,
                "add " + participant + " to call " + callConnectionId);
        return answer.path("invitationId").asText(null);
    }

    /** Withdraws an invitation; CancelAddParticipantSucceeded / Failed follow, and the add fails with 487. */
    public void cancelAddParticipant(String callConnectionId, String invitationId, String operationCallbackUrl,
                                     String operationContext, RequestKey key) {
        ObjectNode body = json.objectNode();
        body.put("invitationId", invitationId);
        putCommon(body, null, operationCallbackUrl, operationContext);
        rest.post(callPath(callConnectionId) + "/participants:cancelAddParticipant", body, key,
                "cancel invitation " + invitationId + " in call " + callConnectionId);
    }

    /**
     * Transfers the call to a target. Without a transferee it transfers Switchboard's own leg of a 1:1 call
     * (Switchboard leaves); with one, it moves that participant of a group call. CallTransferAccepted /
     * CallTransferFailed follow.
     */
    public void transfer(String callConnectionId, Party target, Party transferee, Party callerId,
                         CustomCallingContext customContext, String operationCallbackUrl, String operationContext,
                         RequestKey key) {
        String what = "transfer call " + callConnectionId + " to " + target;
        if (transferee == null && callerId == null && customContext == null && operationCallbackUrl == null) {
            call(what, () -> connection(callConnectionId).transferCallToParticipantWithResponse(
                    new TransferCallToParticipantOptions(identifierOf(target)).setOperationContext(operationContext),
                    context(key)));
            return;
        }
        ObjectNode body = json.objectNode();
        body.set("targetParticipant", identifier(target));
        if (transferee != null) {
            body.set("transferee", identifier(transferee));
        }
        if (callerId != null) {
            body.putObject("sourceCallerIdNumber").put("value", callerId.phoneNumber());
        }
        putCommon(body, customContext, operationCallbackUrl, operationContext);
        rest.post(callPath(callConnectionId) + ":transferToParticipant", body, key, what);
    }

    /** Removes a participant; RemoveParticipantSucceeded / RemoveParticipantFailed follow. */
    public void removeParticipant(String callConnectionId, Party participant, String operationCallbackUrl,
                                  String operationContext, RequestKey key) {
        String what = "remove " + participant + " from call " + callConnectionId;
        if (operationCallbackUrl == null) {
            call(what, () -> connection(callConnectionId).removeParticipantWithResponse(
                    new RemoveParticipantOptions(identifierOf(participant)).setOperationContext(operationContext),
                    context(key)));
            return;
        }
        ObjectNode body = json.objectNode();
        body.set("participantToRemove", identifier(participant));
        putCommon(body, null, operationCallbackUrl, operationContext);
        rest.post(callPath(callConnectionId) + "/participants:remove", body, key, what);
    }

    /** Answers an incoming call; CallConnected / AnswerFailed follow, to the callback URL. */
    public CallInfo answer(String incomingCallContext, String callbackUrl, String operationContext, RequestKey key) {
        return call("answer the incoming call", () -> info(client.answerCallWithResponse(
                new AnswerCallOptions(incomingCallContext, callbackUrl).setOperationContext(operationContext),
                context(key)).getValue().getCallConnectionProperties()));
    }

    /** Declines an incoming call with a reason: none, busy or forbidden. No events follow. */
    public void reject(String incomingCallContext, String reason, RequestKey key) {
        call("reject the incoming call", () -> client.rejectCallWithResponse(new RejectCallOptions(incomingCallContext)
                .setCallRejectReason(CallRejectReason.fromString(reason)), context(key)));
    }

    /** Sends an incoming call elsewhere; Switchboard has no part in it afterwards. No events follow. */
    public void redirect(String incomingCallContext, Party target, Party callerId, RequestKey key) {
        call("redirect the incoming call to " + target, () -> client.redirectCallWithResponse(
                new RedirectCallOptions(incomingCallContext, invite(target, callerId, null)), context(key)));
    }

    /** Joins Switchboard to an existing call; CallConnected / ConnectFailed follow, to the callback URL. */
    public CallInfo connect(CallLocator locator, String callbackUrl, String operationContext, RequestKey key) {
        ObjectNode body = json.objectNode();
        ObjectNode callLocator = body.putObject("callLocator");
        callLocator.put("kind", locator.kind().apiKind);
        callLocator.put(locator.kind().idField, locator.id());
        body.put("callbackUri", callbackUrl);
        putIfPresent(body, "operationContext", operationContext);
        JsonNode answer = rest.post("calling/callConnections:connect", body, key, "connect to " + locator.id());
        return new CallInfo(answer.path("callConnectionId").asText(null), answer.path("serverCallId").asText(null),
                answer.path("correlationId").asText(null), answer.path("callConnectionState").asText(null), List.of());
    }

    /** One participant of the call, or empty when that party is not in it. */
    public Optional<ParticipantInfo> getParticipant(String callConnectionId, Party participant) {
        try {
            CallParticipant found = call("read " + participant + " in call " + callConnectionId, () ->
                    connection(callConnectionId).getParticipant(identifierOf(participant)));
            return Optional.of(new ParticipantInfo(found.getIdentifier().getRawId(), Boolean.TRUE.equals(found.isMuted())));
        } catch (AcsRequestException e) {
            if (e.status() != 404) {
                throw e;
            }
            getCall(callConnectionId); // ACS answers 404 for an unknown call too: that one is an error.
            return Optional.empty();
        }
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

    /** The call while it lasts: empty once ACS no longer knows it (404) or says it is disconnected. */
    public Optional<CallInfo> liveCall(String callConnectionId) {
        try {
            CallInfo call = getCall(callConnectionId);
            return "disconnected".equalsIgnoreCase(call.state()) ? Optional.empty() : Optional.of(call);
        } catch (AcsRequestException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public CallInfo getCall(String callConnectionId) {
        return call("read call " + callConnectionId, () -> info(connection(callConnectionId).getCallProperties()));
    }

    /** Everyone in the call, across all pages. */
    public List<ParticipantInfo> listParticipants(String callConnectionId) {
        return call("list the participants of call " + callConnectionId, () ->
                connection(callConnectionId).listParticipants().stream()
                        .map(p -> new ParticipantInfo(p.getIdentifier().getRawId(), Boolean.TRUE.equals(p.isMuted())))
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

    private static CommunicationIdentifier identifierOf(Party party) {
        return CommunicationIdentifier.fromRawId(party.rawId());
    }

    /** The CommunicationIdentifierModel of the REST API. */
    private ObjectNode identifier(Party party) {
        ObjectNode node = json.objectNode().put("rawId", party.rawId());
        switch (party.kind()) {
            case PHONE_NUMBER -> node.put("kind", "phoneNumber").putObject("phoneNumber").put("value", party.phoneNumber());
            case ACS_USER -> node.put("kind", "communicationUser").putObject("communicationUser").put("id", party.rawId());
            case TEAMS_USER -> {
                MicrosoftTeamsUserIdentifier teams = (MicrosoftTeamsUserIdentifier) identifierOf(party);
                node.put("kind", "microsoftTeamsUser").putObject("microsoftTeamsUser")
                        .put("userId", teams.getUserId()).put("isAnonymous", teams.isAnonymous())
                        .put("cloud", teams.getCloudEnvironment().toString());
            }
        }
        return node;
    }

    private void putCommon(ObjectNode body, CustomCallingContext customContext, String operationCallbackUrl,
                           String operationContext) {
        putIfPresent(body, "operationContext", operationContext);
        putIfPresent(body, "operationCallbackUri", operationCallbackUrl);
        if (customContext != null) {
            ObjectNode custom = body.putObject("customCallingContext");
            if (customContext.sipHeaders() != null) {
                customContext.sipHeaders().forEach(custom.putObject("sipHeaders")::put);
            }
            if (customContext.voipHeaders() != null) {
                customContext.voipHeaders().forEach(custom.putObject("voipHeaders")::put);
            }
        }
    }

    private static void putIfPresent(ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }

    private static String callPath(String callConnectionId) {
        return "calling/callConnections/" + URLEncoder.encode(callConnectionId, StandardCharsets.UTF_8);
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
