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
    SECTION("a mapping");

    private final String expected;

    FieldKind(String expected) {
        this.expected = expected;
    }

    /** How an error message names the expected value, e.g. {@code an integer}. */
    String expected() {
        return expected;
    }

    boolean isLeaf() {
        return this != SECTION;
    }
}
