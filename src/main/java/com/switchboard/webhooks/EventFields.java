package com.switchboard.webhooks;

/**
 * What an id-like value of a webhook event (an event id, a type, a call id) must be before anything of its delivery
 * is stored or started: present when required, not empty, no longer than the column it goes to, and free of control
 * characters (PostgreSQL refuses NUL in text; CR/LF and the rest have no business in an id). Both webhooks check
 * every event of a delivery with these rules first, so that a bad event refuses the delivery whole.
 *
 * <p>Lengths count Java characters (UTF-16 units): never more than the database's characters, so a value that
 * passes fits H2's and PostgreSQL's columns alike.
 */
public final class EventFields {

    private EventFields() {
    }

    /** What is wrong with a value that must be there, in words that follow its name, or null when nothing is. */
    public static String problemWithRequired(String value, int maxLength) {
        if (value == null) {
            return "is missing";
        }
        if (value.isBlank()) {
            return "is empty";
        }
        return problemWithOptional(value, maxLength);
    }

    /** As {@link #problemWithRequired}, for a value that may be absent (null); present, it must be right. */
    public static String problemWithOptional(String value, int maxLength) {
        if (value == null) {
            return null;
        }
        if (value.length() > maxLength) {
            return "is " + value.length() + " characters long; at most " + maxLength + " are accepted";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                return String.format("contains a control character (U+%04X) at position %d; none are accepted", (int) c, i);
            }
        }
        return null;
    }

    /**
     * How a problem detail names the event: its index in the delivery, and its id when that is fit to quote
     * (a bad id is described by the detail itself, not repeated).
     */
    public static String describe(int index, String eventId, int maxIdLength) {
        return problemWithRequired(eventId, maxIdLength) == null ? "Event " + index + " (" + eventId + ")" : "Event " + index;
    }
}
