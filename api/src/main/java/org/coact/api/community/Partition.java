package org.coact.api.community;

import java.util.Arrays;

/**
 * An assignment of every node to a community. Community ids are canonical: numbered
 * {@code 0..count-1} in order of each community's lowest node, so two equal partitions have
 * equal arrays whatever numbering the algorithm used.
 *
 * @param membership community id of each node
 */
public record Partition(int[] membership) {

    /** Validates and renumbers canonically. */
    public Partition {
        int[] canonical = new int[membership.length];
        java.util.Map<Integer, Integer> ids = new java.util.HashMap<>();
        for (int i = 0; i < membership.length; i++) {
            if (membership[i] < 0) {
                throw new IllegalArgumentException("node " + i + " has negative community " + membership[i]);
            }
            canonical[i] = ids.computeIfAbsent(membership[i], c -> ids.size());
        }
        membership = canonical;
    }

    /** @return a copy of the membership array */
    @Override
    public int[] membership() {
        return membership.clone();
    }

    /** @param node a node @return its community */
    public int communityOf(int node) {
        return membership[node];
    }

    /** @return the number of nodes */
    public int size() {
        return membership.length;
    }

    /** @return the number of communities */
    public int count() {
        int max = -1;
        for (int c : membership) {
            max = Math.max(max, c);
        }
        return max + 1;
    }

    /** @return the number of nodes in each community */
    public int[] sizes() {
        int[] sizes = new int[count()];
        for (int c : membership) {
            sizes[c]++;
        }
        return sizes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Partition p && Arrays.equals(membership, p.membership);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(membership);
    }

    @Override
    public String toString() {
        return "Partition[nodes=" + membership.length + ", communities=" + count() + "]";
    }
}
