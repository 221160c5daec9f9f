package com.switchboard.correlation;

import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * A flow's current call variables (the ones {@link CallVariables} writes), read from the engine's variable table
 * with one lookup on its execution index. The engine's own variable query wraps the same table in a derived table
 * with joins and an ordering; on the callback path it cost more than the correlation it served (BENCHMARKS.md).
 * Only the types CallVariables writes are read; a variable of another type (a flow that stored something else under
 * the same name) is left out, so it is written again rather than wrongly taken as unchanged.
 */
@Repository
class CurrentCallVariables {

    private final JdbcTemplate jdbc;

    CurrentCallVariables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The process instance's own variables among {@link CallVariables#NAMES}; empty when the flow has ended. */
    Map<String, Object> of(String processInstanceId) {
        Map<String, Object> current = new HashMap<>();
        jdbc.query("select NAME_, TYPE_, TEXT_, LONG_ from ACT_RU_VARIABLE where EXECUTION_ID_ = ? and TASK_ID_ is null",
                row -> {
                    String name = row.getString(1);
                    if (!CallVariables.NAMES.contains(name)) {
                        return;
                    }
                    switch (row.getString(2)) {
                        case "string" -> current.put(name, row.getString(3));
                        case "integer" -> current.put(name, (int) row.getLong(4));
                        case "null" -> current.put(name, null);
                        default -> {
                            // another type than CallVariables writes: not comparable, so not "unchanged"
                        }
                    }
                }, processInstanceId);
        return current;
    }
}
