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

    /**
     * An untrained first checkpoint that drives the value, as in the bundled series; scipy's
     * pearsonr/spearmanr on each leave-one-out subseries of x = [10,1,2,3,4,5],
     * y = [0.1,0.8,0.85,0.9,0.92,0.94]: Pearson -0.8172 (LOO -0.8982 .. +0.9752, dropping
     * checkpoint 0 flips the sign), Spearman +0.1429 (1.0 without checkpoint 0, 0.0 without
     * any other).
     */
    @Test
    void leaveOneOutRangeNamesTheCheckpointThatDrivesTheValue() {
        double[] x = {10, 1, 2, 3, 4, 5};
        double[] y = {0.1, 0.8, 0.85, 0.9, 0.92, 0.94};
        org.coact.runner.evolve.Evolution.Coefficient p = Correlations.robust(x, y, false);
        assertEquals(-0.8172284482979499, p.value(), 1e-12);
        assertEquals(-0.8982210938974067, p.looMin(), 1e-12);
        assertEquals(0.9752368720068675, p.looMax(), 1e-12);
        assertEquals(0, p.drivenBy());
        org.junit.jupiter.api.Assertions.assertTrue(p.fragile(), "dropping epoch 0 flips the sign");
        org.coact.runner.evolve.Evolution.Coefficient s = Correlations.robust(x, y, true);
        assertEquals(0.14285714285714288, s.value(), 1e-12);
        assertEquals(0.0, s.looMin(), 1e-12);
        assertEquals(1.0, s.looMax(), 1e-12);
        assertEquals(0, s.drivenBy());
        org.junit.jupiter.api.Assertions.assertTrue(s.fragile());
    }

    /** scipy: pearsonr without each of the five points: 0.4472, 0.8281, 0.8706, 0.8281, 0.7182. */
    @Test
    void aSteadyCorrelationIsNotFragile() {
        org.coact.runner.evolve.Evolution.Coefficient p = Correlations.robust(new double[] {1, 2, 3, 4, 5},
                new double[] {2, 4, 5, 4, 5}, false);
        assertEquals(0.7745966692414834, p.value(), 1e-12);
        assertEquals(0.447213595499958, p.looMin(), 1e-12);
        assertEquals(0.870571500132014, p.looMax(), 1e-12);
        assertEquals(0, p.drivenBy(), "dropping the first point moves it by 0.33, the most");
        org.junit.jupiter.api.Assertions.assertFalse(p.fragile(), "no removal moves it by more than 0.5 or flips it");
        assertNull(Correlations.robust(new double[] {1, 2, 3}, new double[] {1, 2, 4}, false).looMin(),
                "no range below four checkpoints");
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
