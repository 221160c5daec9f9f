package com.switchboard.emulator.media;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.switchboard.emulator.delivery.CallbackDispatcher;
import com.switchboard.emulator.delivery.CloudEventEnvelope;
import com.switchboard.emulator.model.AcsApiException;
import com.switchboard.emulator.model.AcsJson;
import com.switchboard.emulator.model.ApiVersion;
import com.switchboard.emulator.model.Identifier;
import com.switchboard.emulator.model.ResultInfo;
import com.switchboard.emulator.telephony.CallConnections;
import com.switchboard.emulator.telephony.CallEngine;
import com.switchboard.emulator.telephony.CallState;
import com.switchboard.emulator.telephony.EmulatedCall;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The media of the emulator's calls: prompts played on the emulator's scheduler, one after the other per call
 * (a play queues behind what plays unless it interrupts it), hold music looping to a held participant, mutes and
 * DTMF tones sent. Its events (PlayStarted, PlayCompleted, PlayFailed, PlayCanceled, HoldFailed,
 * SendDtmfTonesCompleted, SendDtmfTonesFailed) go through the dispatcher to the request's operation callback URI,
 * else the call's. Every change holds the call's monitor, the lock the call's own changes hold, so media events and
 * call events leave in order; when the call ends everything stops without events.
 */
public final class MediaEngine {

    /** How long one DTMF tone the application sends lasts, the gap after it included. */
    static final Duration TONE_LENGTH = Duration.ofMillis(100);
    private static final ResultInfo TONES_SENT = new ResultInfo(200, 0, "Action completed successfully.");
    private static final ResultInfo TONES_TARGET_LEFT =
        new ResultInfo(400, 8522, "Action failed, the participant left the call before the tones were sent.");

    private final CallEngine engine;
    private final CallbackDispatcher dispatcher;
    private final ScheduledExecutorService scheduler;
    private final PromptDurations durations;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, CallMedia> calls = new ConcurrentHashMap<>();

    public MediaEngine(CallEngine engine, CallbackDispatcher dispatcher, ScheduledExecutorService scheduler,
                       MediaSettings settings) {
        this.engine = engine;
        this.dispatcher = dispatcher;
        this.scheduler = scheduler;
        this.durations = new PromptDurations(settings);
        engine.connections().onCallEnded(this::callEnded);
    }

    /** Remembers the call's Cognitive Services endpoint (from its create, answer or connect); null for none. */
    public void cognitiveServicesEndpoint(EmulatedCall call, URI endpoint) {
        synchronized (call) {
            media(call).cognitiveServicesEndpoint = endpoint;
        }
    }

    /** The call's Cognitive Services endpoint, if its create, answer or connect gave one. */
    public Optional<URI> cognitiveServicesEndpoint(EmulatedCall call) {
        synchronized (call) {
            return Optional.ofNullable(media(call).cognitiveServicesEndpoint);
        }
    }

    /**
     * Plays a prompt with Play* events.
     *
     * @throws AcsApiException 400/8501 when the call is not connected, 404/8522 for a listed participant not in it
     */
    public void play(EmulatedCall call, PlayRequest request) {
        play(call, request, null);
    }

    /**
     * Plays a prompt. With {@code onEnded} (a recognize's prompt), no Play* events are sent: {@code onEnded} hears
     * how it ended instead, under the call's monitor.
     */
    public void play(EmulatedCall call, PlayRequest request, Consumer<PlayOutcome> onEnded) {
        synchronized (call) {
            requireConnected(call);
            request.playTo().forEach(p -> requireParticipant(call, p));
            CallMedia media = media(call);
            if (request.interrupt()) {
                cancelPlays(call, media);
            }
            Play play = new Play(call, request, "play", onEnded, record(media, request, "play"));
            media.queue.add(play);
            if (media.queue.size() == 1) {
                scheduler.execute(() -> startNext(call));
            }
        }
    }

    /** Cancels every play that runs or is queued on the call: a PlayCanceled each. */
    public void cancelAll(EmulatedCall call) {
        synchronized (call) {
            requireConnected(call);
            cancelPlays(call, media(call));
        }
    }

    /**
     * Puts a participant on hold; with music, it loops to that participant until unhold (HoldFailed when it cannot
     * play; the participant stays on hold).
     */
    public void hold(EmulatedCall call, Identifier participant, PlayRequest music) {
        synchronized (call) {
            requireConnected(call);
            requireParticipant(call, participant);
            engine.setOnHold(call.callConnectionId(), participant.rawId(), true);
            CallMedia media = media(call);
            media.holds.add(new MediaSnapshot.HoldChange(clock.instant(), "hold", participant.rawId()));
            stopHoldMusic(media, participant.rawId());
            if (music != null) {
                Play play = new Play(call, music, "holdMusic", null, record(media, music, "holdMusic"));
                media.holdMusic.put(participant.rawId(), play);
                scheduler.execute(() -> {
                    synchronized (call) {
                        if (play.over || !live(call)) {
                            return;
                        }
                        playSource(play, 0);
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
            CallMedia media = media(call);
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
            media(call).mutes.add(new MediaSnapshot.Mute(clock.instant(), participant.rawId()));
        }
    }

    /**
     * Sends DTMF tones to a phone participant: SendDtmfTonesCompleted once they have played, SendDtmfTonesFailed when
     * the participant left meanwhile.
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
            CallMedia media = media(call);
            String keys = tones.stream().map(t -> String.valueOf(t.key())).collect(Collectors.joining());
            int index = media.tones.size();
            media.tones.add(new MediaSnapshot.TonesSent(clock.instant(), participant.rawId(), keys, "sending"));
            ScheduledFuture<?> future = scheduler.schedule(() -> {
                synchronized (call) {
                    if (!live(call)) {
                        return;
                    }
                    boolean present = call.participant(participant.rawId()).isPresent();
                    MediaSnapshot.TonesSent sent = media.tones.get(index);
                    media.tones.set(index, new MediaSnapshot.TonesSent(sent.at(), sent.participant(), sent.tones(),
                        present ? "completed" : "failed"));
                    ObjectNode data = data(call, operationContext, version);
                    data.set("resultInformation", AcsJson.resultInformation(present ? TONES_SENT : TONES_TARGET_LEFT));
                    send(call, operationCallbackUri, present ? "SendDtmfTonesCompleted" : "SendDtmfTonesFailed",
                        data);
                }
            }, TONE_LENGTH.toMillis() * tones.size(), TimeUnit.MILLISECONDS);
            media.timers.add(future);
        }
    }

    /**
     * What the call's participants heard and what was done to them (also once it ended); empty lists for a call
     * without media; 404/8522 for a call the emulator does not know.
     */
    public MediaSnapshot media(String callConnectionId) {
        CallMedia known = calls.get(callConnectionId);
        EmulatedCall call = known != null ? known.call : engine.call(callConnectionId);
        synchronized (call) {
            CallMedia media = media(call);
            return new MediaSnapshot(callConnectionId, List.copyOf(media.prompts), List.copyOf(media.holds),
                List.copyOf(media.mutes), List.copyOf(media.tones), List.of());
        }
    }

    private CallMedia media(EmulatedCall call) {
        return calls.computeIfAbsent(call.callConnectionId(), id -> new CallMedia(call));
    }

    /**
     * A recognize's prompt starts playing to its participant: recorded with the plays (purpose {@code recognize}), so
     * that the media read shows everything the caller heard. Its outcome follows with {@link #recognizePromptEnded}.
     *
     * @return the prompt's index, for {@link #recognizePromptEnded}
     */
    public int recognizePromptStarted(EmulatedCall call, Identifier participant, List<PlaySource> sources,
                                      String operationContext) {
        synchronized (call) {
            CallMedia media = media(call);
            media.prompts.add(new MediaSnapshot.Prompt(clock.instant(), "recognize", List.of(participant.rawId()),
                List.copyOf(sources), false, operationContext, PlayOutcome.Status.PLAYING.wireName(), null, null, null));
            return media.prompts.size() - 1;
        }
    }

    /** A recognize's prompt played to its end ({@code COMPLETED}) or was cut off ({@code CANCELED}). */
    public void recognizePromptEnded(EmulatedCall call, int index, PlayOutcome.Status status) {
        synchronized (call) {
            CallMedia media = media(call);
            MediaSnapshot.Prompt prompt = media.prompts.get(index);
            media.prompts.set(index, new MediaSnapshot.Prompt(prompt.at(), prompt.purpose(), prompt.playTo(),
                prompt.sources(), prompt.loop(), prompt.operationContext(), status.wireName(), null, null, null));
        }
    }

    private int record(CallMedia media, PlayRequest request, String purpose) {
        media.prompts.add(new MediaSnapshot.Prompt(clock.instant(), purpose,
            request.playTo().stream().map(Identifier::rawId).toList(), request.sources(), request.loop(),
            request.operationContext(), PlayOutcome.Status.PLAYING.wireName(), null, null, null));
        return media.prompts.size() - 1;
    }

    private void startNext(EmulatedCall call) {
        synchronized (call) {
            CallMedia media = media(call);
            Play play = media.queue.peekFirst();
            if (play == null || play.started || !live(call)) {
                return;
            }
            play.started = true;
            playSource(play, 0);
        }
    }

    /** Under the call's monitor: plays source {@code index} of the play, or fails it. */
    private void playSource(Play play, int index) {
        EmulatedCall call = play.call;
        CallMedia media = media(call);
        PlaySource source = play.request.sources().get(index);
        Optional<ResultInfo> failure = failure(media, source);
        if (failure.isPresent()) {
            end(play, new PlayOutcome(PlayOutcome.Status.FAILED, failure.get(), index));
            return;
        }
        if (index == 0 && !play.announced) {
            play.announced = true;
            if (play.onEnded == null && play.purpose.equals("play")
                && play.request.version().isAtLeast(ApiVersion.V2026_03_12)) {
                ObjectNode data = data(call, play.request.operationContext(), play.request.version());
                data.set("resultInformation", AcsJson.resultInformation(
                    new ResultInfo(200, 0, "Action started successfully.")));
                send(call, play.request.operationCallbackUri(), "PlayStarted", data);
            }
        }
        Duration length = durations.duration(source);
        play.timer = scheduler.schedule(() -> {
            synchronized (call) {
                if (play.over || !live(call)) {
                    return;
                }
                int next = index + 1;
                if (next < play.request.sources().size()) {
                    playSource(play, next);
                } else if (play.request.loop()) {
                    playSource(play, 0);
                } else {
                    end(play, new PlayOutcome(PlayOutcome.Status.COMPLETED, PlayOutcome.COMPLETED_RESULT, null));
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

    /** Under the call's monitor: ends a play with its event (or its listener), and starts the next in the queue. */
    private void end(Play play, PlayOutcome outcome) {
        if (play.over) {
            return;
        }
        play.over = true;
        if (play.timer != null) {
            play.timer.cancel(false);
        }
        EmulatedCall call = play.call;
        CallMedia media = media(call);
        MediaSnapshot.Prompt prompt = media.prompts.get(play.promptIndex);
        media.prompts.set(play.promptIndex, new MediaSnapshot.Prompt(prompt.at(), prompt.purpose(),
            prompt.playTo(), prompt.sources(), prompt.loop(), prompt.operationContext(), outcome.status().wireName(),
            outcome.result().code(), outcome.result().subCode(), outcome.failedPlaySourceIndex()));
        if (play.onEnded != null) {
            play.onEnded.accept(outcome);
        } else if (play.purpose.equals("holdMusic")) {
            if (outcome.status() == PlayOutcome.Status.FAILED) {
                ObjectNode data = data(call, play.request.operationContext(), play.request.version());
                data.set("resultInformation", AcsJson.resultInformation(outcome.result()));
                send(call, play.request.operationCallbackUri(), "HoldFailed", data);
            }
        } else {
            ObjectNode data = data(call, play.request.operationContext(), play.request.version());
            data.set("resultInformation", AcsJson.resultInformation(outcome.result()));
            String event = switch (outcome.status()) {
                case COMPLETED -> "PlayCompleted";
                case CANCELED -> "PlayCanceled";
                default -> "PlayFailed";
            };
            if (outcome.status() == PlayOutcome.Status.FAILED
                && play.request.version().isAtLeast(ApiVersion.V2026_03_12)) {
                data.put("failedPlaySourceIndex", outcome.failedPlaySourceIndex());
            }
            send(call, play.request.operationCallbackUri(), event, data);
        }
        if (media.queue.remove(play) && !media.queue.isEmpty()) {
            scheduler.execute(() -> startNext(call));
        }
    }

    private void cancelPlays(EmulatedCall call, CallMedia media) {
        for (Play play : new ArrayList<>(media.queue)) {
            media.queue.remove(play);
            end(play, new PlayOutcome(PlayOutcome.Status.CANCELED, PlayOutcome.CANCELED_RESULT, null));
        }
    }

    private void stopHoldMusic(CallMedia media, String rawId) {
        Play music = media.holdMusic.remove(rawId);
        if (music != null && !music.over) {
            end(music, new PlayOutcome(PlayOutcome.Status.CANCELED, PlayOutcome.CANCELED_RESULT, null));
        }
    }

    /** Runs under the ended call's monitor: everything stops, without events. */
    private void callEnded(EmulatedCall call) {
        CallMedia media = calls.get(call.callConnectionId());
        if (media == null) {
            return;
        }
        List<Play> running = new ArrayList<>(media.queue);
        running.addAll(media.holdMusic.values());
        media.queue.clear();
        media.holdMusic.clear();
        for (Play play : running) {
            play.over = true;
            if (play.timer != null) {
                play.timer.cancel(false);
            }
            MediaSnapshot.Prompt prompt = media.prompts.get(play.promptIndex);
            media.prompts.set(play.promptIndex, new MediaSnapshot.Prompt(prompt.at(), prompt.purpose(),
                prompt.playTo(), prompt.sources(), prompt.loop(), prompt.operationContext(),
                PlayOutcome.Status.CANCELED.wireName(), null, null, null));
        }
        media.timers.forEach(timer -> timer.cancel(false));
    }

    private static boolean live(EmulatedCall call) {
        return call.state() == CallState.CONNECTED;
    }

    private static void requireConnected(EmulatedCall call) {
        if (!live(call)) {
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

    /** A call's media state; guarded by the call's monitor. */
    private static final class CallMedia {
        private final EmulatedCall call;
        private URI cognitiveServicesEndpoint;
        private final Deque<Play> queue = new ArrayDeque<>();
        private final Map<String, Play> holdMusic = new HashMap<>();
        private final List<MediaSnapshot.Prompt> prompts = new ArrayList<>();
        private final List<MediaSnapshot.HoldChange> holds = new ArrayList<>();
        private final List<MediaSnapshot.Mute> mutes = new ArrayList<>();
        private final List<MediaSnapshot.TonesSent> tones = new ArrayList<>();
        private final List<ScheduledFuture<?>> timers = new ArrayList<>();

        private CallMedia(EmulatedCall call) {
            this.call = call;
        }
    }

    /** One play in progress; guarded by its call's monitor. */
    private static final class Play {
        private final EmulatedCall call;
        private final PlayRequest request;
        private final String purpose;
        private final Consumer<PlayOutcome> onEnded;
        private final int promptIndex;
        private boolean started;
        private boolean announced;
        private boolean over;
        private ScheduledFuture<?> timer;

        private Play(EmulatedCall call, PlayRequest request, String purpose, Consumer<PlayOutcome> onEnded,
                     int promptIndex) {
            this.call = call;
            this.request = request;
            this.purpose = purpose;
            this.onEnded = onEnded;
            this.promptIndex = promptIndex;
        }
    }

}
