package org.coact.runner.pipeline;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coact.analysis.ConstantInput;
import org.coact.api.ConfigException;
import org.coact.api.FloatTensor;
import org.coact.api.format.Inputs;
import org.coact.api.format.Names;
import org.coact.api.format.TensorSpec;

/**
 * The model inputs set in the config ({@code inputs:}) rather than read from the data: each is
 * fed with every batch in the shape {@link Inputs#batchShape} gives, filled with its value. A scalar input ({@code sr} declared {@code []}) is a scalar; a state input declared
 * {@code [2, -1, 64]} is {@code [2, b, 64]}. Tensors are built once per batch size. Not
 * thread-safe.
 */
final class ConstantFeeds {

    private record Feed(TensorSpec spec, boolean anyFree, float value) {
        String input() {
            return spec.name();
        }
    }

    private final List<Feed> feeds;
    private final Map<Integer, Map<String, FloatTensor>> byBatch = new HashMap<>();

    private ConstantFeeds(List<Feed> feeds) {
        this.feeds = feeds;
    }

    /**
     * @param model the model, for messages
     * @param inputs the model's inputs
     * @param constants the configured constants by input name
     * @return the plan
     * @throws ConfigException naming an input the model does not have, or one without a declared shape
     */
    static ConstantFeeds plan(Path model, List<TensorSpec> inputs, Map<String, ConstantInput> constants)
            throws ConfigException {
        Map<String, TensorSpec> byName = new LinkedHashMap<>();
        inputs.forEach(i -> byName.put(i.name(), i));
        List<Feed> feeds = new java.util.ArrayList<>();
        for (Map.Entry<String, ConstantInput> e : constants.entrySet()) {
            TensorSpec spec = byName.get(e.getKey());
            if (spec == null) {
                throw new ConfigException("inputs: model " + model + " has no input '" + e.getKey() + "'; its inputs are "
                        + byName.keySet() + Names.didYouMean(e.getKey(), byName.keySet()));
            }
            boolean anyFree = inputs.stream().anyMatch(TensorSpec::dynamicBatch);
            if (Inputs.batchShape(spec, 1, anyFree).isEmpty()) {
                throw new ConfigException("inputs: input '" + e.getKey() + "' of " + model + " declares "
                        + java.util.Arrays.toString(spec.shape()) + ", no shape or a free axis besides the batch, so a "
                        + "constant cannot be shaped for it; feed it from the dataset instead");
            }
            float v = (float) e.getValue().value();
            if (v != e.getValue().value()) {
                throw new ConfigException("inputs: the value " + e.getValue().value() + " for input '" + e.getKey()
                        + "' is not exact in float32; Coact feeds inputs as float32 (whole numbers up to 2^24 are exact)");
            }
            feeds.add(new Feed(spec, anyFree, v));
        }
        if (!inputs.isEmpty() && feeds.size() == inputs.size()) {
            throw new ConfigException("inputs: every input of " + model + " (" + byName.keySet() + ") is set in the "
                    + "config, so nothing would be read from the dataset; leave at least one input to the data");
        }
        return new ConstantFeeds(List.copyOf(feeds));
    }

    /** @return the names of the inputs set here */
    java.util.Set<String> inputs() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        feeds.forEach(f -> names.add(f.input()));
        return names;
    }

    /** @return whether there is nothing to add */
    boolean isEmpty() {
        return feeds.isEmpty();
    }

    /**
     * @param batch the batch size
     * @return input name to tensor, the same objects for every batch of this size
     */
    Map<String, FloatTensor> forBatch(int batch) {
        return byBatch.computeIfAbsent(batch, b -> {
            Map<String, FloatTensor> m = new LinkedHashMap<>();
            for (Feed f : feeds) {
                long[] shape = Inputs.batchShape(f.spec(), b, f.anyFree()).orElseThrow();
                long n = Arrays.stream(shape).reduce(1, Math::multiplyExact);
                float[] data = new float[Math.toIntExact(n)];
                Arrays.fill(data, f.value());
                m.put(f.input(), new FloatTensor(shape, data));
            }
            return Map.copyOf(m);
        });
    }
}
