package com.switchboard.emulator.calling;

import static com.switchboard.emulator.model.ApiVersion.V2023_03_06;
import static com.switchboard.emulator.model.ApiVersion.V2023_10_15;
import static com.switchboard.emulator.model.ApiVersion.V2024_09_15;
import static com.switchboard.emulator.model.ApiVersion.V2026_03_12;

import com.switchboard.emulator.delivery.CallbackDispatcher;
import com.switchboard.emulator.faults.FaultInjector;
import com.switchboard.emulator.http.ApiRequest;
import com.switchboard.emulator.http.ApiResponse;
import com.switchboard.emulator.http.Endpoint;
import com.switchboard.emulator.http.Route;
import com.switchboard.emulator.http.Router;
import com.switchboard.emulator.media.MediaEngine;
import com.switchboard.emulator.media.CallInput;
import com.switchboard.emulator.model.AcsApiException;
import com.switchboard.emulator.model.ApiVersion;
import com.switchboard.emulator.recording.CallRecordings;
import com.switchboard.emulator.telephony.CallEngine;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Call Automation REST API under {@code /calling}: authenticates the request, resolves the api-version, routes
 * it and de-duplicates repeated requests. Operations of the service that the emulator does not implement answer
 * 501 (which the SDK does not retry) rather than pretending to succeed.
 *
 * <p>Actions (the operations that change something: the repeatable ones) go through the fault plan first. A faulted
 * action is answered with its error without being carried out or remembered for its repeatability id, so the
 * client's retry with the same id is carried out once; a repeat of an action that succeeded gets the stored answer.
 *
 * <p>The route table in the constructor is the one place an operation is declared: a row names its method, path,
 * first api-version and repeatability, and a handler method of its operation group's class
 * ({@link CallConnectionOperations}, {@link ParticipantOperations}, {@link PreConnectionOperations},
 * {@link RecordingOperations}, {@link MediaOperations}), which reads the
 * request and calls telephony. An operation not implemented yet is a {@code notImplemented} row.
 */
public final class CallingApi implements Endpoint {

    private static final String CALL = "/calling/callConnections/([^/:]+)";
    private static final String PARTICIPANTS = CALL + "/participants";
    private static final String RECORDING = "/calling/recordings/([^/:]+)";

    private final HmacAuthenticator authenticator;
    private final RepeatabilityCache repeatability;
    private final ActionFaults faults;
    private final Router router;

    /**
     * @param accessKey the base64 key requests must be signed with
     * @param participantsPageSize page size of the list participants operation
     * @param faults the fault plan, applied to actions
     * @param callbacks whose deliveries a response may wait for (fault plan: deliver before response)
     * @param recordings the calls' recordings
     * @param media the calls' media (prompts, hold, mute, tones)
     * @param input what the calls' participants key in and say (recognize, continuous DTMF)
     */
    public CallingApi(CallEngine engine, String accessKey, int participantsPageSize, FaultInjector faults,
                      CallbackDispatcher callbacks, CallRecordings recordings, MediaEngine media,
                      CallInput input) {
        Clock clock = Clock.systemUTC();
        this.authenticator = new HmacAuthenticator(accessKey, clock);
        this.repeatability = new RepeatabilityCache(clock);
        this.faults = new ActionFaults(faults, callbacks);
        CallConnectionOperations calls = new CallConnectionOperations(engine, media);
        MediaOperations mediaOperations = new MediaOperations(engine, media);
        ParticipantOperations participants = new ParticipantOperations(engine, participantsPageSize);
        PreConnectionOperations preConnections = new PreConnectionOperations(engine, media);
        RecordingOperations recording = new RecordingOperations(engine, recordings);
        MediaInputOperations mediaInput = new MediaInputOperations(engine, input);
        this.router = new Router(List.of(
            Route.of("POST", "/calling/callConnections", V2023_03_06, true, calls::createCall),
            Route.of("GET", CALL, V2023_03_06, false, calls::getCall),
            Route.of("DELETE", CALL, V2023_03_06, true, calls::hangUp),
            Route.of("POST", CALL + ":terminate", V2023_03_06, true, calls::terminate),
            Route.of("POST", CALL + ":transferToParticipant", V2023_03_06, true, calls::transferToParticipant),
            Route.of("GET", PARTICIPANTS, V2023_03_06, false, participants::list),
            Route.of("GET", PARTICIPANTS + "/([^/]+)", V2023_03_06, false, participants::get),
            Route.of("POST", PARTICIPANTS + ":add", V2023_03_06, true, participants::add),
            Route.of("POST", PARTICIPANTS + ":remove", V2023_03_06, true, participants::remove),
            Route.of("POST", PARTICIPANTS + ":cancelAddParticipant", V2023_10_15, true, participants::cancelAdd),
            Route.of("POST", "/calling/callConnections:answer", V2023_03_06, true, preConnections::answer),
            Route.of("POST", "/calling/callConnections:reject", V2023_03_06, true, preConnections::reject),
            Route.of("POST", "/calling/callConnections:redirect", V2023_03_06, true, preConnections::redirect),
            Route.of("POST", "/calling/callConnections:connect", V2024_09_15, true, preConnections::connect),
            Route.of("POST", CALL + ":play", V2023_03_06, true, mediaOperations::play),
            Route.of("POST", CALL + ":cancelAllMediaOperations", V2023_03_06, true, mediaOperations::cancelAll),
            Route.of("POST", CALL + ":sendDtmfTones", V2023_10_15, true, mediaOperations::sendDtmfTones),
            Route.of("POST", CALL + ":hold", V2024_09_15, true, mediaOperations::hold),
            Route.of("POST", CALL + ":unhold", V2024_09_15, true, mediaOperations::unhold),
            Route.of("POST", CALL + ":recognize", V2023_03_06, true, mediaInput::recognize),
            Route.of("POST", CALL + ":startContinuousDtmfRecognition", V2023_10_15, true, mediaInput::startContinuousDtmf),
            Route.of("POST", CALL + ":stopContinuousDtmfRecognition", V2023_10_15, true, mediaInput::stopContinuousDtmf),
            notImplemented("POST", CALL + ":(startTranscription|stopTranscription|updateTranscription"
                + "|startMediaStreaming|stopMediaStreaming)", V2024_09_15),
            Route.of("POST", PARTICIPANTS + ":mute", V2023_10_15, true, mediaOperations::mute),
            notImplemented("POST", PARTICIPANTS + ":moveHere", V2026_03_12),
            Route.of("POST", "/calling/recordings", V2023_03_06, true, recording::start),
            Route.of("GET", RECORDING, V2023_03_06, false, recording::get),
            Route.of("POST", RECORDING + ":pause", V2023_03_06, true, recording::pause),
            Route.of("POST", RECORDING + ":resume", V2023_03_06, true, recording::resume),
            Route.of("DELETE", RECORDING, V2023_03_06, true, recording::stop)));
    }

    /** Everything under {@code /calling/} but the OpenID documents, which {@link OpenIdApi} serves first. */
    @Override
    public boolean serves(ApiRequest request) {
        return request.rawPath().startsWith("/calling/");
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        authenticator.verify(request);
        ApiVersion version = apiVersion(request);
        Router.Match match = router.match(request, version);
        Route route = match.route();
        if (!route.repeatable()) {
            return invoke(route, request, version, match.parameters());
        }
        Optional<ApiResponse> refused = faults.refuse(request);
        if (refused.isPresent()) {
            return refused.get();
        }
        Supplier<ApiResponse> action =
            () -> faults.carryOut(() -> invoke(route, request, version, match.parameters()), match.parameters());
        Optional<String> requestId = request.header("repeatability-request-id");
        return requestId.isPresent()
            ? repeatability.execute(request.method(), request.rawPath(), requestId.get(), action)
            : action.get();
    }

    private static ApiResponse invoke(Route route, ApiRequest request, ApiVersion version, String[] parameters) {
        try {
            return route.handler().handle(request, version, parameters);
        } catch (AcsApiException e) {
            return ApiResponse.error(e.status(), e.code(), e.getMessage());
        }
    }

    private static ApiVersion apiVersion(ApiRequest request) {
        String value = request.queryParameter("api-version").orElseThrow(() -> new AcsApiException(400,
            "MissingApiVersionParameter", "The api-version query parameter is required. Supported versions: "
            + ApiVersion.supportedList() + "."));
        return ApiVersion.parse(value).orElseThrow(() -> new AcsApiException(400, "UnsupportedApiVersion",
            "The api-version '" + value + "' is not supported. Supported versions: " + ApiVersion.supportedList()
            + "."));
    }

    private static Route notImplemented(String method, String pathRegex, ApiVersion since) {
        return Route.of(method, pathRegex, since, false, (request, version, path) -> {
            throw new AcsApiException(501, "NotImplemented",
                "The ACS emulator does not implement " + request.method() + " " + request.rawPath() + ".");
        });
    }
}
