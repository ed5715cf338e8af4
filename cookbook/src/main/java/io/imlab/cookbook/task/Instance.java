package io.imlab.cookbook.task;

import java.util.List;
import java.util.Objects;

/**
 * One example of a task.
 *
 * @param id         stable identifier, unique within the task
 * @param input      the instance input, before any template or instruction is applied
 * @param outputs    one or more reference outputs; the first is used as the training target
 * @param candidates candidate answers for closed-label tasks (rank classification); empty for generation
 */
public record Instance(String id, String input, List<String> outputs, List<String> candidates) {
    public Instance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(input, "input");
        outputs = List.copyOf(outputs);
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("instance " + id + ": at least one output is required");
        }
    }

    /** The training target: the first reference output. */
    public String target() {
        return outputs.get(0);
    }
}
