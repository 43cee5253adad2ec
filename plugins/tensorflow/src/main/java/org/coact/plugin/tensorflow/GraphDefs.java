package org.coact.plugin.tensorflow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.NodeDef;

/** Small functions over TensorFlow {@code GraphDef} nodes and tensor names. */
final class GraphDefs {

    private GraphDefs() {
    }

    static Set<String> nodeNames(Collection<String> tensors) {
        Set<String> s = new LinkedHashSet<>();
        tensors.forEach(t -> s.add(nodeOf(t)));
        return s;
    }

    static String nodeOf(String tensor) {
        String t = tensor.startsWith("^") ? tensor.substring(1) : tensor;
        int colon = t.indexOf(':');
        return colon < 0 ? t : t.substring(0, colon);
    }

    /** {@code node:idx} or {@code node} to [node, idx]. */
    static String[] splitTop(String tensor) {
        int colon = tensor.lastIndexOf(':');
        return colon < 0 ? new String[] {tensor, "0"} : new String[] {tensor.substring(0, colon), tensor.substring(colon + 1)};
    }

    /** Function-body {@code node:arg:idx} to [node, arg, idx]; null for a bare argument name. */
    static String[] splitBody(String input) {
        String[] p = input.split(":");
        if (p.length == 1) {
            return null;
        }
        return p.length == 3 ? p : new String[] {p[0], p[1], "0"};
    }

    /** Nodes the roots depend on through data edges, not looking past {@code stops}. */
    static Set<String> reachable(Map<String, NodeDef> nodes, Set<String> roots, Set<String> stops) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            String name = todo.pop();
            NodeDef n = nodes.get(name);
            if (n == null || !seen.add(name) || stops.contains(name)) {
                continue;
            }
            for (String in : n.getInputList()) {
                if (!in.startsWith("^")) {
                    todo.push(nodeOf(in));
                }
            }
        }
        return seen;
    }

    /** The given nodes in dependency order (Kahn), ties in graph order. */
    static List<String> topological(Map<String, NodeDef> nodes, Set<String> keep, boolean body) {
        Map<String, Integer> pending = new HashMap<>();
        Map<String, List<String>> consumers = new HashMap<>();
        for (String name : keep) {
            Set<String> deps = new HashSet<>();
            for (String in : nodes.get(name).getInputList()) {
                if (in.startsWith("^")) {
                    continue;
                }
                if (body && !in.contains(":")) {
                    continue; // a function argument
                }
                String d = nodeOf(in);
                if (keep.contains(d) && !d.equals(name)) {
                    deps.add(d);
                }
            }
            pending.put(name, deps.size());
            deps.forEach(d -> consumers.computeIfAbsent(d, k -> new ArrayList<>()).add(name));
        }
        List<String> order = new ArrayList<>();
        Deque<String> ready = new ArrayDeque<>();
        for (String name : nodes.keySet()) {
            if (keep.contains(name) && pending.get(name) == 0) {
                ready.add(name);
            }
        }
        while (!ready.isEmpty()) {
            String name = ready.poll();
            order.add(name);
            for (String c : consumers.getOrDefault(name, List.of())) {
                if (pending.merge(c, -1, Integer::sum) == 0) {
                    ready.add(c);
                }
            }
        }
        if (order.size() != keep.size()) { // a cycle (TF1 while loop): the rest in graph order
            Set<String> placed = new HashSet<>(order);
            nodes.keySet().stream().filter(k -> keep.contains(k) && !placed.contains(k)).forEach(order::add);
        }
        return order;
    }

    static DataType dtypeOf(NodeDef n) {
        AttrValue v = n.getAttrMap().get("dtype");
        return v == null ? DataType.DT_INVALID : v.getType();
    }
}
