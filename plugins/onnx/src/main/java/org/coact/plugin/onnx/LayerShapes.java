package org.coact.plugin.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.coact.api.FloatTensor;
import org.coact.api.format.DType;
import org.coact.api.format.Inputs;
import org.coact.api.format.TensorSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Element types and shapes of inner values, as ONNX Runtime infers them once they are graph
 * outputs. Where static inference gives no shape (e.g. after a {@code Reshape} whose target is
 * computed from {@code Shape}), one batch of a single zero sample is run and the observed shape
 * is used, with the batch axis reported as {@code -1}.
 */
final class LayerShapes {

    /** Float element types: only values of these types are layers. */
    static final Set<OnnxJavaType> FLOAT_TYPES =
            EnumSet.of(OnnxJavaType.FLOAT, OnnxJavaType.DOUBLE, OnnxJavaType.FLOAT16, OnnxJavaType.BFLOAT16);

    private static final Logger LOG = LoggerFactory.getLogger(LayerShapes.class);

    /**
     * @param type element type
     * @param shape dimensions, {@code -1} where dynamic; empty when unknown
     */
    record Inferred(OnnxJavaType type, long[] shape) {
    }

    private LayerShapes() {
    }

    /**
     * @param graph the model
     * @param sessions session factory
     * @param values value names to type and shape
     * @return what ONNX Runtime knows about each value; empty if it cannot prepare the model
     */
    static Map<String, Inferred> infer(OnnxGraph graph, Sessions sessions, Collection<String> values) {
        Map<String, Inferred> out = new HashMap<>();
        try (OrtSession s = sessions.openQuietly(graph.withOutputs(new LinkedHashSet<>(values)))) {
            List<String> unknown = new ArrayList<>();
            for (Map.Entry<String, NodeInfo> e : s.getOutputInfo().entrySet()) {
                if (e.getValue().getInfo() instanceof TensorInfo t) {
                    out.put(e.getKey(), new Inferred(t.type, t.getShape()));
                    if (t.getShape().length == 0 && FLOAT_TYPES.contains(t.type)) {
                        unknown.add(e.getKey());
                    }
                }
            }
            if (!unknown.isEmpty()) {
                observe(graph, sessions, s, unknown, out);
            }
        } catch (OrtException e) {
            LOG.warn("onnx: ONNX Runtime cannot infer layer shapes of {} ({}); using the declared ones", graph.path(),
                    OnnxGraph.firstSentence(e.getMessage()));
        }
        return out;
    }

    /** Runs one zero sample to observe the shapes static inference left open. */
    private static void observe(OnnxGraph graph, Sessions sessions, OrtSession s, List<String> unknown,
            Map<String, Inferred> out) {
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
            boolean anyFree = graph.inputs().stream().anyMatch(TensorSpec::dynamicBatch);
            for (TensorSpec spec : graph.inputs()) {
                Optional<FloatTensor> z = zeros(spec, 1, anyFree);
                if (z.isEmpty()) {
                    return;
                }
                feed.put(spec.name(), Tensors.toOnnx(sessions.env(), z.get(), spec));
            }
            try (OrtSession.Result r = s.run(feed, new LinkedHashSet<>(unknown))) {
                for (Map.Entry<String, OnnxValue> e : r) {
                    if (e.getValue() instanceof OnnxTensor t) {
                        long[] shape = t.getInfo().getShape();
                        if (shape.length > 0 && shape[0] == 1) {
                            shape[0] = -1;
                        }
                        out.put(e.getKey(), new Inferred(t.getInfo().type, shape));
                    }
                }
            }
        } catch (OrtException | org.coact.api.DataException | RuntimeException e) {
            LOG.debug("onnx: cannot observe layer shapes of {} ({})", graph.path(), OnnxGraph.firstSentence(e.getMessage()));
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    /**
     * A batch of zeros for a model input, if one can be made: a numeric or boolean input whose
     * axes are all fixed but the batch axis. A scalar input gets a scalar; an input that does
     * not carry the batch ({@link Inputs#carriesBatch}, e.g. a state {@code [2, -1, 64]}) gets
     * its free axes set to the batch size.
     *
     * @param spec the input
     * @param batch the batch size
     * @param anyFree whether some input of the model has a free first axis
     * @return the zeros, or empty if the input's type or shape does not allow it
     */
    static Optional<FloatTensor> zeros(TensorSpec spec, int batch, boolean anyFree) {
        if (spec.dtype() == DType.OTHER) {
            return Optional.empty();
        }
        return Inputs.batchShape(spec, batch, anyFree)
                .map(shape -> new FloatTensor(shape, new float[Math.toIntExact(Arrays.stream(shape)
                        .reduce(1, Math::multiplyExact))]));
    }
}
