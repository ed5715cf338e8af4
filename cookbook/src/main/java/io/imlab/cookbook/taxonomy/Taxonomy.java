package io.imlab.cookbook.taxonomy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The unified single-level category taxonomy (OPT-IML §2.2): Super-NaturalInstructions' 76 categories as
 * the base, a few additional categories, and a per-collection map that sends each collection's own tags to
 * one category.
 *
 * <p>A tag resolves to itself when it already is a category; otherwise it is looked up, case-insensitively,
 * in its collection's map. Anything else is unknown: callers collect unknown tags with a
 * {@link CategoryResolver} and fail once, listing them all.
 */
public final class Taxonomy {
    /** Class-path resource with the 76 SuperNI categories, one per line. */
    public static final String BASE_CATEGORIES_RESOURCE = "/io/imlab/cookbook/taxonomy/superni-categories.txt";
    /** Class-path resource with the shipped collection tag map. */
    public static final String CATEGORY_MAP_RESOURCE = "/io/imlab/cookbook/taxonomy/category-map.yaml";

    private final List<String> baseCategories;
    private final List<String> additionalCategories;
    private final Map<String, String> categoriesByLowerName;
    private final Map<String, Map<String, String>> tagMaps;

    private Taxonomy(List<String> baseCategories, List<String> additionalCategories,
            Map<String, Map<String, String>> tagMaps) {
        this.baseCategories = List.copyOf(baseCategories);
        this.additionalCategories = List.copyOf(additionalCategories);
        this.categoriesByLowerName = new LinkedHashMap<>();
        for (String category : baseCategories) {
            categoriesByLowerName.put(key(category), category);
        }
        for (String category : additionalCategories) {
            categoriesByLowerName.put(key(category), category);
        }
        this.tagMaps = tagMaps;
    }

    /** The shipped taxonomy: SuperNI's categories plus {@code category-map.yaml}. */
    public static Taxonomy load() {
        try (InputStream base = resource(BASE_CATEGORIES_RESOURCE);
             InputStream map = resource(CATEGORY_MAP_RESOURCE)) {
            return of(readCategoryList(base), map, CATEGORY_MAP_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * SuperNI's categories plus a category map file of one's own, in the {@code category-map.yaml} layout
     * (a bench spec's {@code bench.taxonomy}).
     *
     * @throws InvalidTaxonomyException listing every mapped tag whose target is not a category
     */
    public static Taxonomy load(java.nio.file.Path categoryMap) {
        try (InputStream base = resource(BASE_CATEGORIES_RESOURCE);
             InputStream map = java.nio.file.Files.newInputStream(categoryMap)) {
            return of(readCategoryList(base), map, categoryMap.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read category map " + categoryMap, e);
        }
    }

    /**
     * A taxonomy from a base category list and a category map in the {@code category-map.yaml} layout.
     *
     * @param baseCategories the base categories (normally SuperNI's 76)
     * @param categoryMap    YAML with {@code additionalCategories} and {@code collections.<id>.<tag>: category}
     * @param mapName        name used in error messages (file or resource)
     * @throws InvalidTaxonomyException listing every mapped tag whose target is not a category
     */
    public static Taxonomy of(List<String> baseCategories, InputStream categoryMap, String mapName) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        yaml.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        JsonNode root = yaml.readTree(categoryMap);
        List<String> problems = new ArrayList<>();
        List<String> additional = new ArrayList<>();
        JsonNode extra = root == null ? null : root.get("additionalCategories");
        if (extra != null) {
            if (!extra.isArray()) {
                problems.add(mapName + ": additionalCategories: must be a list of names");
            } else {
                extra.forEach(n -> additional.add(n.asText().trim()));
            }
        }
        Set<String> known = new LinkedHashSet<>();
        baseCategories.forEach(c -> known.add(key(c)));
        additional.forEach(c -> known.add(key(c)));
        Map<String, Map<String, String>> tagMaps = new LinkedHashMap<>();
        JsonNode collections = root == null ? null : root.get("collections");
        if (collections == null || !collections.isObject()) {
            problems.add(mapName + ": collections: must be a map from collection id to a tag map");
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = collections.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> collection = it.next();
                Map<String, String> tags = new LinkedHashMap<>();
                JsonNode tagNode = collection.getValue();
                if (tagNode != null && !tagNode.isNull() && !tagNode.isObject()) {
                    problems.add(mapName + ": collections." + collection.getKey() + ": must be a map from tag to category");
                    continue;
                }
                if (tagNode != null) {
                    for (Iterator<Map.Entry<String, JsonNode>> tagIt = tagNode.fields(); tagIt.hasNext(); ) {
                        Map.Entry<String, JsonNode> tag = tagIt.next();
                        String category = tag.getValue().asText().trim();
                        if (!known.contains(key(category))) {
                            problems.add(mapName + ": collections." + collection.getKey() + "." + tag.getKey()
                                    + ": '" + category + "' is not a category of the taxonomy");
                        }
                        tags.put(key(tag.getKey()), category);
                    }
                }
                tagMaps.put(collection.getKey(), tags);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidTaxonomyException(problems);
        }
        Taxonomy taxonomy = new Taxonomy(baseCategories, additional, tagMaps);
        // Map targets are spelled as in the category list, whatever case the YAML used.
        tagMaps.replaceAll((collection, tags) -> {
            Map<String, String> canonical = new LinkedHashMap<>();
            tags.forEach((tag, category) -> canonical.put(tag, taxonomy.categoriesByLowerName.get(key(category))));
            return java.util.Collections.unmodifiableMap(canonical);
        });
        return taxonomy;
    }

    /** Reads a category list: one name per line, {@code #} comments and blank lines ignored. */
    public static List<String> readCategoryList(InputStream in) throws IOException {
        List<String> categories = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                String trimmed = line.trim();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    categories.add(trimmed);
                }
            }
        }
        return categories;
    }

    /**
     * The category a collection's tag belongs to, if the taxonomy knows it.
     *
     * @param collection collection id (see {@link io.imlab.cookbook.task.Collections})
     * @param tag        the collection's own tag: a SuperNI category, a PromptSource dataset, a FLAN cluster…
     */
    public Optional<String> resolve(String collection, String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        String category = categoriesByLowerName.get(key(tag));
        if (category != null) {
            return Optional.of(category);
        }
        Map<String, String> tags = tagMaps.get(collection);
        return tags == null ? Optional.empty() : Optional.ofNullable(tags.get(key(tag)));
    }

    /** Whether {@code name} is a category of this taxonomy (base or additional). */
    public boolean isCategory(String name) {
        return name != null && categoriesByLowerName.containsKey(key(name));
    }

    /** SuperNI's categories, in their upstream order. */
    public List<String> baseCategories() {
        return baseCategories;
    }

    /** Categories added beyond the base. */
    public List<String> additionalCategories() {
        return additionalCategories;
    }

    /** All categories: base then additional. */
    public List<String> categories() {
        return List.copyOf(categoriesByLowerName.values());
    }

    /** The tag map of one collection (lower-cased tags to categories); empty when the collection has none. */
    public Map<String, String> tagMap(String collection) {
        return tagMaps.getOrDefault(collection, Map.of());
    }

    private static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    private static InputStream resource(String name) {
        InputStream in = Taxonomy.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing class-path resource " + name);
        }
        return in;
    }
}
