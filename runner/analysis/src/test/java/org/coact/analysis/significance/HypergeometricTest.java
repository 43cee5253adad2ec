package org.coact.analysis.significance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The sampler against the hypergeometric distribution's exact pmf, mean and variance. */
class HypergeometricTest {

    @Test
    void drawsFollowTheExactPmfOfASmallCase() {
        // N = 10, K = 4, m = 3: P(x) = C(4,x) C(6,3-x) / C(10,3) = 20/120, 60/120, 36/120, 4/120
        double[] exact = {20 / 120.0, 60 / 120.0, 36 / 120.0, 4 / 120.0};
        Hypergeometric h = new Hypergeometric(10);
        for (int x = 0; x < 4; x++) {
            assertEquals(exact[x], Math.exp(h.logPmf(10, 4, 3, x)), 1e-12, "P(" + x + ")");
        }
        int draws = 200_000;
        long[] seen = new long[4];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < draws; i++) {
            seen[(int) h.sample(10, 4, 3, random)]++;
        }
        double chi2 = 0;
        for (int x = 0; x < 4; x++) {
            double expected = draws * exact[x];
            chi2 += (seen[x] - expected) * (seen[x] - expected) / expected;
        }
        // 3 degrees of freedom: P(chi2 > 16.27) = 0.001
        assertTrue(chi2 < 16.27, "chi-squared " + chi2 + " for " + java.util.Arrays.toString(seen));
    }

    @Test
    void meanAndVarianceMatchTheirFormulas() {
        // N = 2000, K = 700, m = 900: mean mK/N = 315, variance mK(N-K)(N-m)/(N^2 (N-1)) = 112.612...
        long n = 2000;
        long k = 700;
        long m = 900;
        double mean = (double) m * k / n;
        double variance = (double) m * k * (n - k) * (n - m) / ((double) n * n * (n - 1));
        Hypergeometric h = new Hypergeometric(n);
        SplittableRandom random = new SplittableRandom(7);
        int draws = 100_000;
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < draws; i++) {
            long x = h.sample(n, k, m, random);
            assertTrue(x >= 0 && x <= 700);
            sum += x;
            squares += (double) x * x;
        }
        double sampleMean = sum / draws;
        double sampleVariance = (squares - draws * sampleMean * sampleMean) / (draws - 1);
        // the sample mean's sd is sqrt(variance / draws) = 0.034; the sample variance's about
        // variance * sqrt(2 / draws) = 0.50: both within 5 of their sds
        assertEquals(mean, sampleMean, 5 * Math.sqrt(variance / draws));
        assertEquals(variance, sampleVariance, 5 * variance * Math.sqrt(2.0 / draws));
    }

    @Test
    void degenerateCasesAndTheSameSeedGiveTheSameDraws() {
        Hypergeometric h = new Hypergeometric(50);
        SplittableRandom r = new SplittableRandom(3);
        assertEquals(0, h.sample(50, 0, 20, r), "no successes");
        assertEquals(20, h.sample(50, 50, 20, r), "all successes");
        assertEquals(30, h.sample(50, 30, 50, r), "every item drawn");
        assertEquals(10, h.sample(50, 40, 20, r) >= 10 ? 10 : -1, "at least m + K - N = 10");
        long[] a = new long[100];
        long[] b = new long[100];
        SplittableRandom ra = new SplittableRandom(9);
        SplittableRandom rb = new SplittableRandom(9);
        for (int i = 0; i < 100; i++) {
            a[i] = h.sample(50, 17, 23, ra);
            b[i] = h.sample(50, 17, 23, rb);
        }
        assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
    }
}
