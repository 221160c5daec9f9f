package com.switchboard.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.switchboard.acs.Party;
import com.switchboard.actions.StartVariableRule.Kind;
import com.switchboard.actions.StartVariableRule.Presence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules an analyst writes for start variables, and what each lets through. */
class StartVariableRuleTest {

    private final Map<String, Object> variables = new HashMap<>();
    private final Inputs values = new Inputs(variables::get, (name, problem) -> new IllegalArgumentException(name + ": " + problem));

    @Test
    void readsWhatAnAnalystWrites() {
        assertThat(StartVariableRule.parse("target", "party")).isEqualTo(rule("target", Kind.PARTY, Presence.REQUIRED));
        assertThat(StartVariableRule.parse("targets", " Required  Parties ")).isEqualTo(rule("targets", Kind.PARTIES, Presence.REQUIRED));
        assertThat(StartVariableRule.parse("n", "optional phone  number").kind()).isEqualTo(Kind.PHONE_NUMBER);
        assertThat(StartVariableRule.parse("callerId", "caller id").presence()).isEqualTo(Presence.WHEN_A_PHONE_NUMBER_IS_CALLED);
        assertThat(StartVariableRule.parse("callerId", "required caller id").presence()).isEqualTo(Presence.REQUIRED);
        assertThat(StartVariableRule.parse("ringTimeout", "optional duration")).isEqualTo(rule("ringTimeout", Kind.DURATION, Presence.OPTIONAL));
        assertThat(StartVariableRule.parse("t", "optional seconds 1..180"))
                .isEqualTo(new StartVariableRule("t", Kind.SECONDS, Presence.OPTIONAL, 1, 180));
        assertThat(StartVariableRule.parse("t", "seconds 5 .. 5").max()).isEqualTo(5);
        assertThat(StartVariableRule.parse("roomId", "text").kind()).isEqualTo(Kind.TEXT);
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThatThrownBy(() -> StartVariableRule.parse("target", "telephone"))
                .hasMessage("'telephone' is not a rule: write " + StartVariableRule.FORMS);
        assertThatThrownBy(() -> StartVariableRule.parse("target", " ")).hasMessageStartingWith("the rule is empty: write party");
        assertThatThrownBy(() -> StartVariableRule.parse("t", "seconds")).hasMessageContaining("is not a rule");
        assertThatThrownBy(() -> StartVariableRule.parse("t", "seconds 180..1")).hasMessageContaining("empty range");
        assertThatThrownBy(() -> StartVariableRule.parse("t", "maybe party")).hasMessageContaining("is not a rule");
    }

    @Test
    void aRequiredVariableMustBeThereAndAnOptionalOneRightWhenItIs() {
        assertThatThrownBy(() -> check("party", "target")).hasMessage("target: it is empty, but it is required");
        assertThatThrownBy(() -> check("parties", "targets")).hasMessageContaining("needs at least one phone number");
        assertThatThrownBy(() -> check("text", "roomId")).hasMessage("roomId: it is empty, but it is required");
        check("optional duration", "ringTimeout");
        check("optional seconds 1..180", "invitationTimeout");

        variables.put("ringTimeout", "-PT5S");
        assertThatThrownBy(() -> check("optional duration", "ringTimeout")).hasMessageContaining("not a positive duration");
        variables.put("invitationTimeout", 999);
        assertThatThrownBy(() -> check("optional seconds 1..180", "invitationTimeout")).hasMessageContaining("out of range");
        variables.put("n", "8:acs:x");
        assertThatThrownBy(() -> check("optional phone number", "n")).hasMessageContaining("is not a phone number");
    }

    @Test
    void aCallerIdIsRequiredWhenAPhoneNumberIsCalled() {
        List<Party> called = new ArrayList<>();
        variables.put("target", "8:acs:customer");
        StartVariableRule.parse("target", "party").check(values, called);
        StartVariableRule.parse("callerId", "caller id").check(values, called);

        variables.put("participant", "+14255550123");
        StartVariableRule.parse("participant", "party").check(values, called);
        assertThat(called).extracting(Party::rawId).containsExactly("8:acs:customer", "4:+14255550123");
        assertThatThrownBy(() -> StartVariableRule.parse("callerId", "caller id").check(values, called))
                .hasMessageStartingWith("callerId: it is empty, but calling a phone number needs a caller ID");
        assertThat(StartVariableRule.parse("callerId", "caller id").dependsOnParties()).isTrue();
        assertThat(StartVariableRule.parse("callerId", "optional caller id").dependsOnParties()).isFalse();
    }

    private void check(String rule, String variable) {
        StartVariableRule.parse(variable, rule).check(values, new ArrayList<>());
    }

    private static StartVariableRule rule(String variable, Kind kind, Presence presence) {
        return new StartVariableRule(variable, kind, presence, 0, 0);
    }
}
