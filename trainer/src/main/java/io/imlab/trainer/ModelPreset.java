package io.imlab.trainer;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Named transformer sizes. They are deliberately small: the quickstart trains three of them on a
 * 2-core machine in minutes; the paper's OPT-30B recipe is out of reach of a CPU and not the point.
 */
public enum ModelPreset {
    /** 2 blocks, d=128, 4 heads: 0.50M parameters with the byte vocabulary and 256 positions; the quickstart size. */
    TINY(2, 128, 4),
    /** 4 blocks, d=256, 4 heads: 3.36M parameters with the byte vocabulary and 256 positions. */
    SMALL(4, 256, 4),
    /** 6 blocks, d=384, 6 heads: 10.9M parameters with the byte vocabulary and 256 positions. */
    BASE(6, 384, 6);

    private final int layers;
    private final int dModel;
    private final int heads;

    ModelPreset(int layers, int dModel, int heads) {
        this.layers = layers;
        this.dModel = dModel;
        this.heads = heads;
    }

    public int layers() {
        return layers;
    }

    public int dModel() {
        return dModel;
    }

    public int heads() {
        return heads;
    }

    /** The preset's lower-case name as written in specs. */
    public String specName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Looks a preset up by its spec name ({@code tiny}, {@code small}, {@code base}).
     *
     * @throws IllegalArgumentException naming the accepted values when {@code name} is unknown
     */
    public static ModelPreset fromSpecName(String name) {
        for (ModelPreset preset : values()) {
            if (preset.specName().equals(name)) {
                return preset;
            }
        }
        throw new IllegalArgumentException("unknown model preset '" + name + "', expected one of "
                + Arrays.stream(values()).map(ModelPreset::specName).collect(Collectors.joining(", ")));
    }
}
