package io.mapwatch.cli.render;

/**
 * What a format needs besides the document: the width text is fitted to, and the one table CSV
 * writes (its key, or null when none was chosen).
 */
public record Layout(int width, String table) {
    /** Text at {@link TextRenderer#WIDTH} columns, no table chosen. */
    public static final Layout DEFAULT = new Layout(TextRenderer.WIDTH, null);

    public static Layout table(String table) {
        return new Layout(TextRenderer.WIDTH, table);
    }
}
