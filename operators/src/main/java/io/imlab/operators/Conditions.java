package io.imlab.operators;

import io.imlab.operators.crd.Condition;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Sets conditions the way Kubernetes API conventions ask: one entry per type, {@code lastTransitionTime} moves
 * only when the status changes, every entry records the generation it was set for.
 */
final class Conditions {
    static final String SPEC_VALID = "SpecValid";
    static final String WORKFLOW_STARTED = "WorkflowStarted";
    static final String SPEC_CHANGE_REJECTED = "SpecChangeRejected";
    static final String COMPLETED = "Completed";

    static final String TRUE = "True";
    static final String FALSE = "False";
    static final String UNKNOWN = "Unknown";

    private final Clock clock;

    Conditions(Clock clock) {
        this.clock = clock;
    }

    void set(List<Condition> conditions, String type, String status, String reason, String message, Long generation) {
        Optional<Condition> existing = find(conditions, type);
        String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
        if (existing.isPresent()) {
            Condition condition = existing.get();
            if (!status.equals(condition.getStatus())) {
                condition.setLastTransitionTime(now);
            }
            condition.setStatus(status);
            condition.setReason(reason);
            condition.setMessage(message);
            condition.setObservedGeneration(generation);
        } else {
            conditions.add(new Condition(type, status, reason, message, now, generation));
        }
    }

    static Optional<Condition> find(List<Condition> conditions, String type) {
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }
}
