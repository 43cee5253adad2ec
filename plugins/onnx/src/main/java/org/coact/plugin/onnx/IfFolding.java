package org.coact.plugin.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces each top-level {@code If} whose condition is constant, once some inputs are fixed
 * ({@code inputs: {sr: 16000}}), by its taken branch: the branch's nodes and initializers move
 * into the main graph where the If was, and an {@code Identity} per output gives the branch's
 * outputs the If's output names. Repeats until no If folds (a folded branch may hold Ifs of its
 * own). The condition is evaluated on scalars only, through the ops such conditions are made of
 * (comparisons, logic, casts, arithmetic, reshapes of one value). A branch whose value names
 * collide with the main graph's is left alone. Works on a copy; the file is never modified.
 */
final class IfFolding {

    private static final Logger LOG = LoggerFactory.getLogger(IfFolding.class);

    private IfFolding() {
    }

    /**
     * @param graph the model
     * @param fixed input name to its (scalar or fill) value
     * @return the folded model, and how many Ifs were folded
     */
    static Folded fold(OnnxGraph graph, Map<String, Double> fixed) {
        ModelProto model = graph.model();
        int total = 0;
        // each pass folds every If it can decide; an inlined branch's own Ifs wait for the next
        // pass, so the passes are bounded by the nesting depth, not by the number of Ifs
        for (int depth = 0; depth < MAX_NESTING; depth++) {
            Pass pass = foldPass(graph, model, fixed);
            if (pass.folded() == 0) {
                break;
            }
            total += pass.folded();
            model = pass.model();
            graph = graph.withModel(model);
        }
        return new Folded(model, total);
    }

    /** Nesting levels of If inside If folded at most. */
    private static final int MAX_NESTING = 32;

    /**
     * @param model the rewritten model
     * @param folded the number of If nodes replaced
     */
    record Folded(ModelProto model, int folded) {
    }

    private record Pass(ModelProto model, int folded) {
    }

    private static Pass foldPass(OnnxGraph graph, ModelProto model, Map<String, Double> fixed) {
        GraphProto g = model.getGraph();
        Map<String, NodeProto> producer = new HashMap<>();
        Set<String> names = new HashSet<>();
        for (NodeProto n : g.getNodeList()) {
            for (String o : n.getOutputList()) {
                producer.put(o, n);
                names.add(o);
            }
        }
        g.getInputList().forEach(v -> names.add(v.getName()));
        g.getInitializerList().forEach(t -> names.add(t.getName()));
        GraphProto.Builder b = g.toBuilder().clearNode();
        int folded = 0;
        for (NodeProto n : g.getNodeList()) {
            GraphProto branch = n.getOpType().equals("If") && n.getInputCount() >= 1
                    ? takenBranch(n, graph, producer, fixed) : null;
            if (branch == null || collides(branch, names)) {
                if (branch != null) {
                    LOG.debug("onnx: not folding If node {}: its branch reuses value names of the graph", n.getName());
                }
                b.addNode(n);
                continue;
            }
            b.addAllNode(branch.getNodeList());
            for (int k = 0; k < n.getOutputCount(); k++) {
                if (!n.getOutput(k).isEmpty()) {
                    b.addNode(NodeProto.newBuilder().setName(n.getName() + "_" + branch.getName() + "_output_" + k)
                            .setOpType("Identity").addInput(branch.getOutput(k).getName()).addOutput(n.getOutput(k)));
                }
            }
            b.addAllInitializer(branch.getInitializerList());
            b.addAllValueInfo(branch.getValueInfoList());
            branch.getNodeList().forEach(x -> names.addAll(x.getOutputList()));
            branch.getInitializerList().forEach(t -> names.add(t.getName()));
            folded++;
            LOG.debug("onnx: If node {} folded to its {} ({} nodes)", n.getName(), branch.getName(), branch.getNodeCount());
        }
        return folded == 0 ? new Pass(model, 0) : new Pass(model.toBuilder().setGraph(b).build(), folded);
    }

    /** The branch an If takes with the fixed inputs, or null if its condition is not constant. */
    private static GraphProto takenBranch(NodeProto n, OnnxGraph graph, Map<String, NodeProto> producer,
            Map<String, Double> fixed) {
        OptionalDouble cond = evaluate(n.getInput(0), graph, producer, fixed, 0);
        if (cond.isEmpty()) {
            LOG.debug("onnx: the condition of If node {} is not constant with the inputs given", n.getName());
            return null;
        }
        String branchName = cond.getAsDouble() != 0 ? "then_branch" : "else_branch";
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals(branchName) && a.hasG() && a.getG().getOutputCount() == n.getOutputCount()) {
                // named after the attribute, so the Identity nodes read "/If_then_branch_output_0"
                return a.getG().toBuilder().setName(branchName).build();
            }
        }
        return null;
    }

    private static boolean collides(GraphProto branch, Set<String> names) {
        for (NodeProto n : branch.getNodeList()) {
            for (String o : n.getOutputList()) {
                if (names.contains(o)) {
                    return true;
                }
            }
        }
        for (TensorProto t : branch.getInitializerList()) {
            if (names.contains(t.getName())) {
                return true;
            }
        }
        for (ValueInfoProto v : branch.getInputList()) {
            if (names.contains(v.getName())) {
                return true;
            }
        }
        return false;
    }

    /** The scalar value of {@code value}, if it follows from constants and the fixed inputs. */
    private static OptionalDouble evaluate(String value, OnnxGraph graph, Map<String, NodeProto> producer,
            Map<String, Double> fixed, int depth) {
        if (depth > 32) {
            return OptionalDouble.empty();
        }
        if (fixed.containsKey(value)) {
            return OptionalDouble.of(fixed.get(value));
        }
        OptionalDouble c = graph.scalarConstant(value);
        if (c.isPresent()) {
            return c;
        }
        NodeProto p = producer.get(value);
        if (p == null) {
            return OptionalDouble.empty();
        }
        List<Double> in = new ArrayList<>();
        int operands = switch (p.getOpType()) {
            case "Squeeze", "Unsqueeze", "Reshape", "Identity", "Cast", "Not", "Neg", "Flatten" -> 1;
            default -> p.getInputCount();
        };
        for (int k = 0; k < operands; k++) {
            OptionalDouble v = evaluate(p.getInput(k), graph, producer, fixed, depth + 1);
            if (v.isEmpty()) {
                return OptionalDouble.empty();
            }
            in.add(v.getAsDouble());
        }
        return switch (p.getOpType()) {
            case "Identity", "Squeeze", "Unsqueeze", "Reshape", "Flatten" -> OptionalDouble.of(in.get(0));
            case "Cast" -> cast(p, in.get(0));
            case "Not" -> OptionalDouble.of(in.get(0) == 0 ? 1 : 0);
            case "Neg" -> OptionalDouble.of(-in.get(0));
            case "Equal" -> bool(in.get(0).doubleValue() == in.get(1).doubleValue());
            case "Greater" -> bool(in.get(0) > in.get(1));
            case "Less" -> bool(in.get(0) < in.get(1));
            case "GreaterOrEqual" -> bool(in.get(0) >= in.get(1));
            case "LessOrEqual" -> bool(in.get(0) <= in.get(1));
            case "And" -> bool(in.get(0) != 0 && in.get(1) != 0);
            case "Or" -> bool(in.get(0) != 0 || in.get(1) != 0);
            case "Xor" -> bool((in.get(0) != 0) != (in.get(1) != 0));
            case "Add" -> OptionalDouble.of(in.get(0) + in.get(1));
            case "Sub" -> OptionalDouble.of(in.get(0) - in.get(1));
            case "Mul" -> OptionalDouble.of(in.get(0) * in.get(1));
            default -> OptionalDouble.empty();
        };
    }

    private static OptionalDouble bool(boolean b) {
        return OptionalDouble.of(b ? 1 : 0);
    }

    private static OptionalDouble cast(NodeProto p, double v) {
        for (AttributeProto a : p.getAttributeList()) {
            if (a.getName().equals("to")) {
                int to = (int) a.getI();
                if (to == TensorProto.DataType.BOOL_VALUE) {
                    return bool(v != 0);
                }
                if (to == TensorProto.DataType.FLOAT_VALUE || to == TensorProto.DataType.DOUBLE_VALUE) {
                    return OptionalDouble.of(v);
                }
                return OptionalDouble.of(v < 0 ? Math.ceil(v) : Math.floor(v));
            }
        }
        return OptionalDouble.empty();
    }
}
