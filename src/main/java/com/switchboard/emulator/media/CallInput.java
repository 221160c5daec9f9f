package com.switchboard.emulator.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.switchboard.emulator.delivery.CallbackDispatcher;
import com.switchboard.emulator.delivery.CloudEventEnvelope;
import com.switchboard.emulator.model.AcsApiException;
import com.switchboard.emulator.model.AcsJson;
import com.switchboard.emulator.model.ApiVersion;
import com.switchboard.emulator.model.Identifier;
import com.switchboard.emulator.model.ResultInfo;
import com.switchboard.emulator.telephony.CallEngine;
import com.switchboard.emulator.telephony.CallState;
import com.switchboard.emulator.telephony.EmulatedCall;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * What the participants of calls key in and say: recognize operations, continuous DTMF recognition, and the scripted
 * callers ({@link CallerRule}) who answer recognizes. Keys and phrases come from the callers' scripts or from the
 * control API ({@link #press}, {@link #say}); each reaches the participant's running recognize and, for keys, its
 * continuous DTMF recognition. Every change holds the call's monitor, so events of a call are submitted in order.
 */
public final class CallInput {

    static final ResultInfo MAX_TONES = new ResultInfo(200, 8531, "Action completed, max digits received.");
    static final ResultInfo STOP_TONE = new ResultInfo(200, 8514, "Action completed, stop tone detected.");
    static final ResultInfo INTER_TONE_TIMEOUT =
        new ResultInfo(200, 8532, "Action completed, inter-digit silence timeout reached.");
    static final ResultInfo DTMF_OPTION = new ResultInfo(200, 8533, "Action completed, DTMF option matched.");
    static final ResultInfo SPEECH_OPTION = new ResultInfo(200, 8545, "Action completed, speech option matched.");
    static final ResultInfo SPEECH = new ResultInfo(200, 8569, "Action completed, speech recognized.");
    static final ResultInfo INITIAL_SILENCE =
        new ResultInfo(400, 8510, "Action failed, initial silence timeout reached.");
    static final ResultInfo NO_OPTION = new ResultInfo(400, 8547, "Action failed, the phrase matched no option.");
    static final ResultInfo NOT_RECOGNIZED = new ResultInfo(400, 8563, "Action failed, speech could not be recognized.");
    static final ResultInfo INCORRECT_TONE = new ResultInfo(500, 8534, "Action failed, incorrect tone entered.");
    static final ResultInfo CANCELED = new ResultInfo(400, 8508, "Action failed, the operation was canceled.");
    static final ResultInfo TONE_RECEIVED = new ResultInfo(200, 0, "Tone received.");
    static final ResultInfo PARTICIPANT_LEFT =
        new ResultInfo(400, 8522, "Continuous DTMF recognition failed: the participant left the call.");
    static final ResultInfo CONTINUOUS_STOPPED = new ResultInfo(200, 0, "Continuous DTMF recognition stopped.");
    static final ResultInfo CONTINUOUS_CALL_ENDED =
        new ResultInfo(200, 0, "Continuous DTMF recognition stopped: the call ended.");
    /**
     * Speech recognition (speech, speechOrDtmf, choices) on a call without a Cognitive Services endpoint: as a text
     * prompt without one fails its play (PlayOutcome.NO_COGNITIVE_SERVICES), with the code media.md gives for the
     * Azure AI integration's failures (8565) and without a failing source.
     */
    static final ResultInfo NO_SPEECH_RECOGNITION = new ResultInfo(400, 8565, "Action failed, the call has no "
        + "Cognitive Services endpoint (callIntelligenceOptions.cognitiveServicesEndpoint on create, answer or "
        + "connect) for speech recognition.");
    /** The prompt of a recognize could not play (a file not found or in a bad format): media.md's 500/8511. */
    static final ResultInfo PROMPT_FAILED =
        new ResultInfo(500, 8511, "Action failed, encountered failure while trying to play the prompt.");
    /** The participant listened to left a call that goes on (the emulator's choice of code, as for send DTMF). */
    static final ResultInfo RECOGNIZE_TARGET_LEFT =
        new ResultInfo(400, 8522, "Action failed, the participant left the call.");
    /** Below this confidence a speech recognize hears nothing it can use. */
    static final double MIN_CONFIDENCE = 0.5;
    private static final Duration DEFAULT_INITIAL_SILENCE = Duration.ofSeconds(5);
    private static final Duration DEFAULT_INTER_TONE = Duration.ofSeconds(2);
    private static final Duration DEFAULT_END_SILENCE = Duration.ofMillis(500);

    private final CallEngine engine;
    private final MediaEngine media;
    private final CallbackDispatcher dispatcher;
    private final ScheduledExecutorService scheduler;
    private final PromptDurations durations;
    private volatile List<CallerRule> callers;
    private final Map<String, CallMediaInput> calls = new ConcurrentHashMap<>();
    private final Map<String, List<RecognitionSnapshot>> ended = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<RecognitionSnapshot>> eldest) {
            return size() > MediaEngine.ENDED_CALLS_KEPT;
        }
    };

    public CallInput(CallEngine engine, MediaEngine mediaEngine, CallbackDispatcher dispatcher,
                     ScheduledExecutorService scheduler, MediaSettings media, List<CallerRule> callers) {
        this.engine = engine;
        this.media = mediaEngine;
        this.dispatcher = dispatcher;
        this.scheduler = scheduler;
        this.durations = new PromptDurations(media);
        this.callers = List.copyOf(callers);
        engine.connections().onCallRetired(this::callEnded);
        engine.connections().onParticipantLeft(this::participantLeft);
    }

    public List<CallerRule> callers() {
        return callers;
    }

    public void setCallers(List<CallerRule> rules) {
        this.callers = List.copyOf(rules);
    }

    /** How many calls have input state now (live calls that had a recognize or continuous DTMF); for tests. */
    public int callsWithInputState() {
        return calls.size();
    }

    /** What was recognized on a call, in order (an ended call's too, while the emulator remembers it). */
    public List<RecognitionSnapshot> recognitions(String callConnectionId) {
        if (!calls.containsKey(callConnectionId) && engine.connections().snapshot(callConnectionId).isEmpty()) {
            throw AcsApiException.callNotFound();
        }
        return recorded(callConnectionId);
    }

    /** The recognizes recorded for a call, none for a call that had none (for a read that checked the call already). */
    public List<RecognitionSnapshot> recorded(String callConnectionId) {
        CallMediaInput input = calls.get(callConnectionId);
        if (input != null) {
            return input.log.stream().map(Recognition::snapshot).toList();
        }
        synchronized (ended) {
            return ended.getOrDefault(callConnectionId, List.of());
        }
    }

    /**
     * POST {@code :recognize}: reads and checks the request, then queues it with the call's media operations
     * ({@link MediaEngine}): when its turn comes its prompt plays, then it listens.
     *
     * @throws AcsApiException 400/8523 for a bad field, 400/8501 when the call is not connected, 404/8522 for a
     *     participant not in the call, 400/8500 or 412/8583 when the media compatibility rules refuse it (in a group
     *     call, a sub-leg operation runs or waits on the participant)
     */
    public void recognize(EmulatedCall call, JsonNode body, ApiVersion version) {
        RecognizeRequest request = RecognizeRequest.read(body, version);
        synchronized (call) {
            requireConnected(call);
            requireParticipant(call, request.participant());
            CallMediaInput input = input(call);
            Recognition recognition = new Recognition(call, request, version);
            input.log.add(recognition);
            try {
                media.recognize(call, request.participant(), request.prompts(), request.operationContext(),
                    request.interruptCallMedia(), recognition);
            } catch (AcsApiException refused) {
                input.log.remove(recognition);
                throw refused;
            }
        }
    }

    /** The participant presses keys now: each reaches a running recognize and continuous DTMF recognition. */
    public void press(String callConnectionId, String rawId, List<Tone> tones) {
        EmulatedCall call = engine.call(callConnectionId);
        synchronized (call) {
            requireConnected(call);
            requireParticipant(call, rawId);
            tones.forEach(tone -> key(call, rawId, tone));
        }
    }

    /** The participant says a phrase now: it reaches a running recognize. */
    public void say(String callConnectionId, String rawId, String phrase, double confidence) {
        if (phrase == null || phrase.isBlank()) {
            throw AcsApiException.invalidArgument("The field 'phrase' is required.");
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw AcsApiException.invalidArgument("The field 'confidence' must be from 0 to 1.");
        }
        EmulatedCall call = engine.call(callConnectionId);
        synchronized (call) {
            requireConnected(call);
            requireParticipant(call, rawId);
            speak(call, rawId, phrase, confidence);
        }
    }

    /**
     * cancelAllMediaOperations: every play and recognize of the call that runs or waits ends with its ...Canceled
     * (a recognize: RecognizeCanceled 400/8508).
     */
    public void cancelAll(String callConnectionId) {
        media.cancelAll(engine.call(callConnectionId));
    }

    /**
     * POST {@code :startContinuousDtmfRecognition}: keys of the participant are reported one by one from now.
     *
     * @throws AcsApiException 400/8500 while a sub-leg operation (a play to them, a recognize in a group call, send
     *     DTMF) runs on the participant: the media compatibility table lets continuous DTMF run alongside everything
     *     once started, but not start beside those
     */
    public void startContinuousDtmf(EmulatedCall call, Identifier participant, String operationContext,
                                    URI callbackUri, ApiVersion version) {
        synchronized (call) {
            requireConnected(call);
            requireParticipant(call, participant.rawId());
            if (media.subLegBusy(call, participant.rawId())) {
                throw new AcsApiException(400, "8500", "Another media operation is running on participant "
                    + participant.rawId() + "; continuous DTMF recognition cannot start beside a play to them, a "
                    + "recognize in a group call or send DTMF.");
            }
            input(call).continuous.put(participant.rawId(),
                new Continuous(operationContext, target(call, callbackUri, version), version));
        }
    }

    /** POST {@code :stopContinuousDtmfRecognition}: ContinuousDtmfRecognitionStopped. */
    public void stopContinuousDtmf(EmulatedCall call, Identifier participant, String operationContext,
                                   URI callbackUri, ApiVersion version) {
        synchronized (call) {
            requireConnected(call);
            requireParticipant(call, participant.rawId());
            input(call).continuous.remove(participant.rawId());
            ObjectNode data = data(call, operationContext, version, CONTINUOUS_STOPPED);
            send(call, target(call, callbackUri, version), "ContinuousDtmfRecognitionStopped", data);
        }
    }

    /** Under the call's monitor, when the recognize's turn has come: its participant's script answers it. */
    private void script(CallMediaInput input, Recognition recognition, Duration prompt) {
        Identifier participant = recognition.request.participant();
        Optional<CallerRule> rule = callers.stream().filter(r -> r.matches(participant)).findFirst();
        if (rule.isEmpty()) {
            return;
        }
        int index = input.answersTaken.merge(participant.rawId(), 1, Integer::sum) - 1;
        CallerAnswer answer = rule.get().answer(index);
        EmulatedCall call = recognition.call;
        String rawId = participant.rawId();
        Duration delay = rule.get().delay();
        switch (answer.kind()) {
            case SILENT -> { }
            case HANG_UP -> {
                Duration at = prompt.isZero() ? Duration.ZERO : delay.compareTo(prompt) < 0 ? delay
                    : prompt.dividedBy(2);
                schedule(at, () -> hangUp(recognition));
            }
            case PRESS -> {
                for (int i = 0; i < answer.tones().size(); i++) {
                    Tone tone = answer.tones().get(i);
                    schedule(delay.plus(rule.get().toneInterval().multipliedBy(i)), () -> {
                        synchronized (call) {
                            if (call.isLive() && call.participant(rawId).isPresent()) {
                                key(call, rawId, tone);
                            }
                        }
                    });
                }
            }
            case SAY -> schedule(delay, () -> {
                synchronized (call) {
                    if (call.isLive() && call.participant(rawId).isPresent()) {
                        speak(call, rawId, answer.phrase(), answer.confidence());
                    }
                }
            });
        }
    }

    /** The scripted caller hangs up during the recognize: they leave the call ({@link #participantLeft} follows). */
    private void hangUp(Recognition recognition) {
        EmulatedCall call = recognition.call;
        String rawId = recognition.request.participant().rawId();
        synchronized (call) {
            if (!call.isLive() || call.participant(rawId).isEmpty()) {
                return;
            }
            if (!recognition.isOver()) {
                recognition.leftAs = "hungUp";
            }
            engine.hangUpParticipant(call.callConnectionId(), rawId);
        }
    }

    /** The prompt is over (or there is none): the initial silence timeout starts. */
    private void listen(Recognition recognition) {
        recognition.silence = schedule(recognition.request.initialSilenceTimeout(DEFAULT_INITIAL_SILENCE), () -> {
            synchronized (recognition.call) {
                if (!recognition.isOver() && !recognition.heardSomething) {
                    finish(recognition, "initialSilenceTimeout", INITIAL_SILENCE, "RecognizeFailed", null);
                }
            }
        });
    }

    /** Runs under the call's monitor. */
    private void key(EmulatedCall call, String rawId, Tone tone) {
        CallMediaInput input = input(call);
        Continuous continuous = input.continuous.get(rawId);
        if (continuous != null) {
            ObjectNode data = data(call, continuous.operationContext, continuous.version, TONE_RECEIVED);
            data.put("tone", tone.wireName());
            data.put("sequenceId", ++input.sequenceId);
            send(call, continuous.target, "ContinuousDtmfRecognitionToneReceived", data);
        }
        Recognition recognition = input.running.get(rawId);
        if (recognition == null || recognition.request.inputType() == InputType.SPEECH || !heard(recognition)) {
            return;
        }
        RecognizeRequest request = recognition.request;
        recognition.keys.add(tone);
        switch (request.inputType()) {
            case CHOICES -> {
                Optional<Choice> choice = Choice.byTone(request.choices(), tone);
                if (choice.isPresent()) {
                    finish(recognition, "choiceMatched", DTMF_OPTION, "RecognizeCompleted",
                        choiceResult(choice.get(), null, null));
                } else {
                    finish(recognition, "failed", INCORRECT_TONE, "RecognizeFailed", null);
                }
            }
            case DTMF, SPEECH_OR_DTMF -> {
                if (request.stopTones().contains(tone)) {
                    recognition.keys.remove(recognition.keys.size() - 1);
                    finish(recognition, "stopToneDetected", STOP_TONE, "RecognizeCompleted", dtmfResult(recognition));
                } else if (recognition.keys.size() >= request.maxTones()) {
                    finish(recognition, "maxTonesReceived", MAX_TONES, "RecognizeCompleted", dtmfResult(recognition));
                } else {
                    if (recognition.interTone != null) {
                        recognition.interTone.cancel(false);
                    }
                    recognition.interTone = schedule(request.interToneTimeout(DEFAULT_INTER_TONE), () -> {
                        synchronized (call) {
                            if (!recognition.isOver()) {
                                finish(recognition, "interToneTimeout", INTER_TONE_TIMEOUT, "RecognizeCompleted",
                                    dtmfResult(recognition));
                            }
                        }
                    });
                }
            }
        }
    }

    /** Runs under the call's monitor. */
    private void speak(EmulatedCall call, String rawId, String phrase, double confidence) {
        CallMediaInput input = input(call);
        Recognition recognition = input.running.get(rawId);
        if (recognition == null || recognition.request.inputType() == InputType.DTMF || !heard(recognition)) {
            return;
        }
        recognition.phrase = phrase;
        Duration endSilence = recognition.request.endSilenceTimeout(DEFAULT_END_SILENCE);
        recognition.interTone = schedule(endSilence, () -> {
            synchronized (call) {
                if (recognition.isOver()) {
                    return;
                }
                if (recognition.request.inputType() == InputType.CHOICES) {
                    Optional<Choice> choice = Choice.byPhrase(recognition.request.choices(), phrase);
                    if (choice.isPresent()) {
                        finish(recognition, "choiceMatched", SPEECH_OPTION, "RecognizeCompleted",
                            choiceResult(choice.get(), phrase, confidence));
                    } else {
                        finish(recognition, "noChoiceMatched", NO_OPTION, "RecognizeFailed", null);
                    }
                } else if (confidence < MIN_CONFIDENCE) {
                    finish(recognition, "speechNotRecognized", NOT_RECOGNIZED, "RecognizeFailed", null);
                } else {
                    ObjectNode result = AcsJson.object();
                    result.put("recognitionType", "speech");
                    ObjectNode speech = result.putObject("speechResult");
                    speech.put("speech", phrase);
                    speech.put("confidence", confidence);
                    finish(recognition, "speechRecognized", SPEECH, "RecognizeCompleted", result);
                }
            }
        });
    }

    /**
     * Whether input reaches the recognize now: during the prompt only with interruptPrompt (the prompt stops), and
     * not once the participant has started answering by voice.
     */
    private boolean heard(Recognition recognition) {
        if (recognition.phrase != null) {
            return false;
        }
        if (recognition.operation.promptPlaying()) {
            if (!recognition.request.interruptPrompt()) {
                return false;
            }
            media.stopPrompt(recognition.operation);
        }
        recognition.heardSomething = true;
        if (recognition.silence != null) {
            recognition.silence.cancel(false);
        }
        return true;
    }

    private static ObjectNode dtmfResult(Recognition recognition) {
        ObjectNode result = AcsJson.object();
        result.put("recognitionType", "dtmf");
        ArrayNode tones = result.putObject("dtmfResult").putArray("tones");
        recognition.keys.forEach(t -> tones.add(t.wireName()));
        return result;
    }

    private static ObjectNode choiceResult(Choice choice, String phrase, Double confidence) {
        ObjectNode result = AcsJson.object();
        result.put("recognitionType", "choices");
        ObjectNode choiceResult = result.putObject("choiceResult");
        choiceResult.put("label", choice.label());
        if (phrase != null) {
            choiceResult.put("recognizedPhrase", phrase);
            choiceResult.put("confidence", confidence);
        }
        return result;
    }

    /** Runs under the call's monitor: the recognize ends with its event; what waits behind it in the queue runs. */
    private void finish(Recognition recognition, String outcome, ResultInfo result, String eventName,
                        ObjectNode extra) {
        EmulatedCall call = recognition.call;
        end(recognition, outcome);
        ObjectNode data = data(call, recognition.request.operationContext(), recognition.version, result);
        if (extra != null) {
            data.setAll(extra);
        }
        send(call, target(call, recognition.request.callbackUri(), recognition.version), eventName, data);
    }

    /** Runs under the call's monitor: the recognize ends without an event (yet). */
    private void end(Recognition recognition, String outcome) {
        recognition.outcome = outcome;
        recognition.cancelTimers();
        CallMediaInput input = calls.get(recognition.call.callConnectionId());
        if (input != null) {
            input.running.remove(recognition.request.participant().rawId(), recognition);
        }
        media.recognizeEnded(recognition.operation);
    }

    /**
     * Runs under the call's monitor when someone left the call: their continuous DTMF recognition ends with
     * ContinuousDtmfRecognitionToneFailed (also when the call ends with it, as before); their recognize is ended by
     * {@link MediaEngine} through {@link Recognition#participantLeft}.
     */
    private void participantLeft(EmulatedCall call, String rawId, boolean callEnds) {
        CallMediaInput input = calls.get(call.callConnectionId());
        if (input == null) {
            return;
        }
        Continuous continuous = input.continuous.remove(rawId);
        if (continuous != null) {
            send(call, continuous.target, "ContinuousDtmfRecognitionToneFailed",
                data(call, continuous.operationContext, continuous.version, PARTICIPANT_LEFT));
        }
    }

    /**
     * Runs under the ended call's monitor, before its CallDisconnected: recognizes stop without events (as plays do);
     * a continuous DTMF recognition still on ends with ContinuousDtmfRecognitionStopped, which the ACS docs name for
     * "the call has ended" (how-tos/call-automation/control-mid-call-media-actions: "this could be because your
     * application invoked the StopContinuousDtmfRecognitionAsync event or because the call has ended"). Only the
     * record of the recognizes stays.
     */
    private void callEnded(EmulatedCall call) {
        CallMediaInput input = calls.get(call.callConnectionId());
        if (input == null) {
            return;
        }
        for (Recognition recognition : input.log) {
            if (!recognition.isOver()) {
                recognition.cancelTimers();
                recognition.outcome = recognition.leftAs != null ? recognition.leftAs : "callEnded";
            }
        }
        input.running.clear();
        input.continuous.values().forEach(continuous -> send(call, continuous.target,
            "ContinuousDtmfRecognitionStopped", data(call, continuous.operationContext, continuous.version,
                CONTINUOUS_CALL_ENDED)));
        input.continuous.clear();
        synchronized (ended) {
            ended.put(call.callConnectionId(), input.log.stream().map(Recognition::snapshot).toList());
        }
        calls.remove(call.callConnectionId());
    }

    /** The call's input state, made on first use while the call is live (never again once it has ended). */
    private CallMediaInput input(EmulatedCall call) {
        if (!call.isLive()) {
            throw AcsApiException.callNotFound();
        }
        return calls.computeIfAbsent(call.callConnectionId(), id -> new CallMediaInput());
    }

    private ScheduledFuture<?> schedule(Duration delay, Runnable task) {
        return scheduler.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    }

    private static void requireConnected(EmulatedCall call) {
        if (!call.isLive() || call.state() != CallState.CONNECTED) {
            throw AcsApiException.callNotEstablished();
        }
    }

    private static void requireParticipant(EmulatedCall call, Identifier participant) {
        requireParticipant(call, participant.rawId());
    }

    private static void requireParticipant(EmulatedCall call, String rawId) {
        if (call.participant(rawId).isEmpty()) {
            throw new AcsApiException(404, "8522", "Participant " + rawId + " is not in the call.");
        }
    }

    private static URI target(EmulatedCall call, URI operationCallbackUri, ApiVersion version) {
        return operationCallbackUri != null && version.hasOperationCallbackUri() ? operationCallbackUri
            : call.callbackUri();
    }

    private static ObjectNode data(EmulatedCall call, String operationContext, ApiVersion version,
                                   ResultInfo result) {
        ObjectNode data = AcsJson.object();
        data.put("callConnectionId", call.callConnectionId());
        data.put("serverCallId", call.serverCallId());
        data.put("correlationId", call.correlationId());
        if (operationContext != null) {
            data.put("operationContext", operationContext);
        }
        data.set("resultInformation", AcsJson.resultInformation(result));
        data.put("version", version.value());
        return data;
    }

    private void send(EmulatedCall call, URI target, String eventName, ObjectNode data) {
        dispatcher.submit(call.callConnectionId(), target, eventName,
            CloudEventEnvelope.wrap(call.callConnectionId(), eventName, data));
    }

    /** The input state of one call; guarded by the call's monitor. */
    private static final class CallMediaInput {
        final Map<String, Recognition> running = new HashMap<>();
        final Map<String, Continuous> continuous = new HashMap<>();
        final Map<String, Integer> answersTaken = new HashMap<>();
        final List<Recognition> log = new CopyOnWriteArrayList<>();
        int sequenceId;
    }

    private record Continuous(String operationContext, URI target, ApiVersion version) { }

    /** One recognize, from its request to its result; guarded by its call's monitor. */
    private final class Recognition implements MediaEngine.RecognizeTurn {
        final EmulatedCall call;
        final RecognizeRequest request;
        final ApiVersion version;
        final List<Tone> keys = new ArrayList<>();
        MediaEngine.RecognizeOperation operation;
        boolean started;
        boolean heardSomething;
        String phrase;
        String outcome;
        /** How the participant left while it ran ({@code hungUp}), for the record when the call ends with it. */
        String leftAs;
        ScheduledFuture<?> silence;
        ScheduledFuture<?> interTone;

        Recognition(EmulatedCall call, RecognizeRequest request, ApiVersion version) {
            this.call = call;
            this.request = request;
            this.version = version;
        }

        boolean isOver() {
            return outcome != null;
        }

        void cancelTimers() {
            for (ScheduledFuture<?> timer : new ScheduledFuture<?>[] {silence, interTone}) {
                if (timer != null) {
                    timer.cancel(false);
                }
            }
        }

        @Override
        public void queued(MediaEngine.RecognizeOperation queuedAs) {
            operation = queuedAs;
        }

        /** Its turn: it listens to the participant's keys (and words) from now, once its prompt lets it. */
        @Override
        public void started() {
            started = true;
            if (request.needsSpeechRecognition() && media.cognitiveServicesEndpoint(call).isEmpty()) {
                finish(this, "failed", NO_SPEECH_RECOGNITION, "RecognizeFailed", null);
                return;
            }
            CallMediaInput input = input(call);
            input.running.put(request.participant().rawId(), this);
            if (request.prompts().isEmpty()) {
                listen(this);
            }
            Duration prompt = request.prompts().stream().map(durations::duration).reduce(Duration.ZERO,
                Duration::plus);
            script(input, this, prompt);
        }

        @Override
        public void promptEnded(PlayOutcome ended) {
            if (isOver()) {
                return;
            }
            if (ended.status() == PlayOutcome.Status.COMPLETED) {
                listen(this);
                return;
            }
            ResultInfo result = ended.result().subCode() == PlayOutcome.NO_COGNITIVE_SERVICES.subCode()
                ? PlayOutcome.NO_COGNITIVE_SERVICES : PROMPT_FAILED;
            ObjectNode failed = AcsJson.object();
            if (ended.failedPlaySourceIndex() != null && version.isAtLeast(ApiVersion.V2026_03_12)) {
                failed.put("failedPlaySourceIndex", ended.failedPlaySourceIndex());
            }
            finish(this, "failed", result, "RecognizeFailed", failed);
        }

        @Override
        public void canceled() {
            if (!isOver()) {
                finish(this, "canceled", CANCELED, "RecognizeCanceled", null);
            }
        }

        @Override
        public void participantLeft(boolean callEnds) {
            if (isOver()) {
                return;
            }
            String how = leftAs != null ? leftAs : "participantLeft";
            if (callEnds) {
                end(this, how);
            } else {
                finish(this, how, RECOGNIZE_TARGET_LEFT, "RecognizeFailed", null);
            }
        }

        RecognitionSnapshot snapshot() {
            synchronized (call) {
                return new RecognitionSnapshot(request.participant().rawId(), request.inputType().wireName(),
                    request.prompts(), outcome != null ? outcome : started ? "running" : "queued", Tone.keys(keys),
                    phrase);
            }
        }
    }
}
