package com.switchboard.engine;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
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
     * The process definition a running process instance runs now (after a migration, the one it was migrated to);
     * null when the instance has ended. One lookup on the execution table's primary key: the engine's process
     * instance query joins and checks tenants and authorizations around the same row.
     */
    public String definitionOfRunning(String processInstanceId) {
        List<String> definitions = jdbc.queryForList("select PROC_DEF_ID_ from ACT_RU_EXECUTION where ID_ = ? "
                + "and PROC_INST_ID_ = ID_", String.class, processInstanceId);
        return definitions.isEmpty() ? null : definitions.get(0);
    }

    /**
     * The process instance's own variables among {@code names} (not those of a task or a branch), with one lookup on
     * the variable table's execution index; empty when the flow has ended. The engine's own variable query wraps the
     * same table in a derived table with joins and an ordering; on the callback path it cost more than the
     * correlation it served. Only Strings that fit the text column, Integers and nulls are read; a variable of any
     * other type is left out, so that a caller comparing values takes it as changed rather than wrongly as the same.
     */
    public Map<String, Object> variables(String processInstanceId, Collection<String> names) {
        Map<String, Object> current = new HashMap<>();
        jdbc.query("select NAME_, TYPE_, TEXT_, LONG_, DOUBLE_ from ACT_RU_VARIABLE where EXECUTION_ID_ = ? and TASK_ID_ is null",
                row -> {
                    String name = row.getString(1);
                    if (!names.contains(name)) {
                        return;
                    }
                    switch (row.getString(2)) {
                        case "string" -> current.put(name, row.getString(3));
                        case "integer" -> current.put(name, (int) row.getLong(4));
                        case "double" -> current.put(name, row.getDouble(5));
                        case "null" -> current.put(name, null);
                        default -> {
                            // another type: not comparable, so not "unchanged"
                        }
                    }
                }, processInstanceId);
        return current;
    }
}
