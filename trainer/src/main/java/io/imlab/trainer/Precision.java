package io.imlab.trainer;

import ai.djl.Device;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Arithmetic precision of training, chosen with {@code IMLAB_PRECISION=fp32|bf16|fp16} (default fp32).
 *
 * <p>Only fp32 trains in this build, on the CPU and on a GPU. The others are refused as configuration
 * errors (the pod exits 2 and is not retried), never silently trained in fp32:
 * <ul>
 *   <li>bf16: DJL 0.36's PyTorch engine cannot produce a bfloat16 tensor. Its JNI maps DJL data types to
 *       PyTorch scalar types with a switch that has no bfloat16 case and ends in a bare {@code throw;}, so
 *       {@code NDArray.toType(DataType.BFLOAT16, …)} (or creating a bfloat16 array) calls
 *       {@code std::terminate} and aborts the JVM. And its casts run under {@code torch::NoGradGuard}, so
 *       even a supported cast (fp16) cuts the autograd graph: fp32 master weights cast per forward pass
 *       would receive no gradient ({@code DjlCastLimitsIT} checks this, and fails once DJL changes it).
 *       bf16 itself would need no loss scaling (float32's exponent range).</li>
 *   <li>fp16: needs dynamic loss scaling (fp16's 5-bit exponent underflows small gradients), which is not
 *       implemented, besides the cast limits above.</li>
 * </ul>
 * The precision is recorded in every checkpoint ({@link TrainerState#precision()}), and a run resumes only
 * at the precision it was started with. Scoring ({@link DjlScorer}) is float32.
 */
public enum Precision {
    FP32,
    BF16,
    FP16;

    /** Environment variable read by {@link TrainingRun}. */
    public static final String ENV = "IMLAB_PRECISION";

    /** The lower-case name used in {@link #ENV} and in the checkpoint's {@link TrainerState#precision()}. */
    @JsonValue
    public String specName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code value} (blank or null means fp32) and checks that this build can train in it on {@code device}.
     *
     * @throws IllegalArgumentException naming {@link #ENV}, when the value is unknown or cannot train
     */
    public static Precision resolve(String value, Device device) {
        Precision precision = parse(value);
        return switch (precision) {
            case FP32 -> precision;
            case FP16 -> throw new IllegalArgumentException(ENV + ": fp16 needs dynamic loss scaling, which is not "
                    + "implemented in this trainer; use fp32 on " + device);
            case BF16 -> throw new IllegalArgumentException(ENV + ": bf16 is not supported by DJL 0.36's PyTorch "
                    + "engine (it has no bfloat16 tensors, and its casts are not differentiable; see trainer/README.md, "
                    + "\"Devices and precision\"); use fp32 on " + device);
        };
    }

    /** Parses a spec name; blank or null means fp32 (also for checkpoints written before the field existed). */
    @JsonCreator
    public static Precision parse(String value) {
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
