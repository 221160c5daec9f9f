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

    public CallInput(CallEngine engine, MediaEngine mediaEngine, CallbackDispatcher dispatcher,
                     ScheduledExecutorService scheduler, MediaSettings media, List<CallerRule> callers) {
        this.engine = engine;
        this.media = mediaEngine;
        this.dispatcher = dispatcher;
        this.scheduler = scheduler;
        this.durations = new PromptDurations(media);
        this.callers = List.copyOf(callers);
        engine.connections().onCallEnded(this::callEnded);
    }

    public List<CallerRule> callers() {
        return callers;
    }

    public void setCallers(List<CallerRule> rules) {
        this.callers = List.copyOf(rules);
    }

    /** What was recognized on a call, in order (an ended call's too, while the emulator remembers it). */
    public List<RecognitionSnapshot> recognitions(String callConnectionId) {
        if (!calls.containsKey(callConnectionId)) {
            engine.call(callConnectionId); // 404 for a call the emulator does not know
        }
        return recorded(callConnectionId);
    }

    /** The recognizes recorded for a call, none for a call that had none (for a read that checked the call already). */
    public List<RecognitionSnapshot> recorded(String callConnectionId) {
        CallMediaInput input = calls.get(callConnectionId);
        return input == null ? List.of() : input.log.stream().map(Recognition::snapshot).toList();
    }

    /**
     * POST {@code :recognize}: reads and checks the request, then starts listening (after the prompt, which plays
     * first).
     *
     * @throws AcsApiException 400/8523 for a bad field, 400/8501 when the call is not connected, 404/8522 for a
     *     participant not in the call, 400/8500 when a recognize runs on that participant already
     */
    public void recognize(EmulatedCall call, JsonNode body, ApiVersion version) {
        RecognizeRequest request = RecognizeRequest.read(body, version);
        Recognition recognition;
        synchronized (call) {
            requireConnected(call);
            requireParticipant(call, request.participant());
            CallMediaInput input = input(call);
            String rawId = request.participant().rawId();
            if (input.running.containsKey(rawId)) {
                throw new AcsApiException(400, "8500", "Another recognize is running on participant " + rawId + ".");
            }
            Duration prompt = request.prompts().stream().map(durations::duration).reduce(Duration.ZERO,
                Duration::plus);
            recognition = new Recognition(call, request, version);
            input.running.put(rawId, recognition);
            input.log.add(recognition);
            if (request.prompts().isEmpty()) {
                listen(recognition);
            } else {
                recognition.promptPlaying = true;
                recognition.promptIndex = media.recognizePromptStarted(call, request.participant(), request.prompts(),
                    request.operationContext());
                recognition.promptEnd = schedule(prompt, () -> promptEnded(recognition));
            }
            script(input, recognition, prompt);
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

    /** cancelAllMediaOperations: every running recognize of the call ends with RecognizeCanceled 400/8508. */
    public void cancelAll(String callConnectionId) {
        EmulatedCall call = engine.call(callConnectionId);
        synchronized (call) {
            CallMediaInput input = calls.get(call.callConnectionId());
            if (input != null) {
                new ArrayList<>(input.running.values()).forEach(r -> finish(r, "canceled", CANCELED,
                    "RecognizeCanceled", null));
            }
        }
    }

    /** POST {@code :startContinuousDtmfRecognition}: keys of the participant are reported one by one from now. */
    public void startContinuousDtmf(EmulatedCall call, Identifier participant, String operationContext,
                                    URI callbackUri, ApiVersion version) {
        synchronized (call) {
            requireConnected(call);
            requireParticipant(call, participant.rawId());
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

    private void hangUp(Recognition recognition) {
        EmulatedCall call = recognition.call;
        String rawId = recognition.request.participant().rawId();
        synchronized (call) {
            if (!call.isLive() || call.participant(rawId).isEmpty()) {
                return;
            }
            recognition.outcome = "hungUp";
            recognition.cancelTimers();
            CallMediaInput input = calls.get(call.callConnectionId());
            input.running.remove(rawId, recognition);
            Continuous continuous = input.continuous.remove(rawId);
            if (continuous != null) {
                send(call, continuous.target, "ContinuousDtmfRecognitionToneFailed",
                    data(call, continuous.operationContext, continuous.version, PARTICIPANT_LEFT));
            }
            engine.hangUpParticipant(call.callConnectionId(), rawId);
        }
    }

    private void promptEnded(Recognition recognition) {
        synchronized (recognition.call) {
            if (recognition.isOver() || !recognition.promptPlaying) {
                return;
            }
            stopPrompt(recognition, PlayOutcome.Status.COMPLETED);
            listen(recognition);
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
        if (recognition.promptPlaying) {
            if (!recognition.request.interruptPrompt()) {
                return false;
            }
            stopPrompt(recognition, PlayOutcome.Status.CANCELED);
            if (recognition.promptEnd != null) {
                recognition.promptEnd.cancel(false);
            }
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

    /** Runs under the call's monitor. */
    private void finish(Recognition recognition, String outcome, ResultInfo result, String eventName,
                        ObjectNode extra) {
        EmulatedCall call = recognition.call;
        stopPrompt(recognition, PlayOutcome.Status.CANCELED);
        recognition.outcome = outcome;
        recognition.cancelTimers();
        calls.get(call.callConnectionId()).running.remove(recognition.request.participant().rawId(), recognition);
        ObjectNode data = data(call, recognition.request.operationContext(), recognition.version, result);
        if (extra != null) {
            data.setAll(extra);
        }
        send(call, target(call, recognition.request.callbackUri(), recognition.version), eventName, data);
    }

    /** The recognize's prompt stops, if it still plays: the media read shows it completed or cut off. */
    private void stopPrompt(Recognition recognition, PlayOutcome.Status status) {
        if (recognition.promptPlaying) {
            recognition.promptPlaying = false;
            media.recognizePromptEnded(recognition.call, recognition.promptIndex, status);
        }
    }

    private void callEnded(EmulatedCall call) {
        CallMediaInput input = calls.get(call.callConnectionId());
        if (input != null) {
            input.running.values().forEach(r -> {
                stopPrompt(r, PlayOutcome.Status.CANCELED);
                r.cancelTimers();
                r.outcome = r.outcome == null ? "callEnded" : r.outcome;
            });
            input.running.clear();
            input.continuous.clear();
        }
    }

    private CallMediaInput input(EmulatedCall call) {
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

    /** One recognize; guarded by its call's monitor. */
    private static final class Recognition {
        final EmulatedCall call;
        final RecognizeRequest request;
        final ApiVersion version;
        final List<Tone> keys = new ArrayList<>();
        boolean promptPlaying;
        int promptIndex = -1;
        boolean heardSomething;
        String phrase;
        String outcome;
        ScheduledFuture<?> promptEnd;
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
            for (ScheduledFuture<?> timer : new ScheduledFuture<?>[] {promptEnd, silence, interTone}) {
                if (timer != null) {
                    timer.cancel(false);
                }
            }
        }

        RecognitionSnapshot snapshot() {
            synchronized (call) {
                return new RecognitionSnapshot(request.participant().rawId(), request.inputType().wireName(),
                    request.prompts(), outcome == null ? "running" : outcome, Tone.keys(keys), phrase);
            }
        }
    }
}
