package com.switchboard.security;

import ch.qos.logback.classic.pattern.MDCConverter;
import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Every log line is one line: control characters in a message or in the call's log context (values from a
 * callback's payload, which anyone may send) are written as escapes ({@code \n}, {@code \u0000}), so nobody can
 * forge log lines. Registered for the {@code %m} and {@code %X} words in {@code logback-spring.xml}.
 */
public final class LogEscaping {

    private LogEscaping() {
    }

    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> null;
                default -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? String.format("\\u%04x", (int) c) : null;
            };
            if (replacement != null && escaped == null) {
                escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (escaped != null) {
                if (replacement != null) {
                    escaped.append(replacement);
                } else {
                    escaped.append(c);
                }
            }
        }
        return escaped == null ? text : escaped.toString();
    }

    /** {@code %m}, {@code %msg}, {@code %message}. */
    public static final class Message extends MessageConverter {
        @Override
        public String convert(ILoggingEvent event) {
            return escape(super.convert(event));
        }
    }

    /** {@code %X}, {@code %mdc}. */
    public static final class Context extends MDCConverter {
        @Override
        public String convert(ILoggingEvent event) {
            return escape(super.convert(event));
        }
    }
}
