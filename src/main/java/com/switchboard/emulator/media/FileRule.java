package com.switchboard.emulator.media;

import com.switchboard.emulator.model.ResultInfo;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How an audio file the application plays behaves: files whose URL matches {@code url} (a glob where {@code *}
 * matches any characters) last {@code duration} (null: the setting {@code media.file-duration}) and end with
 * {@code outcome}. Bound from {@code switchboard.emulator.media.files[i].url}, {@code .duration}, {@code .outcome}.
 */
public record FileRule(String url, Duration duration, @DefaultValue("PLAYS") Outcome outcome) {

    /** What playing the file does. */
    public enum Outcome {
        /** It plays for its duration. */
        PLAYS(null),
        /** ACS cannot download it: 400/8536. */
        NOT_FOUND(new ResultInfo(400, 8536, "Action failed, file could not be downloaded.")),
        /** It is not a WAV (16-bit PCM, mono, 16 kHz) or MP3 file ACS plays: 400/8535. */
        INVALID_FORMAT(new ResultInfo(400, 8535, "Action failed, file format is invalid."));

        private final ResultInfo failure;

        Outcome(ResultInfo failure) {
            this.failure = failure;
        }

        /** The result a play fails with; null for {@link #PLAYS}. */
        ResultInfo failure() {
            return failure;
        }
    }

    public FileRule {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("A media file rule needs a url");
        }
        Objects.requireNonNull(outcome, "outcome");
        if (duration != null && duration.isNegative()) {
            throw new IllegalArgumentException("A media file rule's duration must not be negative: " + url);
        }
    }

    boolean matches(String fileUrl) {
        StringBuilder regex = new StringBuilder();
        for (String part : url.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.matches(regex.toString(), fileUrl);
    }
}
