package io.imlab.cookbook.spec;

/** The shape a spec field's YAML value must have. */
enum FieldKind {
    TEXT("a string"),
    INTEGER("an integer"),
    LONG("an integer"),
    NUMBER("a number"),
    BOOLEAN("true or false"),
    TEXT_LIST("a list of strings"),
    /** Collection id to share, e.g. {@code {flan: 0.2}}. */
    SHARE_MAP("a mapping of collection to share"),
    /** Collection id to a count, e.g. {@code {flan: 30000}}. */
    INTEGER_MAP("a mapping of collection to an integer"),
    SECTION("a mapping"),
    /** A list of mappings, each shaped by the field's children (e.g. PromptSource datasets). */
    SECTION_LIST("a list of mappings");

    private final String expected;

    FieldKind(String expected) {
        this.expected = expected;
    }

    /** How an error message names the expected value, e.g. {@code an integer}. */
    String expected() {
        return expected;
    }

    /** A value a grid factor may set as a whole; sections and lists of sections are not. */
    boolean isLeaf() {
        return this != SECTION && this != SECTION_LIST;
    }
}
