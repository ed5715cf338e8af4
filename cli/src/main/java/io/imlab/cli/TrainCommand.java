package io.imlab.cli;

import io.imlab.activities.training.TrainerEnvironment;
import io.imlab.activities.training.TrainerPod;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * {@code imlab train}: the entry point a training pod (or the local launcher's child process) runs. Reads
 * everything from {@code IMLAB_*} environment variables; see docs/trainer-contract.md.
 */
@Command(name = "train",
        description = {"Train under the pod contract: reads IMLAB_* variables, prints one JSON object per line.",
            "Exit codes: 0 done, " + TrainerEnvironment.EXIT_CONFIGURATION_ERROR
                + " configuration error (never retried), other values retryable."})
public final class TrainCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return new TrainerPod(System.getenv(), System.out, System.err).run();
    }
}
