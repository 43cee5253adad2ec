package org.coact.runner.plugin;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.coact.analysis.Origin;
import org.coact.api.CoactException;
import org.coact.api.FloatTensor;
import org.coact.api.format.BatchResult;
import org.coact.api.format.ExtractionRequest;
import org.coact.api.format.Extractor;
import org.coact.api.format.ModelDescription;
import org.coact.api.format.ModelFormat;
import org.coact.api.format.ModelHandle;
import org.coact.api.format.OpenOptions;
import org.coact.api.format.Recognition;

/**
 * A plugin's {@link ModelFormat} behind a {@link Guard}: every call into the plugin (recognise,
 * open, and every call on the model and extractor it opens) that throws anything but Coact's
 * own exceptions, or returns null where a value is due, becomes a model error naming the format,
 * the plugin and its version. Id, description and option keys are read once, when the plugin is
 * loaded.
 */
final class GuardedFormat implements ModelFormat {

    private final ModelFormat delegate;
    private final Guard guard;
    private final String description;
    private final Set<String> optionKeys;

    /**
     * Reads the format's id, description and option keys.
     *
     * @param delegate the plugin's format
     * @param origin its plugin
     * @throws IllegalStateException if the id is null or blank
     */
    GuardedFormat(ModelFormat delegate, Origin origin) {
        this.delegate = delegate;
        String id = delegate.id();
        if (id == null || id.isBlank()) {
            throw new IllegalStateException("its model format " + delegate.getClass().getName() + " has "
                    + (id == null ? "a null" : "a blank") + " id");
        }
        this.guard = new Guard(PluginFailure.Kind.FORMAT, id, origin);
        String d = delegate.description();
        this.description = d == null ? "" : d;
        Set<String> keys = delegate.optionKeys();
        this.optionKeys = keys == null ? Set.of() : Set.copyOf(keys);
    }

    @Override
    public String id() {
        return guard.id();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Set<String> optionKeys() {
        return optionKeys;
    }

    @Override
    public Recognition recognize(Path path) {
        try {
            Recognition r = delegate.recognize(path);
            return r == null ? Recognition.NO : r;
        } catch (Throwable t) { // a plugin may throw anything; it is reported as its own error
            throw guard.unchecked("recognize(" + path + ")", t);
        }
    }

    @Override
    public ModelHandle open(Path path, OpenOptions options) throws CoactException {
        ModelHandle handle;
        try {
            handle = delegate.open(path, options);
        } catch (CoactException e) {
            throw e;
        } catch (Throwable t) {
            throw guard.checked("open(" + path + ")", t);
        }
        if (handle == null) {
            throw guard.checked("open(" + path + ")", new NullPointerException("returned no model"));
        }
        return new Handle(handle);
    }

    /** The opened model, guarded. */
    private final class Handle implements ModelHandle {
        private final ModelHandle handle;

        Handle(ModelHandle handle) {
            this.handle = handle;
        }

        @Override
        public ModelDescription describe() {
            ModelDescription d;
            try {
                d = handle.describe();
            } catch (Throwable t) {
                throw guard.unchecked("describe", t);
            }
            if (d == null) {
                throw guard.unchecked("describe", new NullPointerException("returned no description"));
            }
            return d;
        }

        @Override
        public Extractor extractor(ExtractionRequest request) throws CoactException {
            Extractor e;
            try {
                e = handle.extractor(request);
            } catch (CoactException ex) {
                throw ex;
            } catch (Throwable t) {
                throw guard.checked("extractor", t);
            }
            if (e == null) {
                throw guard.checked("extractor", new NullPointerException("returned no extractor"));
            }
            return new GuardedExtractor(e);
        }

        @Override
        public String fixInputs(Map<String, Double> values) throws CoactException {
            try {
                String s = handle.fixInputs(values);
                return s == null ? "" : s;
            } catch (CoactException ex) {
                throw ex;
            } catch (Throwable t) {
                throw guard.checked("fixInputs", t);
            }
        }

        @Override
        public void close() {
            try {
                handle.close();
            } catch (Throwable t) {
                throw guard.unchecked("close", t);
            }
        }
    }

    /** The model's extractor, guarded. */
    private final class GuardedExtractor implements Extractor {
        private final Extractor extractor;

        GuardedExtractor(Extractor extractor) {
            this.extractor = extractor;
        }

        @Override
        public BatchResult run(Map<String, FloatTensor> inputs) throws CoactException {
            BatchResult r;
            try {
                r = extractor.run(inputs);
            } catch (CoactException ex) {
                throw ex;
            } catch (Throwable t) {
                throw guard.checked("run", t);
            }
            if (r == null) {
                throw guard.checked("run", new NullPointerException("returned no result"));
            }
            return r;
        }

        @Override
        public void close() {
            try {
                extractor.close();
            } catch (Throwable t) {
                throw guard.unchecked("close", t);
            }
        }
    }
}
