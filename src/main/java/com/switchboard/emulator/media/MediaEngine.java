package com.switchboard.emulator.media;

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
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The media of the emulator's calls: plays, recognizes (their prompts and their listening; {@link CallInput} decides
 * what they hear) and DTMF tones sent, run per call as ACS runs media operations; hold music looping to a held
 * participant; mutes. Its events (PlayStarted, PlayCompleted, PlayFailed, PlayCanceled, HoldFailed,
 * SendDtmfTonesCompleted, SendDtmfTonesFailed) go through the dispatcher to the request's operation callback URI,
 * else the call's. Every change holds the call's monitor, the lock the call's own changes hold, so media events and
 * call events leave in order.
 *
 * <p>Which operations run together follows the media action compatibility table of the ACS docs (summarized in
 * shared/reference/media.md, "Rules the service enforces"):
 * <ul>
 *   <li>a play to everyone, and a recognize in a call with one other participant, run on the call's main leg: anything
 *       sent meanwhile queues behind them (a recognize holds its place until it has its result, not only while its
 *       prompt plays), and each waits for what was queued before it;</li>
 *   <li>a play to some participants, a recognize in a group call and send DTMF run on the participant's sub-leg, side
 *       by side with other participants' sub-legs: another of those three on the same participant is refused with
 *       400/8500 while one runs, 412/8583 while one waits in the queue; starting continuous DTMF recognition on that
 *       participant is refused with 400/8500 while one runs;</li>
 *   <li>continuous DTMF recognition, once started, runs alongside everything ({@link CallInput});</li>
 *   <li>{@code interruptCallMediaOperation} (play, recognize) cancels the plays and recognizes that run or wait (their
 *       ...Canceled, 400/8508) instead of queueing behind them.</li>
 * </ul>
 * A participant who leaves ends the operations aimed at them alone: a play to them, send DTMF and a recognize fail
 * (400/8522, the emulator's choice of code, as for send DTMF), unless the call ends with their leaving; when the call
 * ends everything stops without events (ACS: a loop plays "until cancelled or the call ends", no PlayCompleted), and
 * the call's media state is dropped: only its record (what was heard, done and recognized) is kept, for the last
 * {@value #ENDED_CALLS_KEPT} ended calls, as the call registry keeps ended calls.
 */
public final class MediaEngine {

    /** How many ended calls' media records are kept for the control API (the call registry keeps as many). */
    static final int ENDED_CALLS_KEPT = 500;
    /** How long one DTMF tone the application sends lasts, the gap after it included. */
    static final Duration TONE_LENGTH = Duration.ofMillis(100);
    private static final ResultInfo TONES_SENT = new ResultInfo(200, 0, "Action completed successfully.");
    private static final ResultInfo TONES_TARGET_LEFT =
        new ResultInfo(400, 8522, "Action failed, the participant left the call before the tones were sent.");
    private static final ResultInfo PLAY_TARGETS_LEFT =
        new ResultInfo(400, 8522, "Action failed, every participant the prompt played to left the call.");

    private final CallEngine engine;
    private final CallbackDispatcher dispatcher;
    private final ScheduledExecutorService scheduler;
    private final PromptDurations durations;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, CallMedia> calls = new ConcurrentHashMap<>();
    private final Map<String, MediaSnapshot> ended = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, MediaSnapshot> eldest) {
            return size() > ENDED_CALLS_KEPT;
        }
    };

    public MediaEngine(CallEngine engine, CallbackDispatcher dispatcher, ScheduledExecutorService scheduler,
                       MediaSettings settings) {
        this.engine = engine;
        this.dispatcher = dispatcher;
        this.scheduler = scheduler;
        this.durations = new PromptDurations(settings);
        engine.connections().onCallRetired(this::callEnded);
        engine.connections().onParticipantLeft(this::participantLeft);
    }

    /**
     * Remembers the call's Cognitive Services endpoint (from its create, answer or connect); null for none. Nothing
     * is kept for a call whose set-up has already failed (a busy callee with no answer delay).
     */
    public void cognitiveServicesEndpoint(EmulatedCall call, URI endpoint) {
        synchronized (call) {
            if (call.isLive()) {
                live(call).cognitiveServicesEndpoint = endpoint;
            }
        }
    }

    /** The call's Cognitive Services endpoint, if its create, answer or connect gave one. */
    public Optional<URI> cognitiveServicesEndpoint(EmulatedCall call) {
        synchronized (call) {
            CallMedia media = calls.get(call.callConnectionId());
            return Optional.ofNullable(media == null ? null : media.cognitiveServicesEndpoint);
        }
    }

    /** How many calls have media state now: the live calls that had media; for tests (state must not outlive calls). */
    public int callsWithMediaState() {
        return calls.size();
    }

    /**
     * Plays a prompt with Play* events: on the main leg when it plays to everyone, on the sub-legs of the
     * participants it plays to otherwise (see the class comment).
     *
     * @throws AcsApiException 400/8501 when the call is not connected, 404/8522 for a listed participant not in it,
     *     400/8500 or 412/8583 when a sub-leg operation runs or waits on one of them
     */
    public void play(EmulatedCall call, PlayRequest request) {
        synchronized (call) {
            requireConnected(call);
            request.playTo().forEach(p -> requireParticipant(call, p));
            CallMedia media = live(call);
            Set<String> targets = request.playTo().stream().map(Identifier::rawId).collect(Collectors.toSet());
            Leg leg = targets.isEmpty() ? Leg.MAIN : Leg.SUB;
            if (request.interrupt()) {
                cancelPlaysAndRecognizes(media);
            }
            requireCompatible(media, leg, targets);
            Play play = new Play(call, request, "play", record(media, request, "play"));
            enqueue(media, new PlayOperation(play, leg, targets));
        }
    }

    /**
     * Queues a recognize (its prompt, then its listening): on the main leg in a call with one other participant, on
     * the participant's sub-leg in a group call. Its turn, prompt and cancellation reach {@code turn}.
     *
     * @param interrupt {@code interruptCallMediaOperation}: cancel the plays and recognizes that run or wait
     * @throws AcsApiException 400/8500 or 412/8583 when a sub-leg operation runs or waits on the participant
     */
    RecognizeOperation recognize(EmulatedCall call, Identifier participant, List<PlaySource> prompt,
                                 String operationContext, boolean interrupt, RecognizeTurn turn) {
        synchronized (call) {
            CallMedia media = live(call);
            long others = call.participants().stream().filter(p -> !p.equals(call.application())).count();
            Leg leg = others > 1 ? Leg.SUB : Leg.MAIN;
            Set<String> targets = Set.of(participant.rawId());
            if (interrupt) {
                cancelPlaysAndRecognizes(media);
            }
            requireCompatible(media, leg, targets);
            Play promptPlay = null;
            if (!prompt.isEmpty()) {
                PlayRequest request = new PlayRequest(prompt, List.of(participant), false, false, operationContext,
                    null, ApiVersion.V2026_03_12);
                promptPlay = new Play(call, request, "recognize", record(media, request, "recognize"));
            }
            RecognizeOperation operation = new RecognizeOperation(call, leg, targets, promptPlay, turn);
            turn.queued(operation);
            enqueue(media, operation);
            return operation;
        }
    }

    /** The recognize's prompt stops now (a key interrupted it): the media read shows it cut off. */
    void stopPrompt(RecognizeOperation operation) {
        synchronized (operation.call) {
            Play prompt = operation.prompt;
            if (prompt != null && !prompt.over) {
                finishPlay(prompt, new PlayOutcome(PlayOutcome.Status.CANCELED, PlayOutcome.CANCELED_RESULT, null));
            }
        }
    }

    /** The recognize has its result (or was ended otherwise): its prompt stops, and what waits behind it runs. */
    void recognizeEnded(RecognizeOperation operation) {
        synchronized (operation.call) {
            stopPrompt(operation);
            CallMedia media = calls.get(operation.call.callConnectionId());
            if (media != null) {
                remove(media, operation);
            }
        }
    }

    /** Whether a sub-leg operation (a play to them, a recognize in a group call, send DTMF) runs on the participant. */
    boolean subLegBusy(EmulatedCall call, String rawId) {
        synchronized (call) {
            CallMedia media = calls.get(call.callConnectionId());
            return media != null && media.queue.stream().anyMatch(op -> op.leg == Leg.SUB && op.started && !op.over
                && op.targets.contains(rawId));
        }
    }

    /** Cancels every play and recognize that runs or waits on the call: a PlayCanceled or RecognizeCanceled each. */
    public void cancelAll(EmulatedCall call) {
        synchronized (call) {
            requireConnected(call);
            cancelPlaysAndRecognizes(live(call));
        }
    }

    /**
     * Puts a participant on hold; with music, it loops to that participant until unhold (HoldFailed when it cannot
     * play; the participant stays on hold). Hold music is not in the compatibility table: it plays beside the queue.
     */
    public void hold(EmulatedCall call, Identifier participant, PlayRequest music) {
        synchronized (call) {
            requireConnected(call);
            requireParticipant(call, participant);
            engine.setOnHold(call.callConnectionId(), participant.rawId(), true);
            CallMedia media = live(call);
            media.holds.add(new MediaSnapshot.HoldChange(clock.instant(), "hold", participant.rawId()));
            stopHoldMusic(media, participant.rawId());
            if (music != null) {
                Play play = new Play(call, music, "holdMusic", record(media, music, "holdMusic"));
                media.holdMusic.put(participant.rawId(), play);
                scheduler.execute(() -> {
                    synchronized (call) {
                        if (play.over || !isLive(call)) {
                            return;
                        }
                        startPlay(play);
                    }
                });
            }
        }
    }

    /** Takes a participant off hold; its hold music stops. */
    public void unhold(EmulatedCall call, Identifier participant) {
        synchronized (call) {
            requireConnected(call);
            requireParticipant(call, participant);
            engine.setOnHold(call.callConnectionId(), participant.rawId(), false);
            CallMedia media = live(call);
            media.holds.add(new MediaSnapshot.HoldChange(clock.instant(), "unhold", participant.rawId()));
            stopHoldMusic(media, participant.rawId());
        }
    }

    /** Mutes an ACS user; anyone else is refused with 400. */
    public void mute(EmulatedCall call, Identifier participant) {
        synchronized (call) {
            requireConnected(call);
            if (participant.kind() != Identifier.Kind.COMMUNICATION_USER) {
                throw AcsApiException.invalidArgument("Only Azure Communication Services users can be muted; "
                    + participant.rawId() + " is not one.");
            }
            requireParticipant(call, participant);
            engine.mute(call.callConnectionId(), participant.rawId());
            live(call).mutes.add(new MediaSnapshot.Mute(clock.instant(), participant.rawId()));
        }
    }

    /**
     * Sends DTMF tones to a phone participant, on its sub-leg: SendDtmfTonesCompleted once they have played,
     * SendDtmfTonesFailed when the participant left meanwhile.
     *
     * @throws AcsApiException 400/8500 or 412/8583 when a sub-leg operation runs or waits on the participant
     */
    public void sendDtmfTones(EmulatedCall call, Identifier participant, List<Tone> tones, String operationContext,
                              URI operationCallbackUri, ApiVersion version) {
        synchronized (call) {
            requireConnected(call);
            if (!participant.isPhoneNumber()) {
                throw AcsApiException.invalidArgument("DTMF tones can only be sent to a phone number participant; "
                    + participant.rawId() + " is not one.");
            }
            if (tones.isEmpty() || tones.size() > 18) {
                throw AcsApiException.invalidArgument("The field 'tones' must hold 1 to 18 tones, had "
                    + tones.size() + ".");
            }
            requireParticipant(call, participant);
            CallMedia media = live(call);
            Set<String> targets = Set.of(participant.rawId());
            requireCompatible(media, Leg.SUB, targets);
            String keys = tones.stream().map(t -> String.valueOf(t.key())).collect(Collectors.joining());
            int index = media.tones.size();
            media.tones.add(new MediaSnapshot.TonesSent(clock.instant(), participant.rawId(), keys, "queued"));
            enqueue(media, new DtmfOperation(call, targets, index, tones.size(), operationContext,
                operationCallbackUri, version));
        }
    }

    /**
     * What the call's participants heard and what was done to them (also once it ended, for the last
     * {@value #ENDED_CALLS_KEPT} ended calls); empty lists for a call without media; 404/8522 for a call the emulator
     * does not know.
     */
    public MediaSnapshot media(String callConnectionId) {
        CallMedia known = calls.get(callConnectionId);
        if (known != null) {
            synchronized (known.call) {
                CallMedia media = calls.get(callConnectionId);
                if (media != null) {
                    return snapshot(callConnectionId, media);
                }
            }
        }
        synchronized (ended) {
            MediaSnapshot snapshot = ended.get(callConnectionId);
            if (snapshot != null) {
                return snapshot;
            }
        }
        if (engine.connections().snapshot(callConnectionId).isEmpty()) {
            throw AcsApiException.callNotFound();
        }
        return new MediaSnapshot(callConnectionId, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private static MediaSnapshot snapshot(String callConnectionId, CallMedia media) {
        return new MediaSnapshot(callConnectionId, List.copyOf(media.prompts), List.copyOf(media.holds),
            List.copyOf(media.mutes), List.copyOf(media.tones), List.of());
    }

    /**
     * The call's media state, made on first use while the call is live; once it has ended, the state it still has
     * (under its monitor, in the listeners of its end) or 404/8522.
     */
    private CallMedia live(EmulatedCall call) {
        if (!call.isLive()) {
            CallMedia media = calls.get(call.callConnectionId());
            if (media == null) {
                throw AcsApiException.callNotFound();
            }
            return media;
        }
        return calls.computeIfAbsent(call.callConnectionId(), id -> new CallMedia(call));
    }

    private int record(CallMedia media, PlayRequest request, String purpose) {
        media.prompts.add(new MediaSnapshot.Prompt(clock.instant(), purpose,
            request.playTo().stream().map(Identifier::rawId).toList(), request.sources(), request.loop(),
            request.operationContext(), PlayOutcome.Status.QUEUED.wireName(), null, null, null));
        return media.prompts.size() - 1;
    }

    private void setOutcome(CallMedia media, int index, String outcome, Integer code, Integer subCode,
                            Integer failedIndex) {
        MediaSnapshot.Prompt prompt = media.prompts.get(index);
        media.prompts.set(index, new MediaSnapshot.Prompt(prompt.at(), prompt.purpose(), prompt.playTo(),
            prompt.sources(), prompt.loop(), prompt.operationContext(), outcome, code, subCode, failedIndex));
    }

    /**
     * Under the call's monitor: refuses a sub-leg operation on a participant who has one running (400/8500) or
     * waiting (412/8583). Main-leg operations are never refused: they queue.
     */
    private static void requireCompatible(CallMedia media, Leg leg, Set<String> targets) {
        if (leg != Leg.SUB) {
            return;
        }
        for (Operation op : media.queue) {
            if (op.leg == Leg.SUB && !op.over && op.targets.stream().anyMatch(targets::contains)) {
                String who = op.targets.stream().filter(targets::contains).findFirst().orElseThrow();
                if (op.started) {
                    throw new AcsApiException(400, "8500", "Another media operation (" + op.name()
                        + ") is running on participant " + who + "; a play to it, a recognize in a group call and "
                        + "send DTMF cannot run at the same time on one participant.");
                }
                throw new AcsApiException(412, "8583", "An incompatible media operation (" + op.name()
                    + ") is queued for participant " + who + ".");
            }
        }
    }

    /**
     * Under the call's monitor: the operation joins the queue and, when nothing keeps it waiting, starts at once, so
     * that a recognize listens from its request on (keys pressed right after it count) as it did before the queue.
     */
    private void enqueue(CallMedia media, Operation operation) {
        media.queue.add(operation);
        pump(media);
    }

    private void remove(CallMedia media, Operation operation) {
        operation.over = true;
        if (media.queue.remove(operation)) {
            schedulePump(media.call);
        }
    }

    private void schedulePump(EmulatedCall call) {
        scheduler.execute(() -> {
            synchronized (call) {
                CallMedia media = calls.get(call.callConnectionId());
                if (media != null && isLive(call)) {
                    pump(media);
                }
            }
        });
    }

    /**
     * Under the call's monitor: starts what may run now. A main-leg operation runs once everything before it has
     * ended; a sub-leg operation runs unless a main-leg operation is before it (sub-legs of different participants
     * run side by side; the same participant's never meet, {@link #requireCompatible} refuses them).
     */
    private void pump(CallMedia media) {
        int position = 0;
        for (Operation op : List.copyOf(media.queue)) {
            if (op.leg == Leg.MAIN) {
                if (position == 0 && !op.started) {
                    op.started = true;
                    op.start();
                }
                return;
            }
            if (!op.started) {
                op.started = true;
                op.start();
            }
            position++;
        }
    }

    /** Under the call's monitor: the play starts with its first source. */
    private void startPlay(Play play) {
        CallMedia media = calls.get(play.call.callConnectionId());
        setOutcome(media, play.promptIndex, PlayOutcome.Status.PLAYING.wireName(), null, null, null);
        playSource(play, 0);
    }

    /** Under the call's monitor: plays source {@code index} of the play, or fails it. */
    private void playSource(Play play, int index) {
        EmulatedCall call = play.call;
        CallMedia media = calls.get(call.callConnectionId());
        PlaySource source = play.request.sources().get(index);
        Optional<ResultInfo> failure = failure(media, source);
        if (failure.isPresent()) {
            finishPlay(play, new PlayOutcome(PlayOutcome.Status.FAILED, failure.get(), index));
            return;
        }
        if (index == 0 && !play.announced) {
            play.announced = true;
            if (play.purpose.equals("play") && play.request.version().isAtLeast(ApiVersion.V2026_03_12)) {
                ObjectNode data = data(call, play.request.operationContext(), play.request.version());
                data.set("resultInformation", AcsJson.resultInformation(
                    new ResultInfo(200, 0, "Action started successfully.")));
                send(call, play.request.operationCallbackUri(), "PlayStarted", data);
            }
        }
        Duration length = durations.duration(source);
        play.timer = scheduler.schedule(() -> {
            synchronized (call) {
                if (play.over || !isLive(call)) {
                    return;
                }
                int next = index + 1;
                if (next < play.request.sources().size()) {
                    playSource(play, next);
                } else if (play.request.loop()) {
                    playSource(play, 0);
                } else {
                    finishPlay(play, new PlayOutcome(PlayOutcome.Status.COMPLETED, PlayOutcome.COMPLETED_RESULT,
                        null));
                }
            }
        }, Math.max(1, length.toMillis()), TimeUnit.MILLISECONDS);
    }

    private Optional<ResultInfo> failure(CallMedia media, PlaySource source) {
        if (source.needsCognitiveServices() && media.cognitiveServicesEndpoint == null) {
            return Optional.of(PlayOutcome.NO_COGNITIVE_SERVICES);
        }
        if (source.kind() == PlaySource.Kind.FILE) {
            return durations.fileRule(source.url()).map(rule -> rule.outcome().failure());
        }
        return Optional.empty();
    }

    /**
     * Under the call's monitor: a play (or a recognize's prompt, or hold music) ends; the media read shows how, and
     * its owner hears of it: a play's events, HoldFailed for music that cannot play, the recognize for its prompt.
     */
    private void finishPlay(Play play, PlayOutcome outcome) {
        if (play.over) {
            return;
        }
        play.over = true;
        if (play.timer != null) {
            play.timer.cancel(false);
        }
        EmulatedCall call = play.call;
        CallMedia media = calls.get(call.callConnectionId());
        setOutcome(media, play.promptIndex, outcome.status().wireName(), outcome.result().code(),
            outcome.result().subCode(), outcome.failedPlaySourceIndex());
        if (play.owner != null) {
            play.owner.playEnded(outcome);
        } else if (play.purpose.equals("holdMusic")) {
            if (outcome.status() == PlayOutcome.Status.FAILED) {
                ObjectNode data = data(call, play.request.operationContext(), play.request.version());
                data.set("resultInformation", AcsJson.resultInformation(outcome.result()));
                send(call, play.request.operationCallbackUri(), "HoldFailed", data);
            }
        }
    }

    /** Under the call's monitor: the plays and recognizes that run or wait are canceled, in queue order. */
    private void cancelPlaysAndRecognizes(CallMedia media) {
        for (Operation op : List.copyOf(media.queue)) {
            if (op instanceof PlayOperation || op instanceof RecognizeOperation) {
                op.cancel();
            }
        }
    }

    private void stopHoldMusic(CallMedia media, String rawId) {
        Play music = media.holdMusic.remove(rawId);
        if (music != null && !music.over) {
            finishPlay(music, new PlayOutcome(PlayOutcome.Status.CANCELED, PlayOutcome.CANCELED_RESULT, null));
        }
    }

    /**
     * Runs under the call's monitor when a participant has left: what was aimed at them alone ends (failed, unless
     * the call ends with their leaving: then the call's end stops it without events); their hold music stops.
     */
    private void participantLeft(EmulatedCall call, String rawId, boolean callEnds) {
        CallMedia media = calls.get(call.callConnectionId());
        if (media == null) {
            return;
        }
        Play music = media.holdMusic.remove(rawId);
        if (music != null && !music.over) {
            music.over = true;
            if (music.timer != null) {
                music.timer.cancel(false);
            }
            setOutcome(media, music.promptIndex, PlayOutcome.Status.CANCELED.wireName(), null, null, null);
        }
        for (Operation op : List.copyOf(media.queue)) {
            if (!op.over && op.targets.contains(rawId)
                && op.targets.stream().noneMatch(other -> call.participant(other).isPresent())) {
                op.targetsLeft(callEnds);
            }
        }
    }

    /** Runs under the ended call's monitor: everything stops, without events, and only the call's record stays. */
    private void callEnded(EmulatedCall call) {
        CallMedia media = calls.get(call.callConnectionId());
        if (media == null) {
            return;
        }
        List<Play> playing = new ArrayList<>(media.holdMusic.values());
        for (Operation op : media.queue) {
            op.over = true;
            op.stop();
            if (op instanceof PlayOperation play) {
                playing.add(play.play);
            } else if (op instanceof RecognizeOperation recognize && recognize.prompt != null) {
                playing.add(recognize.prompt);
            } else if (op instanceof DtmfOperation dtmf) {
                MediaSnapshot.TonesSent sent = media.tones.get(dtmf.index);
                media.tones.set(dtmf.index, new MediaSnapshot.TonesSent(sent.at(), sent.participant(), sent.tones(),
                    "canceled"));
            }
        }
        media.queue.clear();
        media.holdMusic.clear();
        for (Play play : playing) {
            if (play.timer != null) {
                play.timer.cancel(false);
            }
            if (!play.over) {
                play.over = true;
                setOutcome(media, play.promptIndex, PlayOutcome.Status.CANCELED.wireName(), null, null, null);
            }
        }
        synchronized (ended) {
            ended.put(call.callConnectionId(), snapshot(call.callConnectionId(), media));
        }
        calls.remove(call.callConnectionId());
    }

    private static boolean isLive(EmulatedCall call) {
        return call.state() == CallState.CONNECTED;
    }

    private static void requireConnected(EmulatedCall call) {
        if (!isLive(call)) {
            throw AcsApiException.callNotEstablished();
        }
    }

    private static void requireParticipant(EmulatedCall call, Identifier participant) {
        if (call.participant(participant.rawId()).isEmpty()) {
            throw new AcsApiException(404, "8522", "Participant " + participant.rawId() + " is not in the call.");
        }
    }

    private static ObjectNode data(EmulatedCall call, String operationContext, ApiVersion version) {
        ObjectNode data = AcsJson.object();
        data.put("callConnectionId", call.callConnectionId());
        data.put("serverCallId", call.serverCallId());
        data.put("correlationId", call.correlationId());
        if (operationContext != null) {
            data.put("operationContext", operationContext);
        }
        data.put("version", version.value());
        return data;
    }

    private void send(EmulatedCall call, URI operationCallbackUri, String eventName, ObjectNode data) {
        URI target = operationCallbackUri != null ? operationCallbackUri : call.callbackUri();
        dispatcher.submit(call.callConnectionId(), target, eventName,
            CloudEventEnvelope.wrap(call.callConnectionId(), eventName, data));
    }

    /** Where an operation runs: the call's main leg (everyone hears it, all else queues) or participants' sub-legs. */
    enum Leg { MAIN, SUB }

    /** What a recognize hears from the media queue ({@link CallInput} implements it); under the call's monitor. */
    interface RecognizeTurn {
        /** It is in the queue now, as this operation (before it may start). */
        void queued(RecognizeOperation operation);

        /** Its turn has come: its prompt starts now, or, without one, the listening. */
        void started();

        /** Its prompt ended by itself: completed (listening starts) or failed (which source, why). */
        void promptEnded(PlayOutcome outcome);

        /** Cancel all media, or an interrupting play or recognize, canceled it (running or waiting). */
        void canceled();

        /** The participant left; {@code callEnds} when the call ends with it. */
        void participantLeft(boolean callEnds);
    }

    /** A call's media state; guarded by the call's monitor. */
    private static final class CallMedia {
        private final EmulatedCall call;
        private URI cognitiveServicesEndpoint;
        /** The media operations that run or wait, in the order they were sent. */
        private final List<Operation> queue = new ArrayList<>();
        private final Map<String, Play> holdMusic = new HashMap<>();
        private final List<MediaSnapshot.Prompt> prompts = new ArrayList<>();
        private final List<MediaSnapshot.HoldChange> holds = new ArrayList<>();
        private final List<MediaSnapshot.Mute> mutes = new ArrayList<>();
        private final List<MediaSnapshot.TonesSent> tones = new ArrayList<>();

        private CallMedia(EmulatedCall call) {
            this.call = call;
        }
    }

    /** One media operation in a call's queue; guarded by its call's monitor. */
    private abstract static class Operation {
        final Leg leg;
        final Set<String> targets;
        boolean started;
        boolean over;

        Operation(Leg leg, Set<String> targets) {
            this.leg = leg;
            this.targets = Set.copyOf(targets);
        }

        abstract String name();

        /** Its turn has come. */
        abstract void start();

        /** Cancel all media or an interrupt: its ...Canceled event. */
        void cancel() {
        }

        /** Everyone it is aimed at left. */
        abstract void targetsLeft(boolean callEnds);

        /** The call ended: timers stop, no events. */
        void stop() {
        }
    }

    /** Whoever a play reports its end to, instead of Play* events (a recognize's prompt). */
    private interface PlayOwner {
        void playEnded(PlayOutcome outcome);
    }

    /** One prompt playing (a play, a recognize's prompt, hold music); guarded by its call's monitor. */
    private static final class Play {
        private final EmulatedCall call;
        private final PlayRequest request;
        private final String purpose;
        private final int promptIndex;
        private PlayOwner owner;
        private boolean announced;
        private boolean over;
        private ScheduledFuture<?> timer;

        private Play(EmulatedCall call, PlayRequest request, String purpose, int promptIndex) {
            this.call = call;
            this.request = request;
            this.purpose = purpose;
            this.promptIndex = promptIndex;
        }
    }

    /** A play in the queue: Play* events. */
    private final class PlayOperation extends Operation implements PlayOwner {
        private final Play play;

        PlayOperation(Play play, Leg leg, Set<String> targets) {
            super(leg, targets);
            this.play = play;
            play.owner = this;
        }

        @Override
        String name() {
            return targets.isEmpty() ? "play to all" : "play";
        }

        @Override
        void start() {
            startPlay(play);
        }

        @Override
        void cancel() {
            finishPlay(play, new PlayOutcome(PlayOutcome.Status.CANCELED, PlayOutcome.CANCELED_RESULT, null));
        }

        @Override
        void targetsLeft(boolean callEnds) {
            if (!callEnds) {
                finishPlay(play, new PlayOutcome(PlayOutcome.Status.FAILED, PLAY_TARGETS_LEFT, null));
            }
        }

        @Override
        public void playEnded(PlayOutcome outcome) {
            EmulatedCall call = play.call;
            PlayRequest request = play.request;
            ObjectNode data = data(call, request.operationContext(), request.version());
            data.set("resultInformation", AcsJson.resultInformation(outcome.result()));
            String event = switch (outcome.status()) {
                case COMPLETED -> "PlayCompleted";
                case CANCELED -> "PlayCanceled";
                default -> "PlayFailed";
            };
            if (outcome.status() == PlayOutcome.Status.FAILED && outcome.failedPlaySourceIndex() != null
                && request.version().isAtLeast(ApiVersion.V2026_03_12)) {
                data.put("failedPlaySourceIndex", outcome.failedPlaySourceIndex());
            }
            send(call, request.operationCallbackUri(), event, data);
            remove(calls.get(call.callConnectionId()), this);
        }
    }

    /** A recognize in the queue, from its turn (prompt, listening) to its result; {@link CallInput} listens. */
    final class RecognizeOperation extends Operation implements PlayOwner {
        private final EmulatedCall call;
        private final Play prompt;
        private final RecognizeTurn turn;

        RecognizeOperation(EmulatedCall call, Leg leg, Set<String> targets, Play prompt, RecognizeTurn turn) {
            super(leg, targets);
            this.call = call;
            this.prompt = prompt;
            this.turn = turn;
            if (prompt != null) {
                prompt.owner = this;
            }
        }

        /** Whether its prompt plays now. */
        boolean promptPlaying() {
            return prompt != null && started && !prompt.over;
        }

        @Override
        String name() {
            return "recognize";
        }

        @Override
        void start() {
            turn.started();
            if (prompt != null && !over && !prompt.over) {
                startPlay(prompt);
            }
        }

        @Override
        void cancel() {
            over = true;
            calls.get(call.callConnectionId()).queue.remove(this);
            schedulePump(call);
            if (prompt != null && !prompt.over) {
                prompt.over = true;
                if (prompt.timer != null) {
                    prompt.timer.cancel(false);
                }
                setOutcome(calls.get(call.callConnectionId()), prompt.promptIndex,
                    PlayOutcome.Status.CANCELED.wireName(), PlayOutcome.CANCELED_RESULT.code(),
                    PlayOutcome.CANCELED_RESULT.subCode(), null);
            }
            turn.canceled();
        }

        @Override
        void targetsLeft(boolean callEnds) {
            turn.participantLeft(callEnds);
        }

        @Override
        void stop() {
            if (prompt != null && prompt.timer != null) {
                prompt.timer.cancel(false);
            }
        }

        @Override
        public void playEnded(PlayOutcome outcome) {
            if (outcome.status() != PlayOutcome.Status.CANCELED) {
                turn.promptEnded(outcome);
            }
        }
    }

    /** Send DTMF in the queue: SendDtmfTonesCompleted once the tones have played. */
    private final class DtmfOperation extends Operation {
        private final EmulatedCall call;
        private final int index;
        private final int count;
        private final String operationContext;
        private final URI operationCallbackUri;
        private final ApiVersion version;
        private ScheduledFuture<?> timer;

        DtmfOperation(EmulatedCall call, Set<String> targets, int index, int count, String operationContext,
                      URI operationCallbackUri, ApiVersion version) {
            super(Leg.SUB, targets);
            this.call = call;
            this.index = index;
            this.count = count;
            this.operationContext = operationContext;
            this.operationCallbackUri = operationCallbackUri;
            this.version = version;
        }

        @Override
        String name() {
            return "send DTMF";
        }

        @Override
        void start() {
            outcome("sending");
            timer = scheduler.schedule(() -> {
                synchronized (call) {
                    if (!over && isLive(call)) {
                        end(true);
                    }
                }
            }, TONE_LENGTH.toMillis() * count, TimeUnit.MILLISECONDS);
        }

        @Override
        void targetsLeft(boolean callEnds) {
            if (!callEnds) {
                end(false);
            }
        }

        @Override
        void stop() {
            if (timer != null) {
                timer.cancel(false);
            }
        }

        private void end(boolean sent) {
            stop();
            outcome(sent ? "completed" : "failed");
            ObjectNode data = data(call, operationContext, version);
            data.set("resultInformation", AcsJson.resultInformation(sent ? TONES_SENT : TONES_TARGET_LEFT));
            send(call, operationCallbackUri, sent ? "SendDtmfTonesCompleted" : "SendDtmfTonesFailed", data);
            remove(calls.get(call.callConnectionId()), this);
        }

        private void outcome(String outcome) {
            CallMedia media = calls.get(call.callConnectionId());
            MediaSnapshot.TonesSent sent = media.tones.get(index);
            media.tones.set(index, new MediaSnapshot.TonesSent(sent.at(), sent.participant(), sent.tones(),
                outcome));
        }
    }
}
