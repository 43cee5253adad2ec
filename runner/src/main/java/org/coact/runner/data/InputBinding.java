package org.coact.runner.data;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coact.api.DataException;
import org.coact.api.format.TensorSpec;

/**
 * Decides which dataset array feeds which model input, and what per-sample shape each
 * input takes. Deterministic; linear in the number of inputs and arrays.
 */
public final class InputBinding {
    private InputBinding() {
    }

    /**
     * Binds model inputs to arrays.
     * <ul>
     *   <li>One input: the features array ({@code x}) if present, else the array named after
     *       the input, else the only array that is not the labels array. A features array
     *       named other than {@code x} (config key {@code data.features}) must be present.</li>
     *   <li>Several inputs: for each, the array named after it.</li>
     * </ul>
     *
     * @param modelInputs the model's inputs, at least one
     * @param d the dataset
     * @return model input name to array name, in input order
     * @throws DataException "data &lt;file&gt; has no array '&lt;input&gt;' for model input
     *     '&lt;input&gt;'; arrays present: [...]" when no array fits
     */
    public static Map<String, String> bind(List<TensorSpec> modelInputs, Dataset d) throws DataException {
        if (modelInputs.isEmpty()) {
            throw new IllegalArgumentException("the model declares no inputs");
        }
        List<String> arrays = d.arrays();
        Map<String, String> binding = new LinkedHashMap<>();
        if (modelInputs.size() == 1) {
            String input = modelInputs.get(0).name();
            String features = d.options().featuresKey();
            if (!features.equals(DatasetOptions.defaults().featuresKey()) && !arrays.contains(features)) {
                // a name the user chose is never silently replaced by another array
                throw new DataException("data " + d.location() + " has no array '" + features
                        + "' (config key data.features); arrays present: " + arrays);
            }
            List<String> candidates = arrays.stream().filter(a -> !a.equals(d.options().labelsKey())).toList();
            String chosen = arrays.contains(features) ? features
                    : arrays.contains(input) ? input
                    : candidates.size() == 1 ? candidates.get(0) : null;
            if (chosen == null) {
                throw new DataException("data " + d.location() + " has no array '" + features + "' or '" + input
                        + "' for model input '" + input + "'; arrays present: " + arrays);
            }
            binding.put(input, chosen);
            return binding;
        }
        for (TensorSpec spec : modelInputs) {
            if (!arrays.contains(spec.name())) {
                throw new DataException("data " + d.location() + " has no array '" + spec.name()
                        + "' for model input '" + spec.name() + "'; arrays present: " + arrays);
            }
            binding.put(spec.name(), spec.name());
        }
        return binding;
    }

    /**
     * The per-sample shapes of model inputs: each declared shape without its first (batch)
     * axis, e.g. {@code [-1,1,28,28]} gives {@code [1,28,28]}. Other {@code -1}s stay.
     *
     * @param modelInputs the model's inputs
     * @return input name to per-sample shape, in input order
     */
    public static Map<String, long[]> sampleShapes(List<TensorSpec> modelInputs) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (TensorSpec s : modelInputs) {
            long[] shape = s.shape();
            shapes.put(s.name(), shape.length == 0 ? shape : Arrays.copyOfRange(shape, 1, shape.length));
        }
        return shapes;
    }
}
