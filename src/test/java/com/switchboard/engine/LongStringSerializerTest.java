package com.switchboard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Which strings the engine's own serializer may keep, measured as each database measures its text column. */
class LongStringSerializerTest {

    private static final String EMOJI = new String(Character.toChars(0x1F4DE)); // 1 character, 2 UTF-16 units, 4 bytes

    @Test
    void h2AndSqlServerCountUtf16CodeUnits() {
        for (String database : new String[] {"h2", "mssql"}) {
            Predicate<String> fits = LongStringSerializer.fitsTextColumnOf(database);
            assertThat(fits).as(database).accepts("a".repeat(4000), "é".repeat(4000), EMOJI.repeat(2000))
                    .rejects("a".repeat(4001), EMOJI.repeat(2001));
        }
    }

    @Test
    void postgresCountsCharacters() {
        Predicate<String> fits = LongStringSerializer.fitsTextColumnOf("postgres");
        assertThat(fits).accepts("a".repeat(4000), "é".repeat(4000), EMOJI.repeat(4000))
                .rejects("a".repeat(4001), EMOJI.repeat(4001));
    }

    @Test
    void db2CountsBytesAndOraclesColumnIsShorter() {
        assertThat(LongStringSerializer.fitsTextColumnOf("db2")).accepts("a".repeat(4000), "é".repeat(2000))
                .rejects("é".repeat(2001), EMOJI.repeat(1001));
        assertThat(LongStringSerializer.fitsTextColumnOf("oracle")).accepts("é".repeat(2000)).rejects("a".repeat(2001));
    }

    @Test
    void anUnknownDatabaseGetsTheStrictestMeasure() {
        assertThat(LongStringSerializer.fitsTextColumnOf(null)).accepts("a".repeat(2000), "é".repeat(1000))
                .rejects("a".repeat(2001), "é".repeat(1001));
    }
}
