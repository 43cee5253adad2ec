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
