package org.coact.plugin.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorAnnotation;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Value names that ONNX Runtime's Java API can carry. Its JNI layer passes names as
 * <em>modified</em> UTF-8 ({@code GetStringUTFChars}, {@code NewStringUTF}), which differs from
 * the UTF-8 in the model file for characters outside the Basic Multilingual Plane (an emoji is
 * two 3-byte surrogates instead of one 4-byte sequence) and for NUL (two bytes; ORT's C API also
 * ends a name at NUL). A value named after a node such as {@code /emoji 😀/Relu} could then
 * neither be fetched nor found among the session's outputs: its shape came out {@code [-1]} and
 * the run failed. So before any session is made, every value (graph input, output, initializer,
 * sparse initializer, value_info, node input and output, in the main graph and every control-flow body) whose name
 * holds such a character is renamed, in memory only, to an ASCII alias {@code coact.value.<k>}
 * not used elsewhere in the model; node names, which ORT's Java API never passes, are kept. The
 * plugin talks to ONNX Runtime in internal (aliased) names and to Coact in the file's names.
 * Models without such names (nearly all) are left as they are.
 */
final class ValueNames {

    private static final ValueNames NONE = new ValueNames(Map.of());

    private final Map<String, String> toInternal;
    private final Map<String, String> toExternal;

    private ValueNames(Map<String, String> toInternal) {
        this.toInternal = Map.copyOf(toInternal);
        Map<String, String> back = new HashMap<>();
        toInternal.forEach((external, internal) -> back.put(internal, external));
        this.toExternal = Map.copyOf(back);
    }

    /** The model with its value names made portable, and the names it uses for them. */
    record Portable(ModelProto model, ValueNames names) {
    }

    /**
     * @param name a value name from a model file
     * @return whether ONNX Runtime's Java API passes it unchanged: no NUL, no character
     *     outside the BMP
     */
    static boolean portable(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == 0 || Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param model a parsed model
     * @return it with every non-portable value name aliased (the same instance when none is)
     */
    static Portable of(ModelProto model) {
        Set<String> all = new HashSet<>();
        collect(model.getGraph(), all);
        Map<String, String> aliases = new LinkedHashMap<>();
        int k = 0;
        for (String name : all.stream().sorted().toList()) {
            if (!portable(name)) {
                String alias;
                do {
                    alias = "coact.value." + k++;
                } while (all.contains(alias));
                aliases.put(name, alias);
            }
        }
        if (aliases.isEmpty()) {
            return new Portable(model, NONE);
        }
        UnaryOperator<String> rename = n -> aliases.getOrDefault(n, n);
        ModelProto.Builder b = model.toBuilder();
        b.setGraph(rename(model.getGraph(), rename));
        return new Portable(b.build(), new ValueNames(aliases));
    }

    /**
     * @param external a value name as the file spells it
     * @return the name ONNX Runtime sees
     */
    String internal(String external) {
        return toInternal.getOrDefault(external, external);
    }

    /**
     * @param internal a value name as ONNX Runtime sees it
     * @return the name the file gives it
     */
    String external(String internal) {
        return toExternal.getOrDefault(internal, internal);
    }

    /** @return how many value names were aliased */
    int aliased() {
        return toInternal.size();
    }

    private static void collect(GraphProto g, Set<String> names) {
        g.getInputList().forEach(v -> names.add(v.getName()));
        g.getOutputList().forEach(v -> names.add(v.getName()));
        g.getValueInfoList().forEach(v -> names.add(v.getName()));
        g.getInitializerList().forEach(t -> names.add(t.getName()));
        g.getSparseInitializerList().forEach(t -> names.add(t.getValues().getName()));
        for (NodeProto n : g.getNodeList()) {
            names.addAll(n.getInputList());
            names.addAll(n.getOutputList());
            for (AttributeProto a : n.getAttributeList()) {
                if (a.hasG()) {
                    collect(a.getG(), names);
                }
                a.getGraphsList().forEach(body -> collect(body, names));
            }
        }
    }

    private static GraphProto rename(GraphProto g, UnaryOperator<String> rename) {
        GraphProto.Builder b = g.toBuilder();
        renameInfos(b.getInputBuilderList(), rename);
        renameInfos(b.getOutputBuilderList(), rename);
        renameInfos(b.getValueInfoBuilderList(), rename);
        for (TensorProto.Builder t : b.getInitializerBuilderList()) {
            t.setName(rename.apply(t.getName()));
        }
        for (ai.onnx.proto.OnnxMl.SparseTensorProto.Builder t : b.getSparseInitializerBuilderList()) {
            t.getValuesBuilder().setName(rename.apply(t.getValues().getName()));
        }
        for (TensorAnnotation.Builder t : b.getQuantizationAnnotationBuilderList()) {
            t.setTensorName(rename.apply(t.getTensorName()));
        }
        for (NodeProto.Builder n : b.getNodeBuilderList()) {
            for (int i = 0; i < n.getInputCount(); i++) {
                n.setInput(i, rename.apply(n.getInput(i)));
            }
            for (int i = 0; i < n.getOutputCount(); i++) {
                n.setOutput(i, rename.apply(n.getOutput(i)));
            }
            for (AttributeProto.Builder a : n.getAttributeBuilderList()) {
                if (a.hasG()) {
                    a.setG(rename(a.getG(), rename));
                }
                for (int i = 0; i < a.getGraphsCount(); i++) {
                    a.setGraphs(i, rename(a.getGraphs(i), rename));
                }
            }
        }
        return b.build();
    }

    private static void renameInfos(List<ValueInfoProto.Builder> infos, UnaryOperator<String> rename) {
        for (ValueInfoProto.Builder v : infos) {
            v.setName(rename.apply(v.getName()));
        }
    }
}
