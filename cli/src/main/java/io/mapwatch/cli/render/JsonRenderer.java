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

    public static void render(Document document, Writer out, boolean forHtml) {
        try {
            JsonGenerator json = FACTORY.createGenerator(out);
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            if (forHtml) {
                json.setCharacterEscapes(new HtmlSafeEscapes());
            } else {
                json.setPrettyPrinter(new DefaultPrettyPrinter());
            }
            write(document, json);
            json.flush();
            if (!forHtml) {
                out.write(System.lineSeparator());
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Document document, JsonGenerator json) throws IOException {
        json.writeStartObject();
        List<String> notes = new ArrayList<>();
        for (Section section : document.sections()) {
            if (section.audience() == Section.Audience.TEXT) {
                continue;
            }
            if (section instanceof Table table) {
                json.writeArrayFieldStart(table.key());
                for (Object[] row : table.rows()) {
                    object(json, table.columns(), Arrays.asList(row));
                }
                json.writeEndArray();
            } else if (section instanceof Fields fields) {
                json.writeFieldName(fields.key());
                object(json, fields.columns(), fields.values());
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

    private static void object(JsonGenerator json, List<Column> columns, List<Object> values) throws IOException {
        json.writeStartObject();
        for (int i = 0; i < columns.size(); i++) {
            json.writeFieldName(columns.get(i).key());
            value(json, columns.get(i).kind(), values.get(i));
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
            case TEXT -> json.writeString(value.toString());
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
