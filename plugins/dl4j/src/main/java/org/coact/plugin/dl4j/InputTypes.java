package org.coact.plugin.dl4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.coact.api.ConfigException;
import org.coact.api.format.OpenOptions;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides the type (and so the array shape) of each network input, in this order:
 *
 * <ol>
 *   <li>the option {@code input-shape} (per-sample dimensions, e.g. {@code 1,28,28}; single-input
 *       networks only): rank 1 is a feature vector, rank 3 an image in the data format of the
 *       first convolution ({@code C,H,W} for NCHW, {@code H,W,C} for NHWC);
 *   <li>what the file says: a Keras input layer's shape, a {@code FeedForwardToCnnPreProcessor}, a
 *       first dense layer's {@code nIn};
 *   <li>for an input read by a convolution (a ModelSerializer zip does not store the image size):
 *       the smallest square image for which every stored {@code CnnToFeedForwardPreProcessor}
 *       sees the height, width and channels it was built for (e.g. 28x28 for the bundled CNN,
 *       whose flatten expects 16x7x7), searched up to 2048 pixels a side.
 * </ol>
 *
 * An input none of these settles keeps {@code -1} dimensions, which the runner reports.
 */
final class InputTypes {

    private static final Logger LOG = LoggerFactory.getLogger(InputTypes.class);
    private static final int MAX_SIDE = 2048;

    private InputTypes() {
    }

    /**
     * @param net the network
     * @param known types the file states (Keras), or {@code null}
     * @param options the user's options
     * @param path the model, for messages
     * @return one type per input; {@code null} entries for inputs whose shape stays unknown
     * @throws ConfigException if {@code input-shape} is malformed or does not fit
     */
    static List<InputType> resolve(Network net, List<InputType> known, OpenOptions options, Path path)
            throws ConfigException {
        int n = net.inputNames().size();
        String option = options.get("input-shape").orElse(null);
        if (option != null) {
            if (n != 1) {
                throw new ConfigException("option 'input-shape' applies to single-input models; " + path + " has inputs "
                        + net.inputNames());
            }
            return List.of(fromOption(option, net.convolutionalInputTemplates().get(0)));
        }
        List<InputType> types = new ArrayList<>(known != null ? known : net.declaredInputTypes());
        List<InputType> templates = net.convolutionalInputTemplates();
        for (int i = 0; i < n; i++) {
            if (types.get(i) == null && templates.get(i) != null) {
                types.set(i, smallestSquare(net, types, i, (InputType.InputTypeConvolutional) templates.get(i)));
                if (types.get(i) != null) {
                    LOG.debug("dl4j: {} input '{}' taken as {} (smallest image its stored shapes allow; "
                            + "override with --model-option input-shape=...)", path, net.inputNames().get(i), types.get(i));
                }
            }
        }
        return types;
    }

    private static InputType smallestSquare(Network net, List<InputType> types, int input,
            InputType.InputTypeConvolutional template) {
        if (types.stream().filter(t -> t == null).count() > 1) {
            return null;
        }
        for (int side = 1; side <= MAX_SIDE; side++) {
            InputType candidate = InputType.convolutional(side, side, template.getChannels(), template.getFormat());
            List<InputType> trial = new ArrayList<>(types);
            trial.set(input, candidate);
            try {
                if (net.consistentWith(trial)) {
                    return candidate;
                }
            } catch (RuntimeException e) {
                // too small for the network's kernels: try a larger one
            }
        }
        return null;
    }

    private static InputType fromOption(String value, InputType template) throws ConfigException {
        long[] dims;
        try {
            dims = Arrays.stream(value.split(",")).map(String::strip).mapToLong(Long::parseLong).toArray();
        } catch (NumberFormatException e) {
            dims = new long[0];
        }
        if (dims.length == 0 || Arrays.stream(dims).anyMatch(d -> d <= 0) || (dims.length != 1 && dims.length != 3)) {
            throw new ConfigException("option 'input-shape' must be the per-sample dimensions, e.g. 784 or 1,28,28; got '"
                    + value + "'");
        }
        if (dims.length == 1) {
            return InputType.feedForward(dims[0]);
        }
        boolean nhwc = template instanceof InputType.InputTypeConvolutional c && c.getFormat() == CNN2DFormat.NHWC;
        return nhwc ? InputType.convolutional(dims[0], dims[1], dims[2], CNN2DFormat.NHWC)
                : InputType.convolutional(dims[1], dims[2], dims[0], CNN2DFormat.NCHW);
    }
}
