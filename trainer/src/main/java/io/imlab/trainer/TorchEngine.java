package io.imlab.trainer;

import ai.djl.engine.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * The PyTorch engine, started with a deliberate number of intra-op threads.
 *
 * <p>PyTorch reads its thread counts once, when DJL loads the engine, so the first caller in a JVM
 * decides. In order of precedence: {@code -Dai.djl.pytorch.num_threads}, the {@code IMLAB_TORCH_THREADS}
 * environment variable, then 2 threads when {@code OMP_WAIT_POLICY=PASSIVE} is set and 1 otherwise.
 *
 * <p>Why the last rule: PyTorch's OpenMP threads spin at every barrier by default. Measured on the
 * 2-core quickstart machine with another process busy on both cores, 2 spinning threads made a tiny
 * training step 8× slower (2.2 s instead of 0.27 s), while 1 thread, or 2 passive threads, kept
 * 0.27 s; on an idle machine 2 threads are about 25% faster than 1. So run JVMs that train or score
 * with {@code OMP_WAIT_POLICY=PASSIVE} (libgomp reads it at load time, so it must be in the process
 * environment) to get both. One inter-op thread avoids oversubscribing two cores, and a fixed count
 * keeps float reductions, and so resumed runs, reproducible.
 */
public final class TorchEngine {
    /** Threads used with passive OpenMP waiting when nothing else is configured. */
    public static final int PASSIVE_WAIT_THREADS = 2;
    private static final Logger LOG = LoggerFactory.getLogger(TorchEngine.class);
    private static final String ENGINE = "PyTorch";
    private static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";
    private static final String INTEROP_PROPERTY = "ai.djl.pytorch.num_interop_threads";

    private TorchEngine() {
    }

    /** The started engine. */
    public static synchronized Engine get() {
        if (System.getProperty(THREADS_PROPERTY) == null) {
            int threads = defaultThreads(System.getenv("IMLAB_TORCH_THREADS"), System.getenv("OMP_WAIT_POLICY"));
            System.setProperty(THREADS_PROPERTY, Integer.toString(threads));
            LOG.info("PyTorch intra-op threads: {} (OMP_WAIT_POLICY={})", threads, System.getenv("OMP_WAIT_POLICY"));
        }
        if (System.getProperty(INTEROP_PROPERTY) == null) {
            System.setProperty(INTEROP_PROPERTY, "1");
        }
        return Engine.getEngine(ENGINE);
    }

    static int defaultThreads(String configured, String waitPolicy) {
        if (configured != null && !configured.isBlank()) {
            try {
                int threads = Integer.parseInt(configured.strip());
                if (threads >= 1) {
                    return threads;
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("IMLAB_TORCH_THREADS: must be a positive integer, was '" + configured + "'", e);
            }
            throw new IllegalArgumentException("IMLAB_TORCH_THREADS: must be a positive integer, was '" + configured + "'");
        }
        boolean passive = waitPolicy != null && waitPolicy.strip().toUpperCase(Locale.ROOT).equals("PASSIVE");
        return passive ? PASSIVE_WAIT_THREADS : 1;
    }
}
