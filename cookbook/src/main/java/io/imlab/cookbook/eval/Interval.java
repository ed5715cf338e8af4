package io.imlab.cookbook.eval;

/**
 * A bootstrap percentile interval.
 *
 * @param low  the 2.5th percentile of the resampled statistic
 * @param high the 97.5th percentile
 */
public record Interval(double low, double high) {
    public static final Interval NONE = new Interval(Double.NaN, Double.NaN);

    public boolean defined() {
        return !Double.isNaN(low) && !Double.isNaN(high);
    }
}
