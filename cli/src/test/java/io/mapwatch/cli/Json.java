package io.mapwatch.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A JSON reader for tests: objects become ordered maps, arrays lists. */
public final class Json {
    private Json() {
    }

    public static Object parse(String text) {
        try (JsonParser parser = new JsonFactory().createParser(text)) {
            parser.nextToken();
            return value(parser);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    /** JSON Lines: one value per line. */
    public static List<Object> lines(String text) {
        return text.lines().filter(l -> !l.isBlank()).map(Json::parse).toList();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object value, String key) {
        return (Map<String, Object>) ((Map<String, Object>) value).get(key);
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> array(Object value, String key) {
        return (List<Map<String, Object>>) ((Map<String, Object>) value).get(key);
    }

    /** The row of {@code array} whose {@code key} equals {@code value}. */
    public static Map<String, Object> row(List<Map<String, Object>> array, String key, Object value) {
        return array.stream().filter(r -> value.equals(r.get(key))).findFirst()
                .orElseThrow(() -> new AssertionError("no row with " + key + "=" + value + " in " + array));
    }

    public static long number(Map<String, Object> object, String key) {
        return ((Number) object.get(key)).longValue();
    }

    private static Object value(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() != JsonToken.END_OBJECT) {
                    String name = parser.currentName();
                    parser.nextToken();
                    map.put(name, value(parser));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(parser));
                }
                return list;
            }
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_TRUE:
                return true;
            case VALUE_FALSE:
                return false;
            default:
                return null;
        }
    }
}
