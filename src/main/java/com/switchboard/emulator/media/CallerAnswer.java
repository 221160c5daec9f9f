package com.switchboard.emulator.media;

import java.util.List;
import java.util.Locale;

/**
 * One answer of a {@link CallerRule}: {@code press 12#}, {@code say sales} or {@code say two tickets 0.8} (a last word
 * that is a number from 0 to 1 is the confidence, default 0.95), {@code silent}, {@code hang up}.
 */
record CallerAnswer(Kind kind, List<Tone> tones, String phrase, double confidence) {

    static final double DEFAULT_CONFIDENCE = 0.95;
    static final CallerAnswer SILENT = new CallerAnswer(Kind.SILENT, List.of(), null, 0);

    enum Kind { PRESS, SAY, SILENT, HANG_UP }

    /** @throws IllegalArgumentException for anything else, quoting it */
    static CallerAnswer parse(String answer) {
        String text = answer == null ? "" : answer.trim().replaceAll("\\s+", " ");
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("silent")) {
            return SILENT;
        }
        if (lower.equals("hang up")) {
            return new CallerAnswer(Kind.HANG_UP, List.of(), null, 0);
        }
        if (lower.startsWith("press ")) {
            List<Tone> tones = Tone.parseKeys(text.substring("press ".length()));
            if (tones.isEmpty()) {
                throw new IllegalArgumentException("A caller's 'press' answer needs keys: " + answer);
            }
            return new CallerAnswer(Kind.PRESS, tones, null, 0);
        }
        if (lower.startsWith("say ")) {
            String phrase = text.substring("say ".length());
            double confidence = DEFAULT_CONFIDENCE;
            int lastSpace = phrase.lastIndexOf(' ');
            if (lastSpace > 0) {
                String last = phrase.substring(lastSpace + 1);
                if (last.matches("(0(\\.\\d+)?|1(\\.0+)?|\\.\\d+)")) {
                    confidence = Double.parseDouble(last);
                    phrase = phrase.substring(0, lastSpace);
                }
            }
            return new CallerAnswer(Kind.SAY, List.of(), phrase, confidence);
        }
        throw new IllegalArgumentException("A caller's answer must be 'press <keys>', 'say <phrase> [confidence]', "
            + "'silent' or 'hang up': '" + answer + "'");
    }
}
