package org.coact.runner.plugin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.coact.analysis.Origin;
import org.coact.api.community.CommunityAlgorithm;
import org.coact.api.format.ModelFormat;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * Loads the plugins of one directory, each on its own: a plugin that cannot be used (a broken
 * or unsafe zip, no or a garbled descriptor, an id already taken, a {@code plugin.requires}
 * this Coact does not satisfy, a missing or failing plugin or extension class, an extension
 * whose id is missing or already taken) becomes one warning line naming its file and is
 * skipped; every other plugin loads as if it were alone. Then creates every extension once,
 * built-in ones first, plugin ones behind a {@link GuardedFormat} or {@link GuardedAlgorithm}.
 */
final class PluginStartup {

    /**
     * What loading produced.
     *
     * @param manager the PF4J manager
     * @param started the usable plugins, by id
     * @param formats every model format, built-in and from plugins
     * @param algorithms every community algorithm, built-in and from plugins
     * @param warnings one line per skipped plugin
     */
    record Result(CoactPluginManager manager, Map<String, PluginWrapper> started, List<Registered<ModelFormat>> formats,
            List<Registered<CommunityAlgorithm>> algorithms, List<String> warnings) {
    }

    private final CoactPluginManager manager;
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, Path> sources = new LinkedHashMap<>();

    private PluginStartup(Path dir) {
        this.manager = new CoactPluginManager(dir);
    }

    /**
     * @param dir an existing plugins directory
     * @return the loaded plugins, their extensions and the warnings
     * @throws IOException if the directory cannot be listed
     */
    static Result run(Path dir) throws IOException {
        PluginStartup s = new PluginStartup(dir);
        List<ExpandedZips.Candidate> candidates = ExpandedZips.prepare(dir, s.warnings);
        for (ExpandedZips.Candidate c : candidates) {
            s.load(c);
        }
        s.resolve();
        s.start();
        return s.extensions();
    }

    private void skip(Path source, String why) {
        warnings.add("plugin " + source + " skipped: " + why);
    }

    /** Skips a plugin whose descriptor was read: the line names its id and version too. */
    private void skip(Path source, PluginDescriptor d, String why) {
        warnings.add("plugin " + source + " (" + d.getPluginId() + " " + d.getVersion() + ") skipped: " + why);
    }

    private void load(ExpandedZips.Candidate c) {
        PluginDescriptor d;
        try {
            d = manager.descriptor(c.load());
        } catch (Throwable t) { // PF4J's descriptor finders throw runtime exceptions of every kind
            skip(c.source(), "it has no readable plugin descriptor (plugin.properties, or a jar manifest): "
                    + Guard.describe(t));
            return;
        }
        String id = d.getPluginId();
        if (id == null || id.isBlank()) {
            skip(c.source(), "its descriptor has no plugin.id");
            return;
        }
        if (d.getVersion() == null || d.getVersion().isBlank()) {
            skip(c.source(), "its descriptor has no plugin.version");
            return;
        }
        if (sources.containsKey(id)) {
            skip(c.source(), d, "its plugin id '" + id + "' is already taken by " + sources.get(id));
            return;
        }
        try {
            if (!manager.satisfies(d.getRequires())) {
                skip(c.source(), d, "it requires Coact " + d.getRequires().strip()
                        + " (plugin.requires) but this is Coact " + CoactVersion.get());
                return;
            }
        } catch (RuntimeException e) {
            skip(c.source(), d, "its plugin.requires '" + d.getRequires()
                    + "' is not a version constraint such as >=0.1.0");
            return;
        }
        try {
            manager.loadOnly(c.load());
        } catch (Throwable t) {
            skip(c.source(), d, "it cannot be loaded: " + Guard.describe(t));
            return;
        }
        sources.put(id, c.source());
    }

    private void resolve() {
        try {
            manager.resolve();
        } catch (RuntimeException e) { // a dependency cycle: drop every plugin with dependencies
            for (PluginWrapper p : new ArrayList<>(manager.getPlugins())) {
                if (!p.getDescriptor().getDependencies().isEmpty()) {
                    skip(sources.get(p.getPluginId()), p.getDescriptor(), "its dependencies cannot be resolved: "
                            + Guard.describe(e));
                    manager.unloadPlugin(p.getPluginId());
                }
            }
            manager.resolve();
        }
        for (Map.Entry<String, Path> e : new ArrayList<>(sources.entrySet())) {
            if (manager.getPlugin(e.getKey()) == null) {
                warnings.add("plugin " + e.getValue() + " (" + e.getKey() + ") skipped: the plugins it depends on are "
                        + "missing or of the wrong version");
                sources.remove(e.getKey());
            }
        }
    }

    private void start() {
        for (PluginWrapper p : new ArrayList<>(manager.getResolvedPlugins())) {
            String id = p.getPluginId();
            if (p.getPluginState() == PluginState.DISABLED) {
                sources.remove(id); // disabled.txt or enabled.txt says so: not an error
                continue;
            }
            try {
                manager.startPlugin(id);
            } catch (Throwable t) { // Plugin.start() is the plugin's code
                p.setPluginState(PluginState.FAILED);
                p.setFailedException(t);
            }
            if (p.getPluginState() != PluginState.STARTED) {
                Throwable why = p.getFailedException();
                skip(sources.get(id), p.getDescriptor(), "it did not start: " + (why == null ? p.getPluginState().toString()
                        : why instanceof org.pf4j.PluginRuntimeException && why.getMessage() != null
                                ? PluginZip.firstLine(why.getMessage()) : Guard.describe(why)));
                sources.remove(id);
            }
        }
    }

    private Result extensions() {
        List<Registered<ModelFormat>> formats = new ArrayList<>();
        List<Registered<CommunityAlgorithm>> algorithms = new ArrayList<>();
        Origin builtin = new Origin("builtin", CoactVersion.get());
        Map<String, String> formatIds = new HashMap<>();
        Map<String, String> algorithmIds = new HashMap<>();
        for (ModelFormat f : manager.getExtensions(ModelFormat.class, null)) {
            formats.add(new Registered<>(f, builtin));
            formatIds.put(f.id(), "Coact itself");
        }
        for (CommunityAlgorithm a : manager.getExtensions(CommunityAlgorithm.class, null)) {
            algorithms.add(new Registered<>(a, builtin));
            algorithmIds.put(a.id(), "Coact itself");
        }
        Map<String, PluginWrapper> started = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : sources.entrySet()) {
            PluginWrapper p = manager.getPlugin(e.getKey());
            Origin origin = new Origin(p.getPluginId(), p.getDescriptor().getVersion());
            String who = "plugin " + p.getPluginId() + " (" + e.getValue() + ")";
            try {
                checkClasses(p);
                List<GuardedFormat> fs = new ArrayList<>();
                for (ModelFormat f : instances(p, ModelFormat.class)) {
                    fs.add(new GuardedFormat(f, origin));
                }
                List<GuardedAlgorithm> as = new ArrayList<>();
                for (CommunityAlgorithm a : instances(p, CommunityAlgorithm.class)) {
                    as.add(new GuardedAlgorithm(a, origin));
                }
                claim(fs.stream().map(GuardedFormat::id).toList(), formatIds, "model format");
                claim(as.stream().map(GuardedAlgorithm::id).toList(), algorithmIds, "community algorithm");
                fs.forEach(f -> formatIds.put(f.id(), who));
                as.forEach(a -> algorithmIds.put(a.id(), who));
                fs.forEach(f -> formats.add(new Registered<>(f, origin)));
                as.forEach(a -> algorithms.add(new Registered<>(a, origin)));
                started.put(p.getPluginId(), p);
            } catch (Throwable t) { // the plugin's constructors, ids and descriptions are its own code
                skip(e.getValue(), p.getDescriptor(), t instanceof IllegalStateException && t.getMessage() != null ? t.getMessage()
                        : "its extensions fail: " + Guard.describe(t));
            }
        }
        return new Result(manager, started, formats, algorithms, warnings);
    }

    /** Every class the plugin's extension index lists must load (without running its initialiser). */
    private void checkClasses(PluginWrapper p) {
        ClassLoader loader = p.getPluginClassLoader();
        for (String name : manager.getExtensionClassNames(p.getPluginId())) {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException("its extension class " + name
                        + " (listed in META-INF/extensions.idx) cannot be loaded: " + Guard.describe(e));
            }
        }
    }

    private <T> List<T> instances(PluginWrapper p, Class<T> type) {
        List<T> found = manager.getExtensions(type, p.getPluginId());
        for (Class<? extends T> c : manager.getExtensionClasses(type, p.getPluginId())) {
            Throwable failure = manager.extensionFailure(c);
            if (failure != null) {
                throw new IllegalStateException("its extension " + c.getName() + " cannot be created: "
                        + Guard.describe(failure));
            }
        }
        return found;
    }

    private static void claim(List<String> ids, Map<String, String> taken, String what) {
        java.util.Set<String> own = new java.util.HashSet<>();
        for (String id : ids) {
            if (!own.add(id)) {
                throw new IllegalStateException("it has two " + what + "s with the id '" + id + "'");
            }
            Optional<String> owner = Optional.ofNullable(taken.get(id));
            if (owner.isPresent()) {
                throw new IllegalStateException("its " + what + " id '" + id + "' is already provided by " + owner.get());
            }
        }
    }
}
