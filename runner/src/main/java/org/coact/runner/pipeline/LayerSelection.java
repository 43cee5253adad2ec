package org.coact.runner.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.coact.api.ConfigException;
import org.coact.api.format.LayerInfo;
import org.coact.api.format.LayerRole;
import org.coact.api.format.ModelDescription;
import org.coact.api.format.Names;

/**
 * Resolves the {@code layers} setting (METHOD.md 1) against a model: {@code auto} picks every
 * activation output that is not a model output; other entries are exact layer names or globs
 * ({@code *} any run of characters including {@code /}, {@code ?} one character). The result is
 * in the model's forward order, without duplicates.
 */
public final class LayerSelection {

    /** The keyword for automatic selection. */
    public static final String AUTO = "auto";

    private LayerSelection() {
    }

    /**
     * @param layer a layer
     * @return whether {@code auto} picks it
     */
    public static boolean isAuto(LayerInfo layer) {
        return layer.is(LayerRole.ACTIVATION) && !layer.is(LayerRole.MODEL_OUTPUT) && analysable(layer);
    }

    /** Whether a layer can be analysed: outside control-flow bodies, output of rank 2 to 4. */
    private static boolean analysable(LayerInfo layer) {
        return !layer.is(LayerRole.IN_SUBGRAPH) && layer.rank() >= 2 && layer.rank() <= 4;
    }

    /**
     * @param model the model's description
     * @param patterns {@code auto}, names or globs
     * @param modelPath the model file, for messages
     * @return the selected layers in forward order
     * @throws ConfigException naming a pattern that matches nothing, or if nothing is selected
     */
    public static List<LayerInfo> select(ModelDescription model, List<String> patterns, Path modelPath)
            throws ConfigException {
        Set<String> chosen = new LinkedHashSet<>();
        for (String raw : patterns) {
            String pattern = raw.trim();
            List<String> matched = new ArrayList<>();
            java.util.function.Predicate<String> byName = nameMatcher(pattern);
            boolean glob = pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
            for (LayerInfo layer : model.layers()) {
                // a glob takes only layers that can be analysed; an exact name that cannot is refused below
                if (pattern.equals(AUTO) ? isAuto(layer) : byName.test(layer.name()) && (!glob || analysable(layer))) {
                    matched.add(layer.name());
                }
            }
            if (matched.isEmpty()) {
                if (pattern.equals(AUTO)) {
                    long inBodies = model.layers().stream().filter(l -> l.is(LayerRole.IN_SUBGRAPH)).count();
                    throw new ConfigException("'auto' found no activation layers in " + modelPath + (inBodies > 0
                            ? "; " + inBodies + " layers are inside If/Loop/Scan bodies, which cannot be extracted: fix "
                                    + "the inputs an If's condition depends on (--set inputs.NAME=VALUE, see 'coact layers "
                                    + "--model " + modelPath + " --input NAME=VALUE') so that Coact folds it"
                            : "; name layers with --layers (see 'coact layers --model " + modelPath + "')"));
                }
                throw new ConfigException("unknown layer '" + pattern + "' in " + modelPath
                        + "; run 'coact layers --model " + modelPath + "' to list its " + model.layers().size() + " layers"
                        + Names.didYouMean(pattern, model.layers().stream().map(LayerInfo::name).toList()));
            }
            chosen.addAll(matched);
        }
        List<LayerInfo> result = new ArrayList<>();
        for (LayerInfo layer : model.layers()) {
            if (chosen.contains(layer.name())) {
                if (layer.is(LayerRole.IN_SUBGRAPH)) {
                    throw new ConfigException("layer '" + layer.name() + "' in " + modelPath + " is inside a control-flow "
                            + "body (If, Loop or Scan), whose values cannot be extracted; if it is in an If, fix the inputs "
                            + "its condition depends on (--set inputs.NAME=VALUE) so that Coact folds the If");
                }
                if (layer.rank() < 2 || layer.rank() > 4) {
                    throw new ConfigException("layer '" + layer.name() + "' in " + modelPath + " has rank "
                            + layer.rank() + " output " + java.util.Arrays.toString(layer.outputShape())
                            + "; Coact analyses rank 2 [N,F], 3 [N,T,F] and 4 (conv) outputs");
                }
                result.add(layer);
            }
        }
        return result;
    }

    /**
     * An exact name, or a glob compiled once: {@code *} any run of characters (line breaks too:
     * layer names may hold them), {@code ?} one character (one code point: an emoji is one).
     */
    static java.util.function.Predicate<String> nameMatcher(String pattern) {
        if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0) {
            return pattern::equals;
        }
        StringBuilder regex = new StringBuilder();
        pattern.codePoints().forEach(cp -> {
            switch (cp) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(new String(Character.toChars(cp))));
            }
        });
        return Pattern.compile(regex.toString(), Pattern.DOTALL).asMatchPredicate();
    }
}
