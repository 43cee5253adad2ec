package org.coact.api.format;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean" hints for misspelt layer, input, output and signature names. */
public final class Names {

    private static final int MAX = 3;

    private Names() {
    }

    /**
     * Up to three known names close to the wrong one: containing it, contained in it, or within
     * a Levenshtein distance of max(2, length/4), case-insensitively; closest first.
     *
     * @param wrong the name the user gave
     * @param known the valid names
     * @return {@code " (did you mean 'a', 'b'?)"}, or "" when nothing is close
     */
    public static String didYouMean(String wrong, Collection<String> known) {
        String w = wrong.toLowerCase(Locale.ROOT);
        List<String> close = known.stream()
                .filter(k -> isClose(w, k.toLowerCase(Locale.ROOT)))
                .sorted(Comparator.comparingInt((String k) -> distance(w, k.toLowerCase(Locale.ROOT))).thenComparing(k -> k))
                .limit(MAX)
                .toList();
        if (close.isEmpty()) {
            return "";
        }
        return " (did you mean '" + String.join("', '", close) + "'?)";
    }

    private static boolean isClose(String wrong, String known) {
        if (wrong.isEmpty()) {
            return false;
        }
        return known.contains(wrong) || wrong.contains(known) || distance(wrong, known) <= Math.max(2, wrong.length() / 4);
    }

    /**
     * @param a one string
     * @param b another
     * @return their Levenshtein distance
     */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
