package io.imlab.cookbook.taxonomy;

import java.util.List;

/**
 * Ingest met tags that the taxonomy cannot place. Lists every unknown tag at once, so that one edit of
 * {@code category-map.yaml} fixes them all.
 */
public final class UnknownCategoryException extends RuntimeException {
    private final List<UnknownTag> unknownTags;

    public UnknownCategoryException(List<UnknownTag> unknownTags) {
        super(unknownTags.size() + " unknown category tags (add them to taxonomy/category-map.yaml):\n  "
                + String.join("\n  ", unknownTags.stream().map(UnknownTag::toString).toList()));
        this.unknownTags = List.copyOf(unknownTags);
    }

    public List<UnknownTag> unknownTags() {
        return unknownTags;
    }
}
