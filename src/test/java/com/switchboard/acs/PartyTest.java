package com.switchboard.acs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PartyTest {

    @Test
    void readsPhoneNumbersWithOrWithoutTheRawPrefix() {
        assertThat(Party.parse("+14255550123")).isEqualTo(new Party("4:+14255550123", Party.Kind.PHONE_NUMBER));
        assertThat(Party.parse(" 4:+14255550123 ")).isEqualTo(new Party("4:+14255550123", Party.Kind.PHONE_NUMBER));
        assertThat(Party.parse("+14255550123").phoneNumber()).isEqualTo("+14255550123");
    }

    @Test
    void readsAcsAndTeamsUsers() {
        assertThat(Party.parse("8:acs:resource_user").kind()).isEqualTo(Party.Kind.ACS_USER);
        assertThat(Party.parse("8:orgid:00000000-0000-0000-0000-000000000001").kind()).isEqualTo(Party.Kind.TEAMS_USER);
    }

    @Test
    void refusesWhatIsNeitherWithAMessageAnAnalystUnderstands() {
        assertThatThrownBy(() -> Party.parse("12345")).hasMessageContaining("'12345' is neither a phone number");
        assertThatThrownBy(() -> Party.parse(" ")).hasMessage("it is empty");
        assertThatThrownBy(() -> Party.parsePhoneNumber("8:acs:x")).hasMessageContaining("is not a phone number");
    }

    @Test
    void refusesWhatIsTooLongToBeAnyoneWithoutQuotingIt() {
        assertThat(Party.parse("8:acs:" + "u".repeat(250)).kind()).isEqualTo(Party.Kind.ACS_USER);
        assertThatThrownBy(() -> Party.parse("+1" + "4".repeat(9_998)))
                .hasMessage("it is 10000 characters long; no phone number or user id is that long");
    }
}
