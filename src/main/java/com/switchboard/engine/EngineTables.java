package com.switchboard.engine;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Switchboard's own SQL against the engine's tables ({@code ACT_*}), where the engine's query API would cost more
 * than the work it serves (BENCHMARKS.md) or cannot join Switchboard's tables. The tables are the engine's, not an
 * API: a patch release or the Operaton fork may change them, and this is the one place to look then.
 */
@Repository
public class EngineTables {

    private final JdbcTemplate jdbc;

    EngineTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An SQL condition: the process instance whose id is in the column is still running. */
    public static String isRunning(String processInstanceIdColumn) {
        return "exists (select 1 from ACT_RU_EXECUTION e where e.ID_ = " + processInstanceIdColumn + ")";
    }

    /** An SQL condition: the process instance whose id is in the column waits for a message somewhere. */
    public static String waitsForMessage(String processInstanceIdColumn) {
        return "exists (select 1 from ACT_RU_EVENT_SUBSCR s where s.PROC_INST_ID_ = " + processInstanceIdColumn
                + " and s.EVENT_TYPE_ = 'message')";
    }

    /**
     * A running flow as the callback path needs it: the process definition it runs now (after a migration, the one it
     * was migrated to) and its own variables among the names asked for (not those of a task or a branch).
     */
    public record RunningFlow(String definitionId, Map<String, Object> variables) {
    }

    /**
     * The process instance, if it still runs: one statement, a lookup on the execution table's primary key joined to
     * the variable table's execution index. The engine's process instance query checks tenants and authorizations
     * around the same row, and its variable query wraps the variable table in a derived table with joins and an
     * ordering; on the callback path they cost more than the correlation they served. Only Strings that fit the text
     * column, Integers, Doubles and nulls are read; a variable of any other type is left out, so that a caller
     * comparing values takes it as changed rather than wrongly as the same.
     *
     * @return null when the instance has ended (or the id is no process instance's)
     */
    public RunningFlow runningFlow(String processInstanceId, Collection<String> names) {
        String[] definition = new String[1];
        Map<String, Object> current = new HashMap<>();
        jdbc.query("select e.PROC_DEF_ID_, v.NAME_, v.TYPE_, v.TEXT_, v.LONG_, v.DOUBLE_ from ACT_RU_EXECUTION e "
                        + "left join ACT_RU_VARIABLE v on v.EXECUTION_ID_ = e.ID_ and v.TASK_ID_ is null "
                        + "where e.ID_ = ? and e.PROC_INST_ID_ = e.ID_",
                row -> {
                    definition[0] = row.getString(1);
                    String name = row.getString(2);
                    if (name == null || !names.contains(name)) {
                        return;
                    }
                    switch (row.getString(3)) {
                        case "string" -> current.put(name, row.getString(4));
                        case "integer" -> current.put(name, (int) row.getLong(5));
                        case "double" -> current.put(name, row.getDouble(6));
                        case "null" -> current.put(name, null);
                        default -> {
                            // another type: not comparable, so not "unchanged"
                        }
                    }
                }, processInstanceId);
        return definition[0] == null ? null : new RunningFlow(definition[0], current);
    }
}
