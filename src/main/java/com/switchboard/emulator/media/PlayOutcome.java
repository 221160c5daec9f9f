package com.switchboard.emulator.media;

import com.switchboard.emulator.model.ResultInfo;

/**
 * How a play ended (or, for the media read, where it is: {@code QUEUED}, {@code PLAYING}): {@code COMPLETED}, {@code CANCELED} (interrupted, cancel all media, or the call ended) or
 * {@code FAILED} (with the index of the source that could not play).
 */
public record PlayOutcome(Status status, ResultInfo result, Integer failedPlaySourceIndex) {

    /** The outcome's kind; its wire name is the snapshot's {@code outcome}. */
    public enum Status {
        /** Waiting in the call's media queue; not heard yet. */
        QUEUED,
        PLAYING, COMPLETED, CANCELED, FAILED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static final ResultInfo COMPLETED_RESULT = new ResultInfo(200, 0, "Action completed successfully.");
    static final ResultInfo CANCELED_RESULT = new ResultInfo(400, 8508, "Action failed, the operation was canceled.");
    static final ResultInfo NO_COGNITIVE_SERVICES = new ResultInfo(400, 8565,
        "Action failed, the call has no Cognitive Services endpoint (callIntelligenceOptions."
            + "cognitiveServicesEndpoint on create, answer or connect) for text to speech.");
}
