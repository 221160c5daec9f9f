package com.switchboard.emulator.recording;

import com.switchboard.emulator.model.AcsApiException;
import java.util.Locale;

/**
 * What a recording captures and how it is stored: content (audio / audioVideo), channels (mixed / unmixed) and file
 * format (wav / mp3 / mp4). ACS accepts three shapes: audio mixed as wav or mp3, audio unmixed as wav, and audio with
 * video mixed as mp4; anything else is refused with 400. Missing fields take the service's defaults: audioVideo,
 * mixed, and the first format the content and channels allow (mp4 for video, wav for audio).
 */
public record RecordingFormat(String content, String channel, String format) {

    /** Validates a start request's three fields, any of which may be null. */
    public static RecordingFormat of(String content, String channel, String format) {
        String c = oneOf("recordingContentType", content, "audioVideo", "audio", "audioVideo");
        String ch = oneOf("recordingChannelType", channel, "mixed", "mixed", "unmixed");
        String f = oneOf("recordingFormatType", format, c.equals("audioVideo") ? "mp4" : "wav", "wav", "mp3", "mp4");
        boolean allowed = switch (c) {
            case "audio" -> ch.equals("mixed") ? !f.equals("mp4") : f.equals("wav");
            default -> ch.equals("mixed") && f.equals("mp4");
        };
        if (!allowed) {
            throw AcsApiException.invalidArgument("The recording combination " + c + " / " + ch + " / " + f
                + " is not supported: audio mixed records as wav or mp3, audio unmixed as wav, audioVideo mixed as"
                + " mp4.");
        }
        return new RecordingFormat(c, ch, f);
    }

    private static String oneOf(String field, String value, String fallback, String... allowed) {
        if (value == null) {
            return fallback;
        }
        for (String candidate : allowed) {
            if (candidate.toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT))) {
                return candidate;
            }
        }
        throw AcsApiException.invalidArgument("The field '" + field + "' has the value '" + value
            + "'; it must be one of " + String.join(", ", allowed) + ".");
    }
}
