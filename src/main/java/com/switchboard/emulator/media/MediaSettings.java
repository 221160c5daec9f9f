package com.switchboard.emulator.media;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long prompts last and how files behave ({@code switchboard.emulator.media.*}).
 *
 * @param speechRate characters per second a text prompt lasts (SSML: its text, plus each {@code <break>})
 * @param fileDuration a file prompt's length when no file rule gives one
 * @param files rules over file URLs, first match wins; a file no rule matches plays for {@code fileDuration}
 */
public record MediaSettings(@DefaultValue("15") double speechRate, @DefaultValue("3s") Duration fileDuration,
                            @DefaultValue List<FileRule> files) {

    public static final MediaSettings DEFAULTS = new MediaSettings(15, Duration.ofSeconds(3), List.of());

    public MediaSettings {
        if (!(speechRate > 0)) {
            throw new IllegalArgumentException("media.speechRate must be positive: " + speechRate);
        }
        if (fileDuration == null || fileDuration.isNegative()) {
            throw new IllegalArgumentException("media.fileDuration must be zero or positive");
        }
        files = List.copyOf(Objects.requireNonNull(files, "files"));
    }
}
