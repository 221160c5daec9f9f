package com.switchboard.actions;

import com.switchboard.acs.Party;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one start variable must be, as an analyst writes it: the value of an input of the check task, named after the
 * variable. A kind, with {@code optional} in front when the variable may be missing ({@code required} is the
 * default and may be written too):
 * <ul>
 *   <li>{@code party}: a phone number in international format ({@code +14255550123}) or a user id ({@code 8:acs:...},
 *       {@code 8:orgid:...})</li>
 *   <li>{@code parties}: one or more of them, separated by commas</li>
 *   <li>{@code phone number}: a phone number in international format</li>
 *   <li>{@code caller id}: a phone number, required when a party, parties or phone number checked by the same task
 *       is a phone number (calling one needs a caller ID)</li>
 *   <li>{@code duration}: a positive ISO-8601 duration ({@code PT60S}), as a BPMN timer reads it</li>
 *   <li>{@code seconds 1..180}: a whole number of seconds in that range</li>
 *   <li>{@code text}: any text</li>
 * </ul>
 * Values are read and judged by {@link Inputs}, as the call actions read theirs.
 */
record StartVariableRule(String variable, Kind kind, Presence presence, int min, int max) {

    enum Kind { PARTY, PARTIES, PHONE_NUMBER, CALLER_ID, DURATION, SECONDS, TEXT }

    enum Presence { REQUIRED, OPTIONAL, WHEN_A_PHONE_NUMBER_IS_CALLED }

    /** What an analyst may write, for messages. */
    static final String FORMS = "party, parties, phone number, caller id, duration, seconds 1..180 or text, with "
            + "optional in front when it may be missing";

    private static final Pattern RULE = Pattern.compile(
            "(?:(required|optional)\\s+)?(party|parties|phone\\s+number|caller\\s+id|duration|text|seconds\\s+(\\d{1,9})\\s*\\.\\.\\s*(\\d{1,9}))");

    /** @throws IllegalArgumentException saying what is wrong with the rule */
    static StartVariableRule parse(String variable, String rule) {
        String text = rule == null ? "" : rule.trim().toLowerCase(Locale.ROOT);
        Matcher matcher = RULE.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException((text.isEmpty() ? "the rule is empty" : "'" + rule.trim() + "' is not a rule")
                    + ": write " + FORMS);
        }
        String kindWord = matcher.group(2).replaceAll("\\s+", " ");
        Kind kind = kindWord.startsWith("seconds") ? Kind.SECONDS
                : Kind.valueOf(kindWord.toUpperCase(Locale.ROOT).replace(' ', '_'));
        Presence presence = matcher.group(1) != null ? Presence.valueOf(matcher.group(1).toUpperCase(Locale.ROOT))
                : kind == Kind.CALLER_ID ? Presence.WHEN_A_PHONE_NUMBER_IS_CALLED : Presence.REQUIRED;
        int min = 0;
        int max = 0;
        if (kind == Kind.SECONDS) {
            min = Integer.parseInt(matcher.group(3));
            max = Integer.parseInt(matcher.group(4));
            if (min > max) {
                throw new IllegalArgumentException("'" + rule.trim() + "' is an empty range: write the smaller number first");
            }
        }
        return new StartVariableRule(variable, kind, presence, min, max);
    }

    /** Whether this rule must wait for the parties of the other rules of its task. */
    boolean dependsOnParties() {
        return presence == Presence.WHEN_A_PHONE_NUMBER_IS_CALLED;
    }

    /**
     * Judges the variable's value; adds the parties and phone numbers it holds to {@code called}.
     *
     * @throws RuntimeException the one {@code values} makes, naming the variable and what is wrong
     */
    void check(Inputs values, List<Party> called) {
        if (kind == Kind.PARTIES) {
            called.addAll(presence == Presence.OPTIONAL ? values.optionalParties(variable) : values.parties(variable));
            return;
        }
        if (presence == Presence.REQUIRED) {
            values.text(variable);
        }
        switch (kind) {
            case PARTY -> add(values.optionalParty(variable), called);
            case PHONE_NUMBER -> add(values.optionalPhoneNumber(variable), called);
            case CALLER_ID -> {
                if (presence == Presence.WHEN_A_PHONE_NUMBER_IS_CALLED) {
                    values.callerIdFor(called, variable);
                } else {
                    values.optionalPhoneNumber(variable);
                }
            }
            case DURATION -> values.optionalDuration(variable);
            case SECONDS -> values.optionalSeconds(variable, min, max);
            case TEXT, PARTIES -> {
                // any text; parties are read above
            }
        }
    }

    private static void add(Party party, List<Party> called) {
        if (party != null) {
            called.add(party);
        }
    }
}
