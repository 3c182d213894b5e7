package io.mapwatch.cli.read;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The types a chunk declares in its metadata event: for each, its fields in the order their values
 * are written, with what a reader must know of each field (its type, whether it is an array,
 * whether its value is a reference into a constant pool, and the annotations that change how
 * {@code jdk.jfr.consumer} reads it).
 */
final class ChunkMetadata {
    static final String EVENT = "jdk.jfr.Event";
    static final int STRUCT = 0;
    static final int ONE_BYTE = 1;
    static final int INTEGER = 2;
    static final int FOUR_BYTES = 3;
    static final int EIGHT_BYTES = 4;
    static final int STRING = 5;

    /** A declared type; a type with no fields is one of JFR's primitives. */
    static final class Type {
        final long id;
        final String name;
        final String superType;
        final List<Field> fields = new ArrayList<>();

        /** How a value of the type is written: one of the codes below; a type with fields is {@link #STRUCT}. */
        final int encoding;

        Type(long id, String name, String superType) {
            this.id = id;
            this.name = name;
            this.superType = superType;
            this.encoding = switch (name) {
                case "boolean", "byte" -> ONE_BYTE;
                case "short", "char", "int", "long" -> INTEGER;
                case "float" -> FOUR_BYTES;
                case "double" -> EIGHT_BYTES;
                case "java.lang.String" -> STRING;
                default -> STRUCT;
            };
        }

        /** A type of one field and no super type: JFR reads its values as that field's. */
        boolean simple() {
            return fields.size() == 1 && superType == null;
        }

        Field field(String fieldName) {
            for (Field field : fields) {
                if (field.name.equals(fieldName)) {
                    return field;
                }
            }
            return null;
        }

        int index(String fieldName) {
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).name.equals(fieldName)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** A field of a type. {@code timestampUnit} is the value of its {@code @Timestamp}, or null. */
    static final class Field {
        final String name;
        final long typeId;
        final boolean array;
        final boolean pooled;
        Type type;
        String timestampUnit;
        boolean unsigned;

        Field(String name, long typeId, boolean array, boolean pooled) {
            this.name = name.intern();
            this.typeId = typeId;
            this.array = array;
            this.pooled = pooled;
        }
    }

    final Map<Long, Type> types = new HashMap<>();
    final Map<String, Type> events = new HashMap<>();

    /**
     * Reads a metadata event's body (after its id): the string table, then the element tree.
     *
     * @throws DamagedChunk when it does not parse or names a type it does not declare
     */
    static ChunkMetadata read(ChunkBytes in) {
        int count = in.readCount();
        String[] strings = new String[count];
        for (int i = 0; i < count; i++) {
            strings[i] = in.readString(null);
        }
        Element root = Element.read(in, strings, 0);
        ChunkMetadata metadata = new ChunkMetadata();
        Element declarations = root.child("metadata");
        if (declarations == null) {
            throw new DamagedChunk("a metadata event without types");
        }
        for (Element declaration : declarations.children("class")) {
            Type type = new Type(declaration.longValue("id"), declaration.attribute("name"), declaration.attribute("superType"));
            metadata.types.put(type.id, type);
            if (EVENT.equals(type.superType)) {
                metadata.events.put(type.name, type);
            }
        }
        for (Element declaration : declarations.children("class")) {
            Type type = metadata.types.get(declaration.longValue("id"));
            for (Element element : declaration.children("field")) {
                Field field = new Field(element.attribute("name"), element.longValue("class"),
                        element.attribute("dimension") != null && element.longValue("dimension") > 0,
                        "true".equals(element.attribute("constantPool")));
                field.type = metadata.type(field.typeId);
                if (element.attribute("dimension") != null && element.longValue("dimension") > 1) {
                    throw new DamagedChunk("a field of " + element.longValue("dimension") + " dimensions");
                }
                for (Element annotation : element.children("annotation")) {
                    String annotationType = metadata.type(annotation.longValue("class")).name;
                    if ("jdk.jfr.Timestamp".equals(annotationType)) {
                        field.timestampUnit = annotation.attribute("value");
                    } else if ("jdk.jfr.Unsigned".equals(annotationType)) {
                        field.unsigned = true;
                    }
                }
                type.fields.add(field);
            }
        }
        return metadata;
    }

    Type type(long id) {
        Type type = types.get(id);
        if (type == null) {
            throw new DamagedChunk("a reference to type " + id + ", which the metadata does not declare");
        }
        return type;
    }

    /** One element of the metadata tree: a name, attributes, and child elements. */
    private record Element(String name, Map<String, String> attributes, List<Element> elements) {
        private static final int MAX_DEPTH = 64;

        static Element read(ChunkBytes in, String[] strings, int depth) {
            if (depth > MAX_DEPTH) {
                throw new DamagedChunk("metadata nested too deep");
            }
            String name = string(in, strings);
            int attributeCount = in.readCount();
            Map<String, String> attributes = new HashMap<>(attributeCount * 2);
            for (int i = 0; i < attributeCount; i++) {
                attributes.put(string(in, strings), string(in, strings));
            }
            int childCount = in.readCount();
            List<Element> children = new ArrayList<>(childCount);
            for (int i = 0; i < childCount; i++) {
                children.add(read(in, strings, depth + 1));
            }
            return new Element(name, attributes, children);
        }

        private static String string(ChunkBytes in, String[] strings) {
            long index = in.readLong();
            if (index < 0 || index >= strings.length) {
                throw new DamagedChunk("a metadata string " + index + " of " + strings.length);
            }
            return strings[(int) index];
        }

        String attribute(String key) {
            return attributes.get(key);
        }

        long longValue(String key) {
            String value = attributes.get(key);
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new DamagedChunk("a metadata attribute " + key + "=" + value + " that is not a number");
            }
        }

        Element child(String childName) {
            for (Element element : elements) {
                if (element.name.equals(childName)) {
                    return element;
                }
            }
            return null;
        }

        List<Element> children(String childName) {
            List<Element> found = new ArrayList<>();
            for (Element element : elements) {
                if (element.name.equals(childName)) {
                    found.add(element);
                }
            }
            return found;
        }
    }
}
