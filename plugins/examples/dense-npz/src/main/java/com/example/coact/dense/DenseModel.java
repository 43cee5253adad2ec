package com.example.coact.dense;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.coact.api.CoactException;
import org.coact.api.ConfigException;
import org.coact.api.FloatTensor;
import org.coact.api.format.BatchResult;
import org.coact.api.format.DType;
import org.coact.api.format.ExtractionRequest;
import org.coact.api.format.Extractor;
import org.coact.api.format.Inputs;
import org.coact.api.format.LayerInfo;
import org.coact.api.format.LayerRole;
import org.coact.api.format.ModelDescription;
import org.coact.api.format.ModelHandle;
import org.coact.api.format.Names;
import org.coact.api.format.TensorSpec;

/**
 * An opened dense network. Layers, in forward order: {@code dense<i>/linear} and
 * {@code dense<i>/<activation>} for each hidden layer (the latter is what {@code auto} picks),
 * then {@code logits}, the model output. Everything is computed in float32, one dot product at a
 * time, so a batch of any size gives the same values.
 */
final class DenseModel implements ModelHandle {

    private final Path path;
    private final Activation activation;
    private final List<float[]> weights;
    private final List<float[]> biases;
    private final List<int[]> shapes;
    private final ModelDescription description;
    private volatile boolean closed;

    DenseModel(Path path, Activation activation, List<float[]> weights, List<float[]> biases, List<int[]> shapes) {
        this.path = path;
        this.activation = activation;
        this.weights = List.copyOf(weights);
        this.biases = List.copyOf(biases);
        this.shapes = List.copyOf(shapes);
        List<LayerInfo> layers = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            long[] out = {-1, shapes.get(i)[1]};
            if (i < shapes.size() - 1) {
                layers.add(new LayerInfo(linear(i), "Linear", out, -1, Set.of()));
                layers.add(new LayerInfo(activated(i), activation.opType(), out, -1, Set.of(LayerRole.ACTIVATION)));
            } else {
                layers.add(new LayerInfo("logits", "Linear", out, -1, Set.of(LayerRole.MODEL_OUTPUT)));
            }
        }
        this.description = new ModelDescription(
                List.of(new TensorSpec("x", DType.FLOAT32, new long[] {-1, shapes.get(0)[0]})),
                List.of(new TensorSpec("logits", DType.FLOAT32, new long[] {-1, shapes.get(shapes.size() - 1)[1]})),
                layers);
    }

    private static String linear(int i) {
        return "dense" + (i + 1) + "/linear";
    }

    private String activated(int i) {
        return "dense" + (i + 1) + "/" + activation.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public ModelDescription describe() {
        if (closed) {
            throw new IllegalStateException("model " + path + " is closed");
        }
        return description;
    }

    @Override
    public Extractor extractor(ExtractionRequest request) throws CoactException {
        Set<String> known = new HashSet<>();
        description.layers().forEach(l -> known.add(l.name()));
        for (String name : request.layers()) {
            if (!known.contains(name)) {
                throw new ConfigException("unknown layer '" + name + "' in " + path + Names.didYouMean(name, known));
            }
        }
        if (!request.output().equals("logits")) {
            throw new ConfigException("unknown output '" + request.output() + "' in " + path + "; outputs: [logits]");
        }
        Set<String> wanted = Set.copyOf(request.layers());
        return new Extractor() {
            private boolean open = true;

            @Override
            public BatchResult run(Map<String, FloatTensor> inputs) throws CoactException {
                if (!open || closed) {
                    throw new IllegalStateException("extractor of " + path + " is closed");
                }
                int batch = Inputs.checkFeed(path.toString(), description.inputs(), inputs);
                Map<String, FloatTensor> out = new LinkedHashMap<>();
                float[] h = inputs.get("x").data();
                FloatTensor logits = null;
                for (int i = 0; i < shapes.size(); i++) {
                    float[] z = affine(h, batch, i);
                    long[] shape = {batch, shapes.get(i)[1]};
                    if (i == shapes.size() - 1) {
                        logits = new FloatTensor(shape, z);
                        if (wanted.contains("logits")) {
                            out.put("logits", logits);
                        }
                        break;
                    }
                    if (wanted.contains(linear(i))) {
                        out.put(linear(i), new FloatTensor(shape, z.clone()));
                    }
                    for (int k = 0; k < z.length; k++) {
                        z[k] = activation.apply(z[k]);
                    }
                    if (wanted.contains(activated(i))) {
                        out.put(activated(i), new FloatTensor(shape, z));
                    }
                    h = z;
                }
                return new BatchResult(logits, out);
            }

            @Override
            public void close() {
                open = false;
            }
        };
    }

    /** {@code h W + b} for one layer, float32, each dot product summed in input order. */
    private float[] affine(float[] h, int batch, int layer) {
        int in = shapes.get(layer)[0];
        int outs = shapes.get(layer)[1];
        float[] w = weights.get(layer);
        float[] b = biases.get(layer);
        float[] z = new float[batch * outs];
        for (int s = 0; s < batch; s++) {
            for (int o = 0; o < outs; o++) {
                float sum = 0f;
                for (int i = 0; i < in; i++) {
                    sum += h[s * in + i] * w[i * outs + o];
                }
                z[s * outs + o] = sum + b[o];
            }
        }
        return z;
    }

    @Override
    public void close() {
        closed = true;
    }
}
