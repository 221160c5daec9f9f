package com.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * SQL against the engine's tables is in the engine package only (package-info there), like the use of its internals
 * (ArchitectureTest). Class files do not keep the SQL's text in a form ArchUnit reads, so the sources are searched.
 */
class EngineTablesInOnePlaceTest {

    private static final Path SOURCES = Path.of("src/main/java/com/switchboard");
    private static final Pattern ENGINE_TABLE = Pattern.compile("\\bACT_(RU|HI|GE|RE|ID)_");

    @Test
    void onlyTheEnginePackageNamesTheEngineTables() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            List<Path> naming = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !file.startsWith(SOURCES.resolve("engine")))
                    .filter(EngineTablesInOnePlaceTest::namesAnEngineTable).toList();
            assertThat(naming).as("sources outside engine/ that name an ACT_ table").isEmpty();
        }
    }

    private static boolean namesAnEngineTable(Path file) {
        try {
            return ENGINE_TABLE.matcher(Files.readString(file)).find();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
