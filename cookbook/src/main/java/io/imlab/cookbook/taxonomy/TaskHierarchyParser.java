package io.imlab.cookbook.taxonomy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the category list from Super-NaturalInstructions' {@code doc/task-hierarchy.md}: the backticked
 * top-level bullets under "## Task Categories". Used to check the shipped list against upstream.
 */
public final class TaskHierarchyParser {
    private static final Pattern BULLET = Pattern.compile("^- `([^`]+)`");

    private TaskHierarchyParser() {
    }

    /** The categories in file order. */
    public static List<String> parseCategories(Path taskHierarchyMarkdown) throws IOException {
        List<String> categories = new ArrayList<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(taskHierarchyMarkdown, StandardCharsets.UTF_8)) {
            if (line.startsWith("## ")) {
                inSection = line.trim().equalsIgnoreCase("## Task Categories");
                continue;
            }
            Matcher bullet = BULLET.matcher(line);
            if (inSection && bullet.find()) {
                categories.add(bullet.group(1).trim());
            }
        }
        return categories;
    }
}
