package org.coact.analysis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Wall-clock seconds per pipeline stage, in stage order, rounded to milliseconds. Not thread-safe. */
public final class Timings {

    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private final long start = System.nanoTime();
    private long lap = start;

    /** @param stage records the time since the previous lap under this name */
    public void lap(String stage) {
        long now = System.nanoTime();
        seconds.put(stage, round(now - lap));
        lap = now;
    }

    /** @return the stages plus {@code total} */
    public Map<String, Double> result() {
        Map<String, Double> all = new LinkedHashMap<>(seconds);
        all.put("total", round(System.nanoTime() - start));
        return Collections.unmodifiableMap(all);
    }

    private static double round(long nanos) {
        return Math.round(nanos / 1e6) / 1e3;
    }
}
