package com.switchboard.emulator.media;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a play source lasts and how it ends: text at the speech rate, SSML by its text and breaks, a file by
 * the first matching file rule (else the default file duration).
 */
final class PromptDurations {

    private static final Pattern BREAK = Pattern.compile("<break\\b([^>]*)/?>", Pattern.CASE_INSENSITIVE);
    private static final Pattern TIME = Pattern.compile("time\\s*=\\s*[\"']\\s*([0-9.]+)\\s*(ms|s)\\s*[\"']",
        Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    /** A {@code <break/>} without a time (or with a strength only) pauses this long. */
    private static final Duration DEFAULT_BREAK = Duration.ofMillis(750);

    private final MediaSettings settings;

    PromptDurations(MediaSettings settings) {
        this.settings = settings;
    }

    Duration duration(PlaySource source) {
        return switch (source.kind()) {
            case TEXT -> speech(source.text().length());
            case SSML -> ssml(source.ssml());
            case FILE -> fileRule(source.url()).map(FileRule::duration).filter(d -> d != null)
                .orElse(settings.fileDuration());
        };
    }

    /** The file rule that matches the URL, if any. */
    Optional<FileRule> fileRule(String url) {
        return settings.files().stream().filter(rule -> rule.matches(url)).findFirst();
    }

    /** SSML: the characters of its text (tags removed, whitespace collapsed), plus each break's time. */
    Duration ssml(String ssml) {
        Duration breaks = Duration.ZERO;
        Matcher matcher = BREAK.matcher(ssml);
        while (matcher.find()) {
            Matcher time = TIME.matcher(matcher.group(1));
            if (time.find()) {
                double value = Double.parseDouble(time.group(1));
                long millis = Math.round(time.group(2).equalsIgnoreCase("s") ? value * 1000 : value);
                breaks = breaks.plusMillis(millis);
            } else {
                breaks = breaks.plus(DEFAULT_BREAK);
            }
        }
        String text = TAG.matcher(ssml).replaceAll(" ").replaceAll("\\s+", " ").trim();
        return speech(text.length()).plus(breaks);
    }

    private Duration speech(int characters) {
        return Duration.ofNanos(Math.round(characters / settings.speechRate() * 1_000_000_000L));
    }
}
