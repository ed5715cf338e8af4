package io.imlab.trainer;

import ai.djl.Device;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Arithmetic precision of training, chosen with {@code IMLAB_PRECISION=fp32|bf16|fp16} (default fp32).
 *
 * <p>Only fp32 trains in this build. The issue asks for mixed precision where the engine supports it on
 * a GPU (fp16/bf16 compute, fp32 master weights, loss scaling); it is not implemented because it could
 * not be run here: this machine has no GPU, and the lent GPU machine has no JVM and PyTorch 2.11, while
 * DJL 0.36's JNI targets PyTorch 2.7.1. DJL exposes no {@code torch.autocast}, so it would mean casting
 * every weight in every block's forward pass, plus dynamic loss scaling whose scale and skipped steps
 * enter the optimizer and the checkpoint (exact resume depends on them) — too much untested code on the
 * path every run takes. Asking for bf16 or fp16 therefore fails as a configuration error (the pod exits
 * 2 and is not retried) instead of silently training in fp32; fp16 on a CPU would fail even with that
 * support, since PyTorch's CPU kernels do not provide it for training.
 */
public enum Precision {
    FP32,
    BF16,
    FP16;

    /** Environment variable read by {@link TrainingRun}. */
    public static final String ENV = "IMLAB_PRECISION";

    /** The lower-case name used in {@link #ENV}. */
    public String specName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code value} (blank or null means fp32) and checks that training on {@code device} can use it.
     *
     * @throws IllegalArgumentException naming {@link #ENV}, when the value is unknown or cannot train here
     */
    public static Precision resolve(String value, Device device) {
        Precision precision = parse(value);
        if (precision == FP32) {
            return precision;
        }
        if (!device.isGpu()) {
            throw new IllegalArgumentException(ENV + ": " + precision.specName() + " needs a GPU, but training runs on "
                    + device + " (DJL found no usable CUDA device); use fp32"
                    + (precision == FP16 ? ", PyTorch has no fp16 training kernels for the CPU" : ""));
        }
        throw new IllegalArgumentException(ENV + ": " + precision.specName() + " mixed precision is not implemented in this "
                + "build (it could not be tested: see trainer/README.md, \"Devices and precision\"); use fp32 on " + device);
    }

    static Precision parse(String value) {
        if (value == null || value.isBlank()) {
            return FP32;
        }
        for (Precision precision : values()) {
            if (precision.specName().equals(value.strip().toLowerCase(Locale.ROOT))) {
                return precision;
            }
        }
        throw new IllegalArgumentException(ENV + ": expected one of "
                + Arrays.stream(values()).map(Precision::specName).collect(Collectors.joining(", ")) + ", was '" + value + "'");
    }
}
