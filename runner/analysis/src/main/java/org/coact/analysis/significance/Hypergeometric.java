package org.coact.analysis.significance;

import java.util.SplittableRandom;

/**
 * Exact draws from the hypergeometric distribution: the number of successes among {@code m}
 * draws without replacement from {@code N} items of which {@code K} are successes, i.e. the
 * co-activation count of two neurons active on {@code K} and {@code m} of {@code N} samples
 * if they fire independently of each other. Inversion by chop-down from the mode (Kachitvichyanukul
 * and Schmeiser, J. Stat. Comput. Simul. 1985, algorithm HIN), the probabilities stepped by
 * their exact ratio {@code f(x+1)/f(x) = (K-x)(m-x) / ((x+1)(N-K-m+x+1))}; expected cost
 * O(sd) per draw. All arithmetic is {@link StrictMath}, so a seed gives the same draws on any
 * machine. Mean {@code mK/N}, variance {@code mK(N-K)(N-m) / (N^2 (N-1))}.
 */
public final class Hypergeometric {

    private final double[] logFactorial;

    /**
     * @param maxPopulation the largest {@code N} this sampler serves (a table of N + 1 doubles)
     */
    public Hypergeometric(long maxPopulation) {
        if (maxPopulation < 0 || maxPopulation > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("population must be in 0.." + (Integer.MAX_VALUE - 8) + ", got "
                    + maxPopulation);
        }
        logFactorial = new double[(int) maxPopulation + 1];
        for (int i = 2; i < logFactorial.length; i++) {
            logFactorial[i] = logFactorial[i - 1] + StrictMath.log(i);
        }
    }

    /**
     * @param population N
     * @param successes K, {@code 0..N}
     * @param draws m, {@code 0..N}
     * @param random the source of uniforms
     * @return a draw of X
     */
    public long sample(long population, long successes, long draws, SplittableRandom random) {
        if (population < 0 || population >= logFactorial.length || successes < 0 || successes > population
                || draws < 0 || draws > population) {
            throw new IllegalArgumentException("bad hypergeometric parameters N=" + population + ", K=" + successes
                    + ", m=" + draws);
        }
        long lo = Math.max(0, draws + successes - population);
        long hi = Math.min(successes, draws);
        if (lo == hi) {
            return lo;
        }
        long mode = Math.min(hi, Math.max(lo, (draws + 1) * (successes + 1) / (population + 2)));
        double pMode = StrictMath.exp(logPmf(population, successes, draws, mode));
        double u = random.nextDouble();
        if (u <= pMode) {
            return mode;
        }
        u -= pMode;
        long up = mode;
        long down = mode;
        double pUp = pMode;
        double pDown = pMode;
        long failures = population - successes;
        while (up < hi || down > lo) {
            if (up < hi) {
                pUp *= (double) (successes - up) * (draws - up) / ((double) (up + 1) * (failures - draws + up + 1));
                up++;
                if (u <= pUp) {
                    return up;
                }
                u -= pUp;
            }
            if (down > lo) {
                pDown *= (double) down * (failures - draws + down) / ((double) (successes - down + 1) * (draws - down + 1));
                down--;
                if (u <= pDown) {
                    return down;
                }
                u -= pDown;
            }
        }
        return mode; // the probabilities summed to 1 - u within rounding: the last step's remainder
    }

    /** @return log P(X = x) */
    double logPmf(long population, long successes, long draws, long x) {
        return logChoose(successes, x) + logChoose(population - successes, draws - x) - logChoose(population, draws);
    }

    private double logChoose(long n, long k) {
        return logFactorial[(int) n] - logFactorial[(int) k] - logFactorial[(int) (n - k)];
    }
}
