package io.imlab.activities.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A Kubernetes toleration for training pods, e.g. {@code nvidia.com/gpu Exists NoSchedule} for tainted GPU nodes.
 *
 * @param key               taint key; {@code null} with operator {@code Exists} tolerates every taint
 * @param operator          {@code Equal} or {@code Exists}
 * @param value             taint value for {@code Equal}, {@code null} for {@code Exists}
 * @param effect            {@code NoSchedule}, {@code PreferNoSchedule}, {@code NoExecute}, or {@code null} for all
 * @param tolerationSeconds for {@code NoExecute}: how long the pod stays bound after the taint appears; {@code null}
 *                          for ever
 */
public record PodToleration(String key, String operator, String value, String effect, Long tolerationSeconds) {

    private static final Set<String> OPERATORS = Set.of("Equal", "Exists");
    private static final Set<String> EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    /**
     * Validates every field and reports all problems at once.
     *
     * @throws IllegalArgumentException naming each invalid field
     */
    public PodToleration {
        List<String> problems = new ArrayList<>();
        if (operator == null || !OPERATORS.contains(operator)) {
            problems.add("operator: must be one of " + OPERATORS + ", was " + operator);
        } else if (operator.equals("Exists") && value != null) {
            problems.add("value: must be empty with operator Exists");
        } else if (operator.equals("Equal") && key == null) {
            problems.add("key: must be set with operator Equal");
        }
        if (effect != null && !EFFECTS.contains(effect)) {
            problems.add("effect: must be one of " + EFFECTS + " or empty, was " + effect);
        }
        if (tolerationSeconds != null && !"NoExecute".equals(effect)) {
            problems.add("tolerationSeconds: only applies to effect NoExecute");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid toleration: " + String.join("; ", problems));
        }
    }

    /** Tolerates any taint with this key and effect, e.g. {@code exists("nvidia.com/gpu", "NoSchedule")}. */
    public static PodToleration exists(String key, String effect) {
        return new PodToleration(key, "Exists", null, effect, null);
    }
}
