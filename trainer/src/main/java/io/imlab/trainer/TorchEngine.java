package io.imlab.trainer;

import ai.djl.engine.Engine;

/**
 * The PyTorch engine, started with a fixed number of intra-op threads.
 *
 * <p>PyTorch reads its thread counts once, when DJL loads the engine, so the first caller in a JVM
 * decides; {@code -Dai.djl.pytorch.num_threads} given on the command line wins over the default.
 * Two intra-op threads match the 2-core quickstart machine, and one inter-op thread avoids
 * oversubscribing it. A fixed count also keeps float reductions, and so resumed runs, reproducible.
 */
public final class TorchEngine {
    /** Intra-op threads used unless {@code ai.djl.pytorch.num_threads} is set. */
    public static final int DEFAULT_THREADS = 2;
    private static final String ENGINE = "PyTorch";

    private TorchEngine() {
    }

    /** The started engine. */
    public static synchronized Engine get() {
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(DEFAULT_THREADS));
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        return Engine.getEngine(ENGINE);
    }
}
