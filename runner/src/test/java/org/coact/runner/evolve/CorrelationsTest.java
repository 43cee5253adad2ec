package org.coact.runner.evolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * Against scipy 1.10.1 (Debian python3-scipy), computed with:
 * <pre>
 * from scipy import stats
 * stats.pearsonr([1,2,3,4,5], [2,4,5,4,5]); stats.spearmanr([1,2,3,4,5], [2,4,5,4,5])
 * x=[0.1,0.4,0.35,0.8,0.9,0.95,0.5]; y=[3,1,4,1,5,9,2]; stats.pearsonr(x,y); stats.spearmanr(x,y)
 * </pre>
 */
class CorrelationsTest {

    @Test
    void pearsonAndSpearmanWithTiesMatchScipy() {
        double[] x = {1, 2, 3, 4, 5};
        double[] y = {2, 4, 5, 4, 5};
        assertEquals(0.7745966692414834, Correlations.pearson(x, y).value(), 1e-12);
        assertEquals(0.12402706265755462, Correlations.pearson(x, y).pValue(), 1e-9);
        assertEquals(0.7378647873726218, Correlations.spearman(x, y).value(), 1e-12);
        assertEquals(0.15461852312844906, Correlations.spearman(x, y).pValue(), 1e-9);
    }

    @Test
    void secondSeriesMatchesScipy() {
        double[] x = {0.1, 0.4, 0.35, 0.8, 0.9, 0.95, 0.5};
        double[] y = {3, 1, 4, 1, 5, 9, 2};
        assertEquals(0.4941355331253267, Correlations.pearson(x, y).value(), 1e-12);
        assertEquals(0.25967431844061944, Correlations.pearson(x, y).pValue(), 1e-9);
        assertEquals(0.396412483586046, Correlations.spearman(x, y).value(), 1e-12);
        assertEquals(0.378634709500413, Correlations.spearman(x, y).pValue(), 1e-9);
    }

    @Test
    void undefinedForConstantOrTooShortSeries() {
        assertNull(Correlations.pearson(new double[] {1, 1, 1}, new double[] {1, 2, 3}).value());
        assertNull(Correlations.spearman(new double[] {1, 2}, new double[] {2, 1}).pValue());
    }

    @Test
    void perfectCorrelationHasPValueZero() {
        assertEquals(1.0, Correlations.pearson(new double[] {1, 2, 3, 4}, new double[] {2, 4, 6, 8}).value(), 1e-15);
        assertEquals(0.0, Correlations.pearson(new double[] {1, 2, 3, 4}, new double[] {2, 4, 6, 8}).pValue(), 1e-12);
    }
}
