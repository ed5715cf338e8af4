package io.imlab.cookbook.taxonomy;

import java.util.ArrayList;
import java.util.List;

/**
 * Resolves collection tags through a {@link Taxonomy} during ingest and remembers every tag it could not
 * place, so that one ingest run reports all unknown tags together ({@link #failOnUnknownTags()}).
 *
 * <p>Not thread-safe: one resolver per ingest run.
 */
public final class CategoryResolver {
    private final Taxonomy taxonomy;
    private final List<UnknownTag> unknownTags = new ArrayList<>();

    public CategoryResolver(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
    }

    /**
     * The category for a tag. An unknown tag is recorded and returned unchanged, so that ingest can go on
     * and find the other unknown tags; the run must end with {@link #failOnUnknownTags()}.
     */
    public String resolve(String collection, String tag, String file, String field) {
        return taxonomy.resolve(collection, tag).orElseGet(() -> {
            unknownTags.add(new UnknownTag(collection, tag, file, field));
            return tag;
        });
    }

    /** The first tag of {@code tags} that resolves; if none does, every one of them is recorded as unknown. */
    public String resolveFirst(String collection, List<String> tags, String file, String field) {
        for (String tag : tags) {
            if (taxonomy.resolve(collection, tag).isPresent()) {
                return taxonomy.resolve(collection, tag).get();
            }
        }
        for (String tag : tags) {
            unknownTags.add(new UnknownTag(collection, tag, file, field));
        }
        return tags.isEmpty() ? "" : tags.get(0);
    }

    public Taxonomy taxonomy() {
        return taxonomy;
    }

    /** Tags seen so far that the taxonomy could not place. */
    public List<UnknownTag> unknownTags() {
        return List.copyOf(unknownTags);
    }

    /** @throws UnknownCategoryException when any tag could not be placed, listing them all */
    public void failOnUnknownTags() {
        if (!unknownTags.isEmpty()) {
            throw new UnknownCategoryException(unknownTags);
        }
    }
}
