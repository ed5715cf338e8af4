package io.imlab.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam with β = (0.9, 0.95) (OPT-IML §3.3), float32 state, and global-norm gradient clipping.
 *
 * <p>Written on NDArrays instead of using DJL's {@code Adam} because DJL keeps its moment estimates
 * private: resuming a run exactly needs the first and second moments and the update count saved in the
 * checkpoint. The update is PyTorch's {@code torch.optim.Adam} without weight decay.
 */
public final class AdamOptimizer implements AutoCloseable {
    public static final float BETA1 = 0.9f;
    public static final float BETA2 = 0.95f;
    public static final float EPSILON = 1e-8f;

    private final List<Pair<String, Parameter>> parameters = new ArrayList<>();
    private final Map<String, NDArray> firstMoments = new HashMap<>();
    private final Map<String, NDArray> secondMoments = new HashMap<>();
    private int updates;

    /** Zero-initialized state for every trainable parameter; the state arrays live on {@code manager}. */
    public AdamOptimizer(PairList<String, Parameter> parameterList, NDManager manager) {
        for (Pair<String, Parameter> entry : parameterList) {
            Parameter parameter = entry.getValue();
            if (!parameter.requiresGradient()) {
                continue;
            }
            parameters.add(entry);
            NDArray array = parameter.getArray();
            firstMoments.put(entry.getKey(), manager.zeros(array.getShape(), array.getDataType()));
            secondMoments.put(entry.getKey(), manager.zeros(array.getShape(), array.getDataType()));
        }
    }

    /** Updates performed so far (Adam's t, which drives the bias correction). */
    public int updates() {
        return updates;
    }

    /**
     * Clips the accumulated gradients to a global L2 norm of at most {@code clip} (OPT-IML §3.3: 1.0),
     * applies one Adam update with learning rate {@code learningRate}, and zeroes the gradients.
     *
     * @param clip global-norm bound; 0 or less disables clipping
     * @return the global gradient norm before clipping
     */
    public double step(double learningRate, double clip) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            List<NDArray> gradients = new ArrayList<>(parameters.size());
            NDArray squaredNorm = null;
            for (Pair<String, Parameter> entry : parameters) {
                NDArray gradient = entry.getValue().getArray().getGradient();
                gradients.add(gradient);
                NDArray sum = gradient.square().sum();
                squaredNorm = squaredNorm == null ? sum : squaredNorm.add(sum);
            }
            double norm = squaredNorm == null ? 0 : Math.sqrt(squaredNorm.getFloat());
            double scale = clip > 0 && norm > clip ? clip / (norm + 1e-6) : 1.0;
            updates++;
            double biasCorrection1 = 1 - Math.pow(BETA1, updates);
            double biasCorrection2 = 1 - Math.pow(BETA2, updates);
            for (int i = 0; i < parameters.size(); i++) {
                String name = parameters.get(i).getKey();
                NDArray weight = parameters.get(i).getValue().getArray();
                NDArray gradient = gradients.get(i);
                if (scale != 1.0) {
                    gradient.muli(scale);
                }
                NDArray m = firstMoments.get(name);
                NDArray v = secondMoments.get(name);
                m.muli(BETA1).addi(gradient.mul(1 - BETA1));
                v.muli(BETA2).addi(gradient.square().muli(1 - BETA2));
                NDArray denominator = v.sqrt().divi(Math.sqrt(biasCorrection2)).addi(EPSILON);
                weight.subi(m.div(denominator).muli(learningRate / biasCorrection1));
                // PyTorch accumulates into .grad and DJL's collector no longer zeroes it.
                gradient.subi(gradient);
            }
            return norm;
        }
    }

    /** The moments as named arrays ({@code m:<parameter>}, {@code v:<parameter>}) for a checkpoint. */
    public NDList state() {
        NDList state = new NDList();
        for (Pair<String, Parameter> entry : parameters) {
            NDArray m = firstMoments.get(entry.getKey());
            NDArray v = secondMoments.get(entry.getKey());
            m.setName("m:" + entry.getKey());
            v.setName("v:" + entry.getKey());
            state.add(m);
            state.add(v);
        }
        return state;
    }

    /**
     * Restores moments saved by {@link #state()} and the update count.
     *
     * @throws IllegalArgumentException when a parameter's moment is missing or has another shape
     */
    public void restore(NDList state, int updateCount) {
        Map<String, NDArray> byName = new HashMap<>();
        for (NDArray array : state) {
            byName.put(array.getName(), array);
        }
        for (Pair<String, Parameter> entry : parameters) {
            copyInto(byName, "m:" + entry.getKey(), firstMoments.get(entry.getKey()));
            copyInto(byName, "v:" + entry.getKey(), secondMoments.get(entry.getKey()));
        }
        this.updates = updateCount;
    }

    private static void copyInto(Map<String, NDArray> saved, String name, NDArray target) {
        NDArray source = saved.get(name);
        if (source == null) {
            throw new IllegalArgumentException("optimizer state has no " + name);
        }
        if (!source.getShape().equals(target.getShape())) {
            throw new IllegalArgumentException("optimizer state " + name + " has shape " + source.getShape()
                    + ", the model expects " + target.getShape());
        }
        source.copyTo(target);
    }

    @Override
    public void close() {
        firstMoments.values().forEach(NDArray::close);
        secondMoments.values().forEach(NDArray::close);
    }
}
