package com.switchboard.emulator.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.switchboard.emulator.model.Identifier;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PhoneRuleTest {

    @Test
    void matchesExactRawIdsAndBarePhoneNumbers() {
        assertThat(new PhoneRule("+15550000486", PhoneBehaviour.BUSY, null)
            .matches(Identifier.phoneNumber("+15550000486"))).isTrue();
        assertThat(new PhoneRule("4:+15550000486", PhoneBehaviour.BUSY, null)
            .matches(Identifier.phoneNumber("+15550000486"))).isTrue();
        assertThat(new PhoneRule("+15550000486", PhoneBehaviour.BUSY, null)
            .matches(Identifier.phoneNumber("+155500004860"))).isFalse();
        assertThat(new PhoneRule("8:acs:emulator-busy", PhoneBehaviour.BUSY, null)
            .matches(Identifier.communicationUser("8:acs:emulator-busy"))).isTrue();
    }

    @Test
    void globsMatchAnyCharactersAndQuoteTheRest() {
        PhoneRule rule = new PhoneRule("8:acs:team.*", PhoneBehaviour.DECLINE, null);
        assertThat(rule.matches(Identifier.communicationUser("8:acs:team.sales"))).isTrue();
        assertThat(rule.matches(Identifier.communicationUser("8:acs:teamXsales"))).isFalse();
        assertThat(new PhoneRule("+1555*", PhoneBehaviour.BUSY, null).matches(Identifier.phoneNumber("+15551234")))
            .isTrue();
        assertThat(new PhoneRule("*", PhoneBehaviour.ANSWER, null).matches(Identifier.fromRawId("28:whatever")))
            .isTrue();
    }

    @Test
    void hangUpAfterDefaultsToFiveSecondsAndRejectsNegativeDurations() {
        assertThat(new PhoneRule("x", PhoneBehaviour.HANG_UP_AFTER, null).after()).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> new PhoneRule("x", PhoneBehaviour.HANG_UP_AFTER, Duration.ofSeconds(-1)))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
