package io.mapwatch.cli.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * JSON through Jackson's streaming generator: one object whose keys are the sections' keys; a
 * figure that was not measured is null.
 * For a page, {@code <}, {@code >} and {@code &} are written as {@code \}{@code u003c} and so on,
 * so that the JSON can sit in a script element whatever the recording's strings contain.
 */
public final class JsonRenderer {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonRenderer() {
    }

    /** The document for {@code --format json}: pretty-printed, one line feed at the end. */
    public static void render(Document document, Writer out) {
        render(document, out, true);
    }

    /** The document on one line (JSON Lines, for a stream of documents such as {@code top}'s), one line feed at the end. */
    public static void renderLine(Document document, Writer out) {
        render(document, out, false);
    }

    private static void render(Document document, Writer out, boolean pretty) {
        try {
            JsonGenerator json = FACTORY.createGenerator(out);
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            if (pretty) {
                json.setPrettyPrinter(new DefaultPrettyPrinter());
            }
            write(document, json, JsonRenderer::value);
            json.flush();
            out.write(System.lineSeparator());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The JSON of the HTML report: {@code data}, the document as {@link #render} writes it;
     * {@code text}, the same with each value as text output writes it ({@code -} for not measured);
     * {@code ticks}, for each charted column of a table, {@code [value, label]} pairs of an axis
     * that reaches its largest value; and {@code tables}, each table's title, empty sentence and
     * columns as text output shows them. The page formats no number itself.
     */
    public static void renderForPage(Document document, Writer out) {
        try {
            JsonGenerator json = FACTORY.createGenerator(out);
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.setCharacterEscapes(new HtmlSafeEscapes());
            json.writeStartObject();
            json.writeFieldName("data");
            write(document, json, JsonRenderer::value);
            json.writeFieldName("text");
            write(document, json, (generator, kind, value) -> generator.writeString(TextRenderer.format(kind, value)));
            json.writeFieldName("ticks");
            writeTicks(document, json);
            json.writeFieldName("tables");
            writeTables(document, json);
            json.writeEndObject();
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeTicks(Document document, JsonGenerator json) throws IOException {
        json.writeStartObject();
        for (Table table : dataTables(document)) {
            json.writeObjectFieldStart(table.key());
            for (int c = 0; c < table.columns().size(); c++) {
                Kind kind = table.columns().get(c).kind();
                if (!AxisTicks.charted(kind)) {
                    continue;
                }
                long max = 0;
                for (Object[] row : table.rows()) {
                    max = row[c] == null ? max : Math.max(max, ((Number) row[c]).longValue());
                }
                json.writeArrayFieldStart(table.columns().get(c).key());
                for (long tick : AxisTicks.of(kind, max)) {
                    json.writeStartArray();
                    json.writeNumber(tick);
                    json.writeString(TextRenderer.format(kind, tick));
                    json.writeEndArray();
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    /**
     * What text output says around each table: its title, the sentence for no rows, and its columns
     * (key, header, whether text shows it, aligned left or right), so that a page can show a table as
     * text output does.
     */
    private static void writeTables(Document document, JsonGenerator json) throws IOException {
        json.writeStartObject();
        for (Table table : dataTables(document)) {
            json.writeObjectFieldStart(table.key());
            json.writeStringField("title", table.title());
            json.writeStringField("empty", table.emptyText());
            json.writeArrayFieldStart("columns");
            for (Column column : table.columns()) {
                json.writeStartObject();
                json.writeStringField("key", column.key());
                json.writeStringField("header", column.header());
                json.writeBooleanField("inText", column.inText());
                json.writeStringField("align", column.leftAligned() ? "left" : "right");
                json.writeStringField("kind", column.kind().name());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    /** The tables that JSON shows. */
    private static List<Table> dataTables(Document document) {
        return document.sections().stream().filter(s -> s.audience() != Section.Audience.TEXT)
                .filter(Table.class::isInstance).map(Table.class::cast).toList();
    }

    /** How one value of a column is written: as data, or as the text output's string. */
    private interface Cell {
        void write(JsonGenerator json, Kind kind, Object value) throws IOException;
    }

    private static void write(Document document, JsonGenerator json, Cell cell) throws IOException {
        json.writeStartObject();
        List<String> notes = new ArrayList<>();
        for (Section section : document.sections()) {
            if (section.audience() == Section.Audience.TEXT) {
                continue;
            }
            if (section instanceof Table table) {
                json.writeArrayFieldStart(table.key());
                for (Object[] row : table.rows()) {
                    object(json, table.columns(), Arrays.asList(row), cell);
                }
                json.writeEndArray();
            } else if (section instanceof Fields fields) {
                json.writeFieldName(fields.key());
                object(json, fields.columns(), fields.values(), cell);
            } else if (section instanceof Note note) {
                notes.add(note.text());
            }
        }
        if (!notes.isEmpty()) {
            json.writeArrayFieldStart("notes");
            for (String note : notes) {
                json.writeString(note);
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    private static void object(JsonGenerator json, List<Column> columns, List<Object> values, Cell cell)
            throws IOException {
        json.writeStartObject();
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            json.writeFieldName(column.key());
            if (column.kind() != Kind.ROWS) {
                cell.write(json, column.kind(), values.get(i));
            } else if (values.get(i) == null) {
                json.writeNull();
            } else {
                json.writeStartArray();
                for (Object[] row : Table.<Object[]>listOf(values.get(i))) {
                    object(json, column.nested(), Arrays.asList(row), cell);
                }
                json.writeEndArray();
            }
        }
        json.writeEndObject();
    }

    private static void value(JsonGenerator json, Kind kind, Object value) throws IOException {
        if (value == null || kind.notMeasured(value)) {
            json.writeNull();
            return;
        }
        switch (kind) {
            case COUNT, BYTES, MILLIS, NANOS -> json.writeNumber(((Number) value).longValue());
            case SHARE, NUMBER, SECONDS -> json.writeNumber(Math.round(((Number) value).doubleValue() * 10_000) / 10_000.0);
            case TIME -> json.writeString(((Instant) value).toString());
            case LINES -> {
                json.writeStartArray();
                for (String line : TextRenderer.asLines(value)) {
                    json.writeString(line);
                }
                json.writeEndArray();
            }
            case TEXT, PATH -> json.writeString(value.toString());
        }
    }

    /** Escapes the characters that could end a script element or start markup. */
    private static final class HtmlSafeEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] escapes;

        HtmlSafeEscapes() {
            escapes = CharacterEscapes.standardAsciiEscapesForJSON();
            escapes['<'] = CharacterEscapes.ESCAPE_STANDARD;
            escapes['>'] = CharacterEscapes.ESCAPE_STANDARD;
            escapes['&'] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public com.fasterxml.jackson.core.SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }
}
