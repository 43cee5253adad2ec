package org.coact.runner.evolve;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * Pearson and Spearman correlation with two-sided p-values, via Apache Commons Math.
 * Spearman's rho is Pearson's r on average ranks (ties share their mean rank); both p-values
 * come from the t statistic r sqrt((n-2)/(1-r^2)) with n-2 degrees of freedom, as Commons
 * Math's {@code PearsonsCorrelation.getCorrelationPValues} and scipy's {@code pearsonr}
 * compute it. Undefined (null) for n &lt; 3 or a constant series.
 */
public final class Correlations {

    private Correlations() {
    }

    /**
     * @param x one series
     * @param y the other, same length
     * @return Pearson's r and its p-value
     */
    public static Evolution.Coefficient pearson(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series lengths differ: " + x.length + " vs " + y.length);
        }
        if (x.length < 3 || constant(x) || constant(y)) {
            return new Evolution.Coefficient(null, null);
        }
        double r = new PearsonsCorrelation().correlation(x, y);
        return new Evolution.Coefficient(r, pValue(r, x.length));
    }

    /**
     * @param x one series
     * @param y the other, same length
     * @return Spearman's rho and its p-value
     */
    public static Evolution.Coefficient spearman(double[] x, double[] y) {
        NaturalRanking ranking = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE);
        return pearson(ranking.rank(x), ranking.rank(y));
    }

    /**
     * The coefficient with its leave-one-out range: recomputed with each checkpoint left out,
     * the smallest and largest values, the checkpoint whose removal moves it most, and whether
     * one removal flips its sign or moves it by more than {@value #FRAGILE}.
     *
     * @param x a figure per checkpoint (NaN where undefined: then the coefficient is undefined)
     * @param y accuracy per checkpoint
     * @param rank Spearman (true) or Pearson (false)
     * @return the coefficient
     */
    public static Evolution.Coefficient robust(double[] x, double[] y, boolean rank) {
        if (java.util.Arrays.stream(x).anyMatch(Double::isNaN)) {
            return new Evolution.Coefficient(null, null);
        }
        Evolution.Coefficient full = rank ? spearman(x, y) : pearson(x, y);
        if (full.value() == null || x.length < 4) {
            return full;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int driver = -1;
        double move = -1;
        boolean fragile = false;
        for (int i = 0; i < x.length; i++) {
            double[] xs = without(x, i);
            double[] ys = without(y, i);
            Evolution.Coefficient c = rank ? spearman(xs, ys) : pearson(xs, ys);
            if (c.value() == null) {
                fragile = true;
                continue;
            }
            double v = c.value();
            min = Math.min(min, v);
            max = Math.max(max, v);
            double d = Math.abs(v - full.value());
            if (d > move) {
                move = d;
                driver = i;
            }
            fragile |= Math.signum(v) != Math.signum(full.value()) || d > FRAGILE;
        }
        return new Evolution.Coefficient(full.value(), full.pValue(), min == Double.POSITIVE_INFINITY ? null : min,
                max == Double.NEGATIVE_INFINITY ? null : max, driver < 0 ? null : driver, fragile);
    }

    /** A leave-one-out change of the coefficient larger than this marks it fragile. */
    static final double FRAGILE = 0.5;

    private static double[] without(double[] v, int i) {
        double[] out = new double[v.length - 1];
        System.arraycopy(v, 0, out, 0, i);
        System.arraycopy(v, i + 1, out, i, v.length - i - 1);
        return out;
    }

    static double pValue(double r, int n) {
        double df = n - 2;
        if (Math.abs(r) >= 1.0) {
            return 0.0;
        }
        double t = Math.abs(r) * Math.sqrt(df / (1 - r * r));
        return 2 * new TDistribution(null, df).cumulativeProbability(-t);
    }

    private static boolean constant(double[] v) {
        for (double d : v) {
            if (d != v[0]) {
                return false;
            }
        }
        return true;
    }
}
