package com.switchboard.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.switchboard.acs.Party;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a value must look like, and the words for what is wrong, shared by call actions and the start check. */
class InputsTest {

    private final Map<String, Object> values = new HashMap<>();
    private final Inputs inputs = new Inputs(values::get, (name, problem) -> new IllegalArgumentException(name + ": " + problem));

    @Test
    void partiesAndCallerIds() {
        values.put("one", " +14255550123 ");
        values.put("many", "+14255550123, 8:acs:agent;8:orgid:x");
        values.put("list", List.of("8:acs:a", "8:acs:b"));
        values.put("callerId", "+14255550100");
        values.put("user", "8:acs:someone");
        values.put("bad", "+1 425");

        assertThat(inputs.party("one").rawId()).isEqualTo("4:+14255550123");
        assertThat(inputs.parties("many")).extracting(Party::rawId).containsExactly("4:+14255550123", "8:acs:agent", "8:orgid:x");
        assertThat(inputs.parties("list")).hasSize(2);
        assertThat(inputs.optionalParty("missing")).isNull();
        assertThat(inputs.optionalParties("missing")).isEmpty();
        assertThat(inputs.callerIdFor(inputs.parties("many"), "callerId").phoneNumber()).isEqualTo("+14255550100");
        assertThat(inputs.callerIdFor(List.of(inputs.party("user")), "none")).isNull();

        assertThatThrownBy(() -> inputs.party("bad")).hasMessage("bad: '+1 425' is neither a phone number in "
                + "international format (like +14255550123) nor a user id (like 8:acs:...)");
        assertThatThrownBy(() -> inputs.party("missing")).hasMessage("missing: it is empty, but it is required");
        assertThatThrownBy(() -> inputs.parties("missing")).hasMessageContaining("needs at least one phone number");
        assertThatThrownBy(() -> inputs.callerIdFor(List.of(inputs.party("one")), "none"))
                .hasMessageStartingWith("none: it is empty, but calling a phone number needs a caller ID");
        assertThatThrownBy(() -> inputs.optionalPhoneNumber("user")).hasMessageContaining("is not a phone number");
    }

    @Test
    void secondsAndDurations() {
        values.put("sixty", 60);
        values.put("tooMany", "181");
        values.put("word", "soon");
        values.put("ring", "PT45S");
        values.put("day", "P1D");
        values.put("garbage", "garbage");
        values.put("negative", "-PT5S");
        values.put("zero", "PT0S");

        assertThat(inputs.optionalSeconds("sixty", 1, 180)).isEqualTo(Duration.ofSeconds(60));
        assertThat(inputs.optionalSeconds("missing", 1, 180)).isNull();
        assertThatThrownBy(() -> inputs.optionalSeconds("tooMany", 1, 180))
                .hasMessage("tooMany: 181 is out of range: it must be between 1 and 180 seconds");
        assertThatThrownBy(() -> inputs.optionalSeconds("word", 1, 180)).hasMessage("word: 'soon' is not a whole number of seconds");

        assertThat(inputs.optionalDuration("ring")).isEqualTo("PT45S");
        assertThat(inputs.optionalDuration("day")).isEqualTo("P1D");
        assertThat(inputs.optionalDuration("missing")).isNull();
        assertThatThrownBy(() -> inputs.optionalDuration("garbage")).hasMessage("garbage: 'garbage' is not an ISO-8601 "
                + "duration (like PT60S for 60 seconds, PT2M, P1D)");
        assertThatThrownBy(() -> inputs.optionalDuration("negative")).hasMessage("negative: '-PT5S' is not a positive duration (like PT60S)");
        assertThatThrownBy(() -> inputs.optionalDuration("zero")).hasMessageContaining("is not a positive duration");
        values.put("blank", " ");
        assertThatThrownBy(() -> inputs.optionalDuration("blank")).as("a timer cannot read it either")
                .hasMessageStartingWith("blank: ' ' is not an ISO-8601 duration");
    }

    @Test
    void flagsHeadersAndUrls() {
        values.put("yes", "yes");
        values.put("maybe", "maybe");
        values.put("headers", "User-To-User: 00AA\nX-MS-Custom-Order=42");
        values.put("json", "{\"a\": \"1\"}");
        values.put("broken", "no separator");
        values.put("url", "https://example.com/events");
        values.put("ftp", "ftp://example.com");

        assertThat(inputs.flag("yes", false)).isTrue();
        assertThat(inputs.flag("missing", true)).isTrue();
        assertThatThrownBy(() -> inputs.flag("maybe", false)).hasMessage("maybe: 'maybe' is neither true nor false");
        assertThat(inputs.optionalHeaders("headers")).containsEntry("User-To-User", "00AA").containsEntry("X-MS-Custom-Order", "42");
        assertThat(inputs.optionalHeaders("json")).containsExactly(Map.entry("a", "1"));
        assertThatThrownBy(() -> inputs.optionalHeaders("broken")).hasMessageContaining("has the line 'no separator'");
        assertThat(inputs.optionalUrl("url")).isEqualTo("https://example.com/events");
        assertThatThrownBy(() -> inputs.optionalUrl("ftp")).hasMessage("ftp: 'ftp://example.com' is not an http(s) URL");
    }

    @Test
    void aLongValueIsQuotedShortened() {
        values.put("long", "x".repeat(10_000));
        assertThatThrownBy(() -> inputs.optionalSeconds("long", 1, 180))
                .hasMessage("long: '" + "x".repeat(40) + "…' (10000 characters) is not a whole number of seconds");
        assertThatThrownBy(() -> inputs.party("long"))
                .hasMessage("long: it is 10000 characters long; no phone number or user id is that long");
    }
}
