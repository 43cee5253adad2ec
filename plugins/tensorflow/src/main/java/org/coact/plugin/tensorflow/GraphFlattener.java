package org.coact.plugin.tensorflow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.coact.api.CoactException;
import org.coact.api.ModelException;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;
import org.tensorflow.proto.TensorProto;

/**
 * Turns a function-style (Keras/TF2) SavedModel graph into a plain graph whose inner ops can be
 * fetched by name. Starting from a signature's outputs, every {@code StatefulPartitionedCall},
 * {@code PartitionedCall} or direct function-op node is replaced by the called
 * {@code FunctionDef}'s body, recursively, with the body's arguments wired to the caller's
 * inputs; each {@code ReadVariableOp} of a captured variable becomes a {@code Const} holding the
 * variable's value, read once from the loaded session. Inner node names are kept (e.g.
 * {@code sequential/dense/Relu}); a name used twice gets a {@code _1}, {@code _2}... suffix.
 * Control edges are dropped: with variables frozen to constants, the inference ops only need
 * their data inputs. Only nodes the signature's outputs depend on are kept.
 *
 * <p>Linear in the number of nodes reached (function bodies count once per call).
 */
final class GraphFlattener {

    /** Reads the current value of a top-level variable node. */
    @FunctionalInterface
    interface VariableReader {
        /**
         * @param variableNode name of a {@code VarHandleOp} or {@code VariableV2} node of the top-level graph
         * @return its value
         * @throws CoactException if it cannot be read
         */
        TensorProto read(String variableNode) throws CoactException;
    }

    /**
     * The flattened graph.
     *
     * @param graph the plain graph (the original function library is kept for control-flow ops)
     * @param tensors original top-level tensor name ({@code op:index}) to flattened tensor name, for
     *     the signature's inputs and outputs
     * @param inlinedCalls how many function calls were inlined
     */
    record Flat(GraphDef graph, Map<String, String> tensors, int inlinedCalls) {
    }

    static final Set<String> CALL_OPS = Set.of("StatefulPartitionedCall", "PartitionedCall");
    private static final Set<String> VARIABLE_OPS = Set.of("VarHandleOp", "VariableV2", "Variable");

    /** What a flattened node stands for: a tensor or a variable. */
    private sealed interface Binding permits TensorRef, VarRef {
    }

    private record TensorRef(String name) implements Binding {
    }

    private record VarRef(String node, boolean resource) implements Binding {
    }

    /** A processed node's outputs. */
    private interface Outputs {
        Binding flat(int index) throws CoactException;

        Binding named(String arg, int index) throws CoactException;
    }

    private final GraphDef source;
    private final Map<String, NodeDef> top = new HashMap<>();
    private final Map<String, FunctionDef> library = new HashMap<>();
    private final Map<String, OpDef> opDefs;
    private final VariableReader reader;
    private final String model;
    private final GraphDef.Builder out = GraphDef.newBuilder();
    private final Set<String> used = new HashSet<>();
    private final Map<String, String> varConsts = new HashMap<>();
    private int inlined;
    private int depth;

    private GraphFlattener(GraphDef source, Map<String, OpDef> opDefs, VariableReader reader, String model) {
        this.source = source;
        this.opDefs = opDefs;
        this.reader = reader;
        this.model = model;
        source.getNodeList().forEach(n -> top.put(n.getName(), n));
        source.getLibrary().getFunctionList().forEach(f -> library.put(f.getSignature().getName(), f));
    }

    /**
     * @param graph a top-level graph with its function library
     * @param outputs the signature's output tensors
     * @return whether computing the outputs goes through a function call
     */
    static boolean callsFunctions(GraphDef graph, Collection<String> outputs) {
        Map<String, NodeDef> nodes = new HashMap<>();
        graph.getNodeList().forEach(n -> nodes.put(n.getName(), n));
        Set<String> functions = new HashSet<>();
        graph.getLibrary().getFunctionList().forEach(f -> functions.add(f.getSignature().getName()));
        for (String name : GraphDefs.reachable(nodes, GraphDefs.nodeNames(outputs), Set.of())) {
            NodeDef n = nodes.get(name);
            if (CALL_OPS.contains(n.getOp()) || functions.contains(n.getOp())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Flattens the part of the graph between the inputs and the outputs.
     *
     * @param graph the top-level graph with its function library
     * @param inputs the signature's input tensors and their declared types and shapes, as Placeholder attrs
     * @param outputs the signature's output tensors
     * @param opDefs the registered ops, to number the outputs of body nodes
     * @param reader reads variable values
     * @param model the model, for messages
     * @return the flat graph
     * @throws CoactException if a function or variable cannot be inlined
     */
    static Flat flatten(GraphDef graph, Map<String, Map<String, AttrValue>> inputs, Collection<String> outputs,
            Map<String, OpDef> opDefs, VariableReader reader, String model) throws CoactException {
        return new GraphFlattener(graph, opDefs, reader, model).run(inputs, outputs);
    }

    private Flat run(Map<String, Map<String, AttrValue>> inputs, Collection<String> outputs) throws CoactException {
        Map<String, String> tensors = new LinkedHashMap<>();
        Map<String, Outputs> done = new HashMap<>();
        Set<String> inputNodes = GraphDefs.nodeNames(inputs.keySet());
        for (Map.Entry<String, Map<String, AttrValue>> e : inputs.entrySet()) {
            String node = GraphDefs.nodeOf(e.getKey());
            if (done.containsKey(node)) {
                continue;
            }
            String name = unique(node);
            out.addNode(NodeDef.newBuilder().setName(name).setOp("Placeholder").putAllAttr(e.getValue()));
            done.put(node, plain(name, null));
            tensors.put(e.getKey(), name + ":0");
        }
        List<String> order = GraphDefs.topological(top, GraphDefs.reachable(top, GraphDefs.nodeNames(outputs), inputNodes), false);
        for (String name : order) {
            if (done.containsKey(name)) {
                continue;
            }
            NodeDef n = top.get(name);
            List<Binding> in = new ArrayList<>();
            for (String input : n.getInputList()) {
                if (!input.startsWith("^")) {
                    String[] p = GraphDefs.splitTop(input);
                    Outputs o = done.get(p[0]);
                    if (o == null) {
                        throw new ModelException("graph of " + model + ": node '" + name + "' reads '" + input
                                + "', which does not exist");
                    }
                    in.add(o.flat(Integer.parseInt(p[1])));
                }
            }
            done.put(name, process(n, in, true));
        }
        for (String t : outputs) {
            String[] p = GraphDefs.splitTop(t);
            Binding b = done.get(p[0]).flat(Integer.parseInt(p[1]));
            if (!(b instanceof TensorRef r)) {
                throw new ModelException("signature output '" + t + "' of " + model + " is a variable, not a tensor");
            }
            tensors.put(t, r.name());
        }
        out.setVersions(source.getVersions()).setLibrary(source.getLibrary());
        return new Flat(out.build(), tensors, inlined);
    }

    /** Processes one node whose data inputs are already resolved. */
    private Outputs process(NodeDef n, List<Binding> in, boolean topLevel) throws CoactException {
        String callee = callee(n);
        if (callee != null) {
            FunctionDef f = library.get(callee);
            if (f == null) {
                throw new ModelException("graph of " + model + ": '" + n.getName() + "' calls function '" + callee
                        + "', which is not in the SavedModel's function library");
            }
            List<Binding> results = inline(f, in);
            return new Outputs() {
                @Override
                public Binding flat(int index) {
                    return results.get(index);
                }

                @Override
                public Binding named(String arg, int index) throws CoactException {
                    if (CALL_OPS.contains(n.getOp()) && arg.equals("output")) {
                        return results.get(index);
                    }
                    for (int i = 0; i < f.getSignature().getOutputArgCount(); i++) {
                        if (f.getSignature().getOutputArg(i).getName().equals(arg)) {
                            return results.get(i + index);
                        }
                    }
                    throw new ModelException("function '" + callee + "' of " + model + " has no output '" + arg + "'");
                }
            };
        }
        if (topLevel && VARIABLE_OPS.contains(n.getOp())) {
            VarRef v = new VarRef(n.getName(), n.getOp().equals("VarHandleOp"));
            return constant(v);
        }
        List<String> flatInputs = new ArrayList<>();
        for (Binding b : in) {
            if (b instanceof VarRef v) {
                if (n.getOp().equals("Identity") && v.resource()) {
                    return constant(v); // a resource handle passed through
                }
                if (n.getOp().equals("ReadVariableOp") || n.getOp().equals("Identity")) {
                    String name = unique(n.getName());
                    out.addNode(constNode(name, reader.read(v.node())));
                    return plain(name, null);
                }
                if (v.resource()) {
                    throw new ModelException("graph of " + model + ": op " + n.getOp() + " '" + n.getName()
                            + "' uses variable '" + v.node() + "' directly; Coact inlines variables only when read"
                            + " through ReadVariableOp");
                }
                flatInputs.add(varConst(v) + ":0");
            } else {
                flatInputs.add(((TensorRef) b).name());
            }
        }
        for (Map.Entry<String, AttrValue> a : n.getAttrMap().entrySet()) {
            if (!a.getValue().getPlaceholder().isEmpty()) {
                throw new ModelException("graph of " + model + ": node '" + n.getName() + "' has attribute '" + a.getKey()
                        + "' bound to a function attribute; Coact cannot inline polymorphic functions");
            }
        }
        String name = unique(n.getName());
        out.addNode(n.toBuilder().setName(name).clearInput().addAllInput(flatInputs).clearDevice());
        return plain(name, n);
    }

    /** Inlines a function body; returns its outputs in signature order. */
    private List<Binding> inline(FunctionDef f, List<Binding> args) throws CoactException {
        String fname = f.getSignature().getName();
        if (args.size() != f.getSignature().getInputArgCount()) {
            throw new ModelException("graph of " + model + ": function '" + fname + "' takes "
                    + f.getSignature().getInputArgCount() + " inputs but is called with " + args.size());
        }
        if (++depth > 64) {
            throw new ModelException("graph of " + model + ": function calls nest deeper than 64 (recursion?) at '"
                    + fname + "'");
        }
        inlined++;
        Map<String, Binding> argMap = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            argMap.put(f.getSignature().getInputArg(i).getName(), args.get(i));
        }
        Map<String, NodeDef> body = new LinkedHashMap<>();
        f.getNodeDefList().forEach(n -> body.put(n.getName(), n));
        Set<String> roots = new LinkedHashSet<>();
        for (String r : f.getRetMap().values()) {
            String[] p = GraphDefs.splitBody(r);
            if (p != null) {
                roots.add(p[0]);
            }
        }
        Map<String, Outputs> done = new HashMap<>();
        for (String name : GraphDefs.topological(body, GraphDefs.reachable(body, roots, Set.of()), true)) {
            NodeDef n = body.get(name);
            List<Binding> in = new ArrayList<>();
            for (String input : n.getInputList()) {
                if (!input.startsWith("^")) {
                    in.add(resolveBody(input, argMap, done, fname));
                }
            }
            done.put(name, process(n, in, false));
        }
        List<Binding> results = new ArrayList<>();
        for (var arg : f.getSignature().getOutputArgList()) {
            String r = f.getRetMap().get(arg.getName());
            if (r == null) {
                throw new ModelException("function '" + fname + "' of " + model + " does not return '" + arg.getName() + "'");
            }
            results.add(resolveBody(r, argMap, done, fname));
        }
        depth--;
        return results;
    }

    private Binding resolveBody(String input, Map<String, Binding> args, Map<String, Outputs> done, String fname)
            throws CoactException {
        String[] p = GraphDefs.splitBody(input);
        if (p == null) {
            Binding b = args.get(input);
            if (b == null) {
                throw new ModelException("function '" + fname + "' of " + model + " reads unknown argument '" + input + "'");
            }
            return b;
        }
        Outputs o = done.get(p[0]);
        if (o == null) {
            throw new ModelException("function '" + fname + "' of " + model + " reads '" + input + "' of an unknown node");
        }
        return o.named(p[1], Integer.parseInt(p[2]));
    }

    /** Outputs of a copied node; named outputs are numbered with the op's OpDef. */
    private Outputs plain(String flatName, NodeDef original) {
        return new Outputs() {
            @Override
            public Binding flat(int index) {
                return new TensorRef(index == 0 ? flatName : flatName + ":" + index);
            }

            @Override
            public Binding named(String arg, int index) throws CoactException {
                if (original == null) {
                    return flat(index);
                }
                return flat(outputOffset(original, arg) + index);
            }
        };
    }

    private static Outputs constant(Binding b) {
        return new Outputs() {
            @Override
            public Binding flat(int index) {
                return b;
            }

            @Override
            public Binding named(String arg, int index) {
                return b;
            }
        };
    }

    /** Position of an op's named output argument among its flat outputs. */
    private int outputOffset(NodeDef n, String arg) throws CoactException {
        OpDef op = opDefs.get(n.getOp());
        if (op == null) {
            throw new ModelException("graph of " + model + ": op type '" + n.getOp() + "' of '" + n.getName()
                    + "' is not registered in this TensorFlow");
        }
        int offset = 0;
        for (OpDef.ArgDef a : op.getOutputArgList()) {
            if (a.getName().equals(arg)) {
                return offset;
            }
            if (!a.getNumberAttr().isEmpty()) {
                offset += (int) attr(n, op, a.getNumberAttr()).getI();
            } else if (!a.getTypeListAttr().isEmpty()) {
                offset += attr(n, op, a.getTypeListAttr()).getList().getTypeCount();
            } else {
                offset++;
            }
        }
        throw new ModelException("graph of " + model + ": op " + n.getOp() + " has no output '" + arg + "' (read from '"
                + n.getName() + "')");
    }

    private static AttrValue attr(NodeDef n, OpDef op, String name) {
        AttrValue v = n.getAttrMap().get(name);
        if (v != null) {
            return v;
        }
        for (OpDef.AttrDef a : op.getAttrList()) {
            if (a.getName().equals(name)) {
                return a.getDefaultValue();
            }
        }
        return AttrValue.getDefaultInstance();
    }

    private String varConst(VarRef v) throws CoactException {
        String name = varConsts.get(v.node());
        if (name == null) {
            name = unique(v.node());
            out.addNode(constNode(name, reader.read(v.node())));
            varConsts.put(v.node(), name);
        }
        return name;
    }

    private static NodeDef constNode(String name, TensorProto value) {
        return NodeDef.newBuilder().setName(name).setOp("Const")
                .putAttr("dtype", AttrValue.newBuilder().setType(value.getDtype()).build())
                .putAttr("value", AttrValue.newBuilder().setTensor(value).build()).build();
    }

    /** The function a node calls, or null. */
    private String callee(NodeDef n) {
        if (CALL_OPS.contains(n.getOp())) {
            AttrValue f = n.getAttrMap().get("f");
            return f == null ? null : f.getFunc().getName();
        }
        return library.containsKey(n.getOp()) ? n.getOp() : null;
    }

    private String unique(String name) {
        String u = name;
        for (int i = 1; !used.add(u); i++) {
            u = name + "_" + i;
        }
        return u;
    }
}
