package org.coact.runner.evolve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-worked transitions: one of each event kind. */
class CommunityTrackerTest {

    private final CommunityTracker tracker = new CommunityTracker(new Evolution.TrackingOptions(0.3, false));

    /** Neurons n0..n(k-1) with the given communities. */
    private static Map<String, Integer> membership(int... communities) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < communities.length; i++) {
            m.put("n" + i, communities[i]);
        }
        return m;
    }

    @Test
    void identicalPartitionsContinue() {
        Evolution.Transition t = tracker.track(0, 1, membership(0, 0, 1, 1), membership(0, 0, 1, 1));
        assertEquals(2, t.continuations());
        assertEquals(0, t.births() + t.deaths() + t.splits() + t.merges());
        assertEquals(List.of(new Evolution.Flow(0, 0, 2, 1.0), new Evolution.Flow(1, 1, 2, 1.0)), t.flows());
    }

    @Test
    void aSplit() {
        // A0 = {n0..n5}; later B0 = {n0,n1,n2}, B1 = {n3,n4,n5}: J = 3/6 = 0.5 for both, ties go to B0.
        Evolution.Transition t = tracker.track(0, 1, membership(0, 0, 0, 0, 0, 0), membership(0, 0, 0, 1, 1, 1));
        assertEquals(1, t.splits());
        assertEquals(1, t.continuations()); // A0 -> B0 mutual best
        assertEquals(0, t.births());
        assertEquals(new Evolution.Event("split", List.of(0), List.of(0, 1), 0.5),
                t.events().stream().filter(e -> e.kind().equals("split")).findFirst().orElseThrow());
    }

    @Test
    void aMerge() {
        Evolution.Transition t = tracker.track(0, 1, membership(0, 0, 0, 1, 1, 1), membership(0, 0, 0, 0, 0, 0));
        assertEquals(1, t.merges());
        assertEquals(1, t.continuations());
        assertEquals(new Evolution.Event("merge", List.of(0, 1), List.of(0), 0.5),
                t.events().stream().filter(e -> e.kind().equals("merge")).findFirst().orElseThrow());
    }

    @Test
    void birthAndDeathBelowTheThreshold() {
        // Before: A0 = {n0..n9}, A1 = {n10, n11}. After: A0's neurons scatter into five pairs B2..B6,
        // A1 stays as B1.
        Map<String, Integer> before = membership(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1);
        Map<String, Integer> after = membership(2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 1, 1);
        // A0 (10 neurons) vs each 2-neuron community: J = 2/10 = 0.2 < 0.3 -> A0 dies, B2..B6 are born.
        Evolution.Transition t = tracker.track(3, 4, before, after);
        assertEquals(1, t.deaths());
        assertEquals(5, t.births());
        assertEquals(1, t.continuations()); // A1 -> B1
        assertEquals(3, t.from());
        assertEquals(4, t.to());
    }

    @Test
    void singletonsAreIgnoredUnlessAsked() {
        Map<String, Integer> before = membership(0, 0, 1);
        Map<String, Integer> after = membership(0, 0, 1);
        assertEquals(1, tracker.track(0, 1, before, after).continuations());
        CommunityTracker all = new CommunityTracker(new Evolution.TrackingOptions(0.3, true));
        assertEquals(2, all.track(0, 1, before, after).continuations());
    }
}
