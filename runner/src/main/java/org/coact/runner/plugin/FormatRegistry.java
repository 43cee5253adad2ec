package org.coact.runner.plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.coact.api.ConfigException;
import org.coact.api.ModelException;
import org.coact.api.format.ModelFormat;
import org.coact.api.format.Recognition;

/**
 * Chooses the {@link ModelFormat} for a model: the one named by {@code --format} if given,
 * otherwise the one that recognises the file most surely ({@link Recognition#BY_CONTENT} beats
 * {@link Recognition#BY_NAME}; ties go to the lowest format id, so the choice is deterministic).
 */
public final class FormatRegistry {

    private final List<Registered<ModelFormat>> formats;

    /**
     * @param formats the available formats
     */
    public FormatRegistry(List<Registered<ModelFormat>> formats) {
        this.formats = formats.stream()
                .sorted(Comparator.comparing(r -> r.extension().id()))
                .toList();
    }

    /** @return every format, sorted by id */
    public List<Registered<ModelFormat>> all() {
        return formats;
    }

    /**
     * Picks the format for a model.
     *
     * @param model the model file or directory
     * @param formatId the {@code --format} value, or null to recognise
     * @return the chosen format with its plugin
     * @throws ModelException if the model does not exist or no format recognises it
     * @throws ConfigException if {@code formatId} names no loaded format
     */
    public Registered<ModelFormat> select(Path model, String formatId) throws ModelException, ConfigException {
        if (!Files.exists(model)) {
            throw new ModelException("model file not found: " + model);
        }
        if (formatId != null) {
            return formats.stream()
                    .filter(r -> r.extension().id().equals(formatId))
                    .findFirst()
                    .orElseThrow(() -> new ConfigException("unknown format '" + formatId + "'; loaded formats: "
                            + ids() + " (see 'coact plugins')"));
        }
        Registered<ModelFormat> best = null;
        Recognition bestRecognition = Recognition.NO;
        for (Registered<ModelFormat> candidate : formats) {
            Recognition r = candidate.extension().recognize(model);
            if (r.compareTo(bestRecognition) > 0) {
                best = candidate;
                bestRecognition = r;
            }
        }
        if (best == null) {
            throw new ModelException("no plugin recognises the model " + model + " (loaded formats: " + ids()
                    + "); pass --format to force one, or add the plugin for its format");
        }
        return best;
    }

    private String ids() {
        return formats.isEmpty() ? "none" : formats.stream().map(r -> r.extension().id()).collect(Collectors.joining(", "));
    }
}
