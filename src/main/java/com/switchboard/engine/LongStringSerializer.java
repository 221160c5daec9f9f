package com.switchboard.engine;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.function.Predicate;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.SingleQueryVariableValueCondition;
import org.camunda.bpm.engine.impl.variable.serializer.PrimitiveValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ValueFields;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.impl.value.UntypedValueImpl;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.StringValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * A String variable too long for the engine's text column ({@code TEXT_} of {@code ACT_RU_VARIABLE} and of the
 * history tables), kept in the engine's byte-array table as UTF-8 instead. It reads back as a plain String value
 * ({@link ValueType#STRING}): Cockpit and the REST API show a String, code gets a {@link String}. A String that fits
 * the column is left to the engine's own serializer, stored as before.
 *
 * <p>Databases measure the column differently (Camunda's create scripts): H2 and SQL Server count UTF-16 code units,
 * PostgreSQL and MySQL characters, DB2 bytes, and Oracle's column is half as long.
 */
final class LongStringSerializer extends PrimitiveValueSerializer<StringValue> {

    /** The name in the variable tables' {@code TYPE_} column. */
    static final String NAME = "longString";

    private static final int TEXT_COLUMN = 4000;
    private static final int ORACLE_TEXT_COLUMN = 2000;

    private volatile Predicate<String> fitsTextColumn = fitsTextColumnOf(null);

    LongStringSerializer() {
        super(ValueType.STRING);
    }

    /** Measures strings as the engine's database does; until this is called, by the strictest measure. */
    void measureFor(String databaseType) {
        fitsTextColumn = fitsTextColumnOf(databaseType);
    }

    /** Whether the engine's own string serializer can store the text in the given database. */
    static Predicate<String> fitsTextColumnOf(String databaseType) {
        return switch (databaseType == null ? "" : databaseType) {
            case "h2", "mssql" -> text -> text.length() <= TEXT_COLUMN;
            case "postgres", "mysql", "mariadb", "cockroachdb" -> text -> text.length() <= TEXT_COLUMN
                    || text.codePointCount(0, text.length()) <= TEXT_COLUMN;
            case "oracle" -> text -> text.length() <= ORACLE_TEXT_COLUMN;
            case "db2" -> text -> fitsInUtf8Bytes(text, TEXT_COLUMN);
            default -> text -> fitsInUtf8Bytes(text, ORACLE_TEXT_COLUMN);
        };
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    protected boolean canWriteValue(TypedValue value) {
        return value.getValue() instanceof String text && !fitsTextColumn.test(text);
    }

    @Override
    public StringValue convertToTypedValue(UntypedValueImpl untypedValue) {
        return Variables.stringValue((String) untypedValue.getValue(), untypedValue.isTransient());
    }

    @Override
    public void writeValue(StringValue value, ValueFields fields) {
        if (fields instanceof SingleQueryVariableValueCondition) {
            // A query compares the text column, which holds nothing for such a value: it would match every one.
            throw new BadUserRequestException("Variable '" + fields.getName() + "': a query cannot compare a text of "
                    + value.getValue().length() + " characters; texts longer than the engine's text column are "
                    + "stored as bytes");
        }
        fields.setByteArrayValue(value.getValue().getBytes(UTF_8));
    }

    @Override
    public StringValue readValue(ValueFields fields, boolean asTransientValue) {
        byte[] bytes = fields.getByteArrayValue();
        return Variables.stringValue(bytes == null ? null : new String(bytes, UTF_8), asTransientValue);
    }

    private static boolean fitsInUtf8Bytes(String text, int bytes) {
        // A UTF-16 code unit takes at most 3 bytes in UTF-8 (a surrogate pair, two units, takes 4).
        return text.length() * 3L <= bytes || text.length() <= bytes && text.getBytes(UTF_8).length <= bytes;
    }
}
