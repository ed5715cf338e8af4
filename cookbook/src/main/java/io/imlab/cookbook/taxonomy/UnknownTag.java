package io.imlab.cookbook.taxonomy;

/**
 * A collection tag that the taxonomy cannot place, with where it was read.
 *
 * @param collection collection id
 * @param tag        the tag as written upstream
 * @param file       the file it came from
 * @param field      the field that holds it, e.g. {@code Categories[0]}
 */
public record UnknownTag(String collection, String tag, String file, String field) {
    @Override
    public String toString() {
        return file + ": " + field + ": unknown " + collection + " category tag '" + tag + "'";
    }
}
