package com.switchboard.acs;

import com.azure.communication.callautomation.CallAutomationClient;
import com.azure.communication.callautomation.CallConnection;
import com.azure.communication.callautomation.models.CallRejectReason;
import com.azure.communication.callautomation.models.RedirectCallOptions;
import com.azure.communication.callautomation.models.RecordingStateResult;
import com.azure.communication.callautomation.models.RejectCallOptions;
import com.azure.communication.callautomation.models.CallConnectionProperties;
import com.azure.communication.callautomation.models.CallInvite;
import com.azure.communication.callautomation.models.CallParticipant;
import com.azure.communication.common.CommunicationIdentifier;
import com.azure.communication.common.CommunicationUserIdentifier;
import com.azure.communication.common.MicrosoftTeamsUserIdentifier;
import com.azure.communication.common.PhoneNumberIdentifier;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The only door to ACS Call Automation: one method and one request record per operation. Speaks in {@link Party}
 * raw ids and plain records so that no SDK type leaks into the flows; turns ACS errors into
 * {@link AcsRequestException}s an operator can read.
 *
 * <p>Each operation has one route, chosen once by what the SDK 1.0.4 (api-version 2023-03-06) can express with every
 * option the action offers: through the SDK, or through {@link AcsRestClient} at 2026-03-12 on the same
 * authenticated pipeline. The route never depends on the arguments of one call.
 */
@Component
public class CallAutomationGateway {

    private final CallAutomationClient client;
    private final AcsRestClient rest;
    private final ObjectMapper mapper;
    private final JsonNodeFactory json = JsonNodeFactory.instance;
    private final String cognitiveServicesEndpoint;

    CallAutomationGateway(CallAutomationClient client, AcsRestClient rest, ObjectMapper mapper, AcsProperties properties) {
        this.client = client;
        this.rest = rest;
        this.mapper = mapper;
        this.cognitiveServicesEndpoint = properties.cognitiveServicesEndpoint();
    }

    /**
     * Calls one party, or several at once (a group call). REST route: the SDK 1.0.4 cannot name the call's Cognitive
     * Services endpoint, which text to speech and speech recognition on the call need.
     */
    public CallInfo createCall(CreateCallRequest request, RequestKey key) {
        ObjectNode body = json.objectNode();
        ArrayNode targets = body.putArray("targets");
        request.targets().forEach(target -> targets.add(identifier(target)));
        if (request.callerId() != null) {
            body.putObject("sourceCallerIdNumber").put("value", request.callerId().phoneNumber());
        }
        putIfPresent(body, "sourceDisplayName", request.sourceDisplayName());
        body.put("callbackUri", request.callbackUrl());
        putIfPresent(body, "operationContext", request.operationContext());
        putCallIntelligence(body, request.cognitiveServicesEndpoint());
        return callInfo(rest.post("calling/callConnections", body, key, "create the call to " + request.targets()));
    }

    /**
     * Answers an incoming call; CallConnected / AnswerFailed follow, to the callback URL. REST route, for the Cognitive
     * Services endpoint as {@link #createCall}.
     */
    public CallInfo answer(AnswerCallRequest request, RequestKey key) {
        ObjectNode body = json.objectNode();
        body.put("incomingCallContext", request.incomingCallContext());
        body.put("callbackUri", request.callbackUrl());
        putIfPresent(body, "operationContext", request.operationContext());
        putCallIntelligence(body, request.cognitiveServicesEndpoint());
        return callInfo(rest.post("calling/callConnections:answer", body, key, "answer the incoming call"));
    }

    /** Declines an incoming call with a reason: none, busy or forbidden. No events follow. SDK route. */
    public void reject(RejectCallRequest request, RequestKey key) {
        sdk("reject the incoming call", () -> client.rejectCallWithResponse(
                new RejectCallOptions(request.incomingCallContext())
                        .setCallRejectReason(CallRejectReason.fromString(request.reason())), context(key)));
    }

    /** Sends an incoming call elsewhere; Switchboard has no part in it afterwards. No events follow. SDK route. */
    public void redirect(RedirectCallRequest request, RequestKey key) {
        sdk("redirect the incoming call to " + request.target(), () -> client.redirectCallWithResponse(
                new RedirectCallOptions(request.incomingCallContext(), invite(request.target(), request.callerId(), null)),
                context(key)));
    }

    /**
     * Joins Switchboard to an existing call; CallConnected / ConnectFailed follow, to the callback URL. REST route:
     * connect is not in the SDK 1.0.4.
     */
    public CallInfo connect(ConnectCallRequest request, RequestKey key) {
        CallLocator locator = request.locator();
        ObjectNode body = json.objectNode();
        ObjectNode callLocator = body.putObject("callLocator");
        callLocator.put("kind", locator.kind().apiKind);
        callLocator.put(locator.kind().idField, locator.id());
        body.put("callbackUri", request.callbackUrl());
        putIfPresent(body, "operationContext", request.operationContext());
        putCallIntelligence(body, request.cognitiveServicesEndpoint());
        return callInfo(rest.post("calling/callConnections:connect", body, key, "connect to " + locator.id()));
    }

    /** The endpoint the request names, else the configured one ({@link AcsProperties#cognitiveServicesEndpoint}). */
    private void putCallIntelligence(ObjectNode body, String requested) {
        String endpoint = requested != null ? requested : cognitiveServicesEndpoint;
        if (endpoint != null && !endpoint.isBlank()) {
            body.putObject("callIntelligenceOptions").put("cognitiveServicesEndpoint", endpoint);
        }
    }

    /** CallConnectionProperties as the REST API answers them. */
    private static CallInfo callInfo(JsonNode answer) {
        List<String> targets = new ArrayList<>();
        answer.path("targets").forEach(target -> targets.add(target.path("rawId").asText()));
        return new CallInfo(answer.path("callConnectionId").asText(null), answer.path("serverCallId").asText(null),
                answer.path("correlationId").asText(null), answer.path("callConnectionState").asText(null), targets);
    }

    /**
     * Invites a party into a call and answers the invitation id (to cancel it). AddParticipantSucceeded /
     * AddParticipantFailed follow, to the operation callback URL when one is given. REST route: the SDK 1.0.4 has no
     * invitation id, custom headers or operation callback URL.
     */
    public String addParticipant(AddParticipantRequest request, RequestKey key) {
        ObjectNode body = json.objectNode();
        body.set("participantToAdd", identifier(request.participant()));
        if (request.callerId() != null) {
            body.putObject("sourceCallerIdNumber").put("value", request.callerId().phoneNumber());
        }
        putIfPresent(body, "sourceDisplayName", request.sourceDisplayName());
        if (request.invitationTimeout() != null) {
            body.put("invitationTimeoutInSeconds", request.invitationTimeout().toSeconds());
        }
        putCommon(body, request.customContext(), request.operationCallbackUrl(), request.operationContext());
        JsonNode answer = rest.post(callPath(request.callConnectionId()) + "/participants:add", body, key,
                "add " + request.participant() + " to call " + request.callConnectionId());
        return answer.path("invitationId").asText(null);
    }

    /**
     * Withdraws an invitation; CancelAddParticipantSucceeded / Failed follow, and the add fails with 487. REST route:
     * not in the SDK 1.0.4.
     */
    public void cancelAddParticipant(CancelAddParticipantRequest request, RequestKey key) {
        ObjectNode body = json.objectNode();
        body.put("invitationId", request.invitationId());
        putCommon(body, null, request.operationCallbackUrl(), request.operationContext());
        rest.post(callPath(request.callConnectionId()) + "/participants:cancelAddParticipant", body, key,
                "cancel invitation " + request.invitationId() + " in call " + request.callConnectionId());
    }

    /**
     * Transfers the call to a target; CallTransferAccepted / CallTransferFailed follow. REST route: the SDK 1.0.4 has
     * no transferee, caller ID, custom headers or operation callback URL for it.
     */
    public void transfer(TransferCallRequest request, RequestKey key) {
        ObjectNode body = json.objectNode();
        body.set("targetParticipant", identifier(request.target()));
        if (request.transferee() != null) {
            body.set("transferee", identifier(request.transferee()));
        }
        if (request.callerId() != null) {
            body.putObject("sourceCallerIdNumber").put("value", request.callerId().phoneNumber());
        }
        putCommon(body, request.customContext(), request.operationCallbackUrl(), request.operationContext());
        rest.post(callPath(request.callConnectionId()) + ":transferToParticipant", body, key,
                "transfer call " + request.callConnectionId() + " to " + request.target());
    }

    /**
     * Removes a participant; RemoveParticipantSucceeded / RemoveParticipantFailed follow. REST route: the SDK 1.0.4
     * has no operation callback URL for it.
     */
    public void removeParticipant(RemoveParticipantRequest request, RequestKey key) {
        ObjectNode body = json.objectNode();
        body.set("participantToRemove", identifier(request.participant()));
        putCommon(body, null, request.operationCallbackUrl(), request.operationContext());
        rest.post(callPath(request.callConnectionId()) + "/participants:remove", body, key,
                "remove " + request.participant() + " from call " + request.callConnectionId());
    }

    /** One participant of the call, or empty when that party is not in it. */
    public Optional<ParticipantInfo> getParticipant(String callConnectionId, Party participant) {
        try {
            CallParticipant found = sdk("read " + participant + " in call " + callConnectionId, () ->
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
    public boolean hangUp(HangUpRequest request, RequestKey key) {
        try {
            sdk("hang up call " + request.callConnectionId(), () ->
                    connection(request.callConnectionId()).hangUpWithResponse(request.forEveryone(), context(key)));
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
        return sdk("read call " + callConnectionId, () -> info(connection(callConnectionId).getCallProperties()));
    }

    /** Everyone in the call, across all pages. */
    public List<ParticipantInfo> listParticipants(String callConnectionId) {
        return sdk("list the participants of call " + callConnectionId, () ->
                connection(callConnectionId).listParticipants().stream()
                        .map(p -> new ParticipantInfo(p.getIdentifier().getRawId(), Boolean.TRUE.equals(p.isMuted())))
                        .toList());
    }

    /**
     * Plays text, SSML or files to some participants or everyone; PlayStarted, then PlayCompleted / PlayFailed /
     * PlayCanceled follow. REST route: the SDK 1.0.4 plays only files, and has no operation callback URL.
     */
    public void play(PlayRequest request, RequestKey key) {
        ObjectNode body = json.objectNode();
        ArrayNode sources = body.putArray("playSources");
        request.sources().forEach(source -> sources.add(playSource(source, request.voice(), request.locale())));
        ArrayNode playTo = body.putArray("playTo");
        request.playTo().forEach(party -> playTo.add(identifier(party)));
        body.put("interruptCallMediaOperation", request.interruptCurrentMedia());
        body.putObject("playOptions").put("loop", request.loop());
        putCommon(body, null, request.operationCallbackUrl(), request.operationContext());
        rest.post(callPath(request.callConnectionId()) + ":play", body, key,
                "play to call " + request.callConnectionId());
    }

    /**
     * Collects a participant's keys, choice or speech, after an optional prompt; RecognizeCompleted /
     * RecognizeFailed / RecognizeCanceled follow. REST route: the SDK 1.0.4 recognizes only DTMF after a file prompt.
     */
    public void recognize(RecognizeRequest request, RequestKey key) {
        ObjectNode body = json.objectNode();
        body.put("recognizeInputType", request.inputType());
        if (!request.prompt().isEmpty()) {
            ArrayNode prompts = body.putArray("playPrompts");
            request.prompt().forEach(source -> prompts.add(playSource(source, request.voice(), request.locale())));
        }
        ObjectNode options = body.putObject("recognizeOptions");
        options.set("targetParticipant", identifier(request.participant()));
        options.put("interruptPrompt", request.interruptPrompt());
        if (request.initialSilenceTimeout() != null) {
            options.put("initialSilenceTimeoutInSeconds", request.initialSilenceTimeout().toSeconds());
        }
        putIfPresent(options, "speechLanguage", request.speechLanguage());
        if (request.maxTones() != null || request.interToneTimeout() != null || request.stopTones() != null) {
            ObjectNode dtmf = options.putObject("dtmfOptions");
            if (request.maxTones() != null) {
                dtmf.put("maxTonesToCollect", request.maxTones());
            }
            if (request.interToneTimeout() != null) {
                dtmf.put("interToneTimeoutInSeconds", request.interToneTimeout().toSeconds());
            }
            if (request.stopTones() != null) {
                ArrayNode stopTones = dtmf.putArray("stopTones");
                request.stopTones().chars().forEach(tone -> stopTones.add(DtmfTone.ofKey((char) tone).wireName()));
            }
        }
        if (!request.choices().isEmpty()) {
            ArrayNode choices = options.putArray("choices");
            for (RecognizeChoice choice : request.choices()) {
                ObjectNode node = choices.addObject().put("label", choice.label());
                choice.phrases().forEach(node.putArray("phrases")::add);
                if (choice.tone() != null) {
                    node.put("tone", DtmfTone.ofKey(choice.tone().charAt(0)).wireName());
                }
            }
        }
        if (request.endSilenceTimeout() != null) {
            options.putObject("speechOptions").put("endSilenceTimeoutInMs", request.endSilenceTimeout().toMillis());
        }
        putCommon(body, null, request.operationCallbackUrl(), request.operationContext());
        rest.post(callPath(request.callConnectionId()) + ":recognize", body, key,
                "recognize " + request.participant() + " in call " + request.callConnectionId());
    }

    /**
     * Starts reporting each key the participant presses as ContinuousDtmfRecognitionToneReceived. REST route: not in
     * the SDK 1.0.4.
     */
    public void startContinuousDtmf(ContinuousDtmfRequest request, RequestKey key) {
        continuousDtmf(request, key, ":startContinuousDtmfRecognition", "start continuous DTMF of ");
    }

    /** Stops it; ContinuousDtmfRecognitionStopped follows. REST route: not in the SDK 1.0.4. */
    public void stopContinuousDtmf(ContinuousDtmfRequest request, RequestKey key) {
        continuousDtmf(request, key, ":stopContinuousDtmfRecognition", "stop continuous DTMF of ");
    }

    private void continuousDtmf(ContinuousDtmfRequest request, RequestKey key, String operation, String what) {
        ObjectNode body = json.objectNode();
        body.set("targetParticipant", identifier(request.participant()));
        putCommon(body, null, request.operationCallbackUrl(), request.operationContext());
        rest.post(callPath(request.callConnectionId()) + operation, body, key,
                what + request.participant() + " in call " + request.callConnectionId());
    }

    /**
     * Sends keys to a phone participant; SendDtmfTonesCompleted / SendDtmfTonesFailed follow. REST route: not in the
     * SDK 1.0.4.
     */
    public void sendDtmfTones(SendDtmfTonesRequest request, RequestKey key) {
        ObjectNode body = json.objectNode();
        ArrayNode tones = body.putArray("tones");
        request.tones().chars().forEach(tone -> tones.add(DtmfTone.ofKey((char) tone).wireName()));
        body.set("targetParticipant", identifier(request.participant()));
        putCommon(body, null, request.operationCallbackUrl(), request.operationContext());
        rest.post(callPath(request.callConnectionId()) + ":sendDtmfTones", body, key,
                "send DTMF tones to " + request.participant() + " in call " + request.callConnectionId());
    }

    /** Puts a participant on hold, with music when given; HoldFailed follows a failure. REST route: not in 1.0.4. */
    public void hold(HoldRequest request, RequestKey key) {
        ObjectNode body = json.objectNode();
        body.set("targetParticipant", identifier(request.participant()));
        if (!request.holdMusic().isEmpty()) {
            body.set("playSourceInfo", playSource(request.holdMusic().get(0), request.voice(), request.locale()));
        }
        putCommon(body, null, request.operationCallbackUrl(), request.operationContext());
        rest.post(callPath(request.callConnectionId()) + ":hold", body, key,
                "hold " + request.participant() + " in call " + request.callConnectionId());
    }

    /** Takes a participant off hold. REST route: not in the SDK 1.0.4. */
    public void unhold(UnholdRequest request, RequestKey key) {
        ObjectNode body = json.objectNode();
        body.set("targetParticipant", identifier(request.participant()));
        putCommon(body, null, request.operationCallbackUrl(), request.operationContext());
        rest.post(callPath(request.callConnectionId()) + ":unhold", body, key,
                "unhold " + request.participant() + " in call " + request.callConnectionId());
    }

    /** Mutes an ACS user. REST route: the SDK 1.0.4 has no mute. */
    public void mute(MuteRequest request, RequestKey key) {
        ObjectNode body = json.objectNode();
        body.putArray("targetParticipants").add(identifier(request.participant()));
        putIfPresent(body, "operationContext", request.operationContext());
        rest.post(callPath(request.callConnectionId()) + "/participants:mute", body, key,
                "mute " + request.participant() + " in call " + request.callConnectionId());
    }

    /**
     * Stops every play and recognize in the call; they end with PlayCanceled / RecognizeCanceled. REST route, like
     * play and recognize, so that the operation callback URL is sent too.
     */
    public void cancelAllMedia(CancelAllMediaRequest request, RequestKey key) {
        ObjectNode body = json.objectNode();
        putCommon(body, null, request.operationCallbackUrl(), request.operationContext());
        rest.post(callPath(request.callConnectionId()) + ":cancelAllMediaOperations", body, key,
                "cancel all media in call " + request.callConnectionId());
    }

    /**
     * Starts recording the call, by its call connection id or, when the request names a server call id, by its
     * server call locator; RecordingStateChanged follows to the recording state callback URL (StartRecordingFailed
     * when ACS cannot record). REST route: the SDK 1.0.4 speaks 2023-03-06, which has neither the call connection id
     * nor pauseOnStart.
     */
    public RecordingInfo startRecording(StartRecordingRequest request, RequestKey key) {
        ObjectNode body = json.objectNode();
        String what;
        if (request.serverCallId() != null) {
            body.putObject("callLocator").put("kind", "serverCallLocator").put("serverCallId", request.serverCallId());
            what = "start recording server call " + request.serverCallId();
        } else {
            body.put("callConnectionId", request.callConnectionId());
            what = "start recording call " + request.callConnectionId();
        }
        putIfPresent(body, "recordingStateCallbackUri", request.recordingStateCallbackUrl());
        putIfPresent(body, "recordingContentType", request.content());
        putIfPresent(body, "recordingChannelType", request.channel());
        putIfPresent(body, "recordingFormatType", request.format());
        body.put("pauseOnStart", request.pauseOnStart());
        JsonNode answer = rest.post("calling/recordings", body, key, what);
        return new RecordingInfo(answer.path("recordingId").asText(null), answer.path("recordingState").asText(null));
    }

    /** Pauses a recording; RecordingStateChanged ({@code inactive}) follows. SDK route: CallRecording.pause. */
    public void pauseRecording(String recordingId, RequestKey key) {
        sdk("pause recording " + recordingId, () -> client.getCallRecording().pauseWithResponse(recordingId, context(key)));
    }

    /** Resumes a paused recording; RecordingStateChanged ({@code active}) follows. SDK route: CallRecording.resume. */
    public void resumeRecording(String recordingId, RequestKey key) {
        sdk("resume recording " + recordingId, () -> client.getCallRecording().resumeWithResponse(recordingId, context(key)));
    }

    /** Stops a recording for good; RecordingStateChanged ({@code inactive}) follows. SDK route: CallRecording.stop. */
    public void stopRecording(String recordingId, RequestKey key) {
        sdk("stop recording " + recordingId, () -> client.getCallRecording().stopWithResponse(recordingId, context(key)));
    }

    /** The recording's state as ACS has it now. SDK route: CallRecording.getState. */
    public RecordingInfo recordingState(String recordingId) {
        return sdk("read the state of recording " + recordingId, () -> {
            RecordingStateResult state = client.getCallRecording().getState(recordingId);
            return new RecordingInfo(state.getRecordingId(),
                    state.getRecordingState() == null ? null : state.getRecordingState().toString());
        });
    }

    /** A PlaySource of the REST API; voice and locale apply to text. */
    private ObjectNode playSource(PlaySource source, String voice, String locale) {
        ObjectNode node = json.objectNode();
        switch (source.type()) {
            case TEXT -> {
                ObjectNode text = node.put("kind", "text").putObject("text").put("text", source.value());
                putIfPresent(text, "voiceName", voice);
                putIfPresent(text, "sourceLocale", locale);
            }
            case SSML -> node.put("kind", "ssml").putObject("ssml").put("ssmlText", source.value());
            case FILE -> node.put("kind", "file").putObject("file").put("uri", source.value());
        }
        return node;
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

    /** Runs an SDK request; what ACS answered, if not 2xx, becomes the one exception of a refused request. */
    private <T> T sdk(String what, Supplier<T> request) {
        try {
            return request.get();
        } catch (HttpResponseException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
            // The SDK has read ACS's error body into its own model; as a tree it is the body ACS sent.
            JsonNode body = e.getValue() == null ? null : mapper.valueToTree(e.getValue());
            throw AcsRequestException.answered(what, status, body, e.getMessage(), e);
        } catch (RuntimeException e) {
            throw AcsRequestException.unanswered(what, e);
        }
    }
}
