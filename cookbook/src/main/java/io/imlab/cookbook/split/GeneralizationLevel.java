package io.imlab.cookbook.split;

/** The three generalization levels at which a model is evaluated (OPT-IML §2.3). */
public enum GeneralizationLevel {
    /** Fully held-out: tasks of categories that training never sees. */
    LEVEL1("level1"),
    /** Partially supervised: unseen tasks (and data sources) of categories that training sees. */
    LEVEL2("level2"),
    /** Fully supervised: held-out instances of tasks that training sees. */
    LEVEL3("level3");

    private final String id;

    GeneralizationLevel(String id) {
        this.id = id;
    }

    /** The level's lower-case id, used in folder names and reports ({@code level1}). */
    public String id() {
        return id;
    }

    /** The level for an id from {@link #id()}. */
    public static GeneralizationLevel fromId(String id) {
        for (GeneralizationLevel level : values()) {
            if (level.id.equals(id)) {
                return level;
            }
        }
        throw new IllegalArgumentException("unknown generalization level '" + id + "'");
    }
}
