package com.switchboard.emulator.media;

import java.time.Instant;
import java.util.List;

/**
 * What a call's participants heard and what the application did to them, oldest first, one list per kind: the
 * prompts (plays, hold music and recognizes' prompts), holds, mutes, tones sent and recognizes.
 */
public record MediaSnapshot(String callConnectionId, List<Prompt> prompts, List<HoldChange> holds,
                            List<Mute> mutes, List<TonesSent> tones, List<RecognitionSnapshot> recognitions) {

    /** The same, with the call's recognizes (kept by {@link CallInput}). */
    public MediaSnapshot withRecognitions(List<RecognitionSnapshot> all) {
        return new MediaSnapshot(callConnectionId, prompts, holds, mutes, tones, List.copyOf(all));
    }

    /**
     * One play: to whom (raw ids; empty = everyone), its sources, whether it loops, and its outcome
     * ({@code queued} while it waits for its turn, {@code playing}, {@code completed}, {@code canceled},
     * {@code failed}).
     *
     * @param purpose {@code play}, {@code holdMusic} or {@code recognize} (a recognize's prompt)
     */
    public record Prompt(Instant at, String purpose, List<String> playTo, List<PlaySource> sources, boolean loop,
                         String operationContext, String outcome, Integer resultCode, Integer resultSubCode,
                         Integer failedPlaySourceIndex) {
    }

    /** A participant put on hold ({@code hold}) or taken off it ({@code unhold}). */
    public record HoldChange(Instant at, String action, String participant) {
    }

    /** A participant the application muted. */
    public record Mute(Instant at, String participant) {
    }

    /** Tones the application sent to a participant, with the outcome ({@code queued}, {@code sending},
     * {@code completed}, {@code failed}, {@code canceled} when the call ended first). */
    public record TonesSent(Instant at, String participant, String tones, String outcome) {
    }
}
