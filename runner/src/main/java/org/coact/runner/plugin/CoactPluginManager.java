package org.coact.runner.plugin;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFactory;
import org.pf4j.Plugin;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginFactory;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginWrapper;

/**
 * PF4J's manager as Coact runs it: plugins are loaded one path at a time (never by scanning,
 * which would let PF4J expand zips itself), resolved once all are loaded with unresolvable
 * ones dropped rather than failing every other, and plugin and extension instances are created
 * by factories that keep what a constructor or static initialiser threw (any
 * {@link Throwable}, a {@link StackOverflowError} included) instead of logging it, so that the
 * host can report it in one line.
 */
final class CoactPluginManager extends DefaultPluginManager {

    /** What creating an extension threw, by extension class. */
    private final Map<Class<?>, Throwable> extensionFailures = new ConcurrentHashMap<>();

    CoactPluginManager(Path pluginsDir) {
        super(pluginsDir);
        setSystemVersion(CoactVersion.release());
        setResolveRecoveryStrategy(ResolveRecoveryStrategy.IGNORE_PLUGIN_AND_CONTINUE);
    }

    /** @return the descriptor of a plugin directory or jar, as PF4J reads it */
    PluginDescriptor descriptor(Path plugin) {
        return getPluginDescriptorFinder().find(plugin);
    }

    /** Loads one plugin without resolving it; see {@link #resolve()}. */
    void loadOnly(Path plugin) {
        loadPluginFromPath(plugin);
    }

    /** Resolves the loaded plugins' dependencies; plugins whose dependencies fail are unloaded. */
    void resolve() {
        resolvePlugins();
    }

    /**
     * @param requires a {@code plugin.requires} constraint
     * @return whether this Coact satisfies it, as PF4J judges it (an exact version means at least it)
     * @throws RuntimeException if the constraint cannot be parsed
     */
    boolean satisfies(String requires) {
        String constraint = requires == null ? "*" : requires.strip();
        if (constraint.isEmpty() || getSystemVersion().equals("0.0.0")) {
            return true;
        }
        if (constraint.matches("^\\d+\\.\\d+\\.\\d+$")) {
            constraint = ">=" + constraint;
        }
        return getVersionManager().checkVersionConstraint(getSystemVersion(), constraint);
    }

    /**
     * @param extensionClass an extension class
     * @return what creating it threw, or null
     */
    Throwable extensionFailure(Class<?> extensionClass) {
        return extensionFailures.get(extensionClass);
    }

    @Override
    protected ExtensionFactory createExtensionFactory() {
        return new ExtensionFactory() {
            @Override
            public <T> T create(Class<T> extensionClass) {
                try {
                    return extensionClass.getDeclaredConstructor().newInstance();
                } catch (InvocationTargetException e) {
                    throw failed(extensionClass, e.getCause() == null ? e : e.getCause());
                } catch (Throwable t) { // a plugin's constructor or static initialiser may throw anything
                    throw failed(extensionClass, t);
                }
            }
        };
    }

    private PluginRuntimeException failed(Class<?> extensionClass, Throwable t) {
        extensionFailures.put(extensionClass, t);
        return error(t, "cannot create extension " + extensionClass.getName());
    }

    /** A PF4J exception with a message taken literally (PF4J formats its messages with String.format). */
    static PluginRuntimeException error(Throwable cause, String message) {
        return new PluginRuntimeException(cause, "{}", message);
    }

    @Override
    protected PluginFactory createPluginFactory() {
        return wrapper -> {
            String name = wrapper.getDescriptor().getPluginClass();
            Class<?> type;
            try {
                type = wrapper.getPluginClassLoader().loadClass(name);
            } catch (ClassNotFoundException | LinkageError e) {
                throw error(e, "its plugin.class " + name + " cannot be loaded ("
                        + Guard.describe(e) + ")");
            }
            if (Modifier.isAbstract(type.getModifiers()) || !Plugin.class.isAssignableFrom(type)) {
                throw error(null, "its plugin.class " + name + " is not a concrete org.pf4j.Plugin");
            }
            try {
                try {
                    return (Plugin) type.getConstructor(PluginWrapper.class).newInstance(wrapper);
                } catch (NoSuchMethodException e) {
                    return (Plugin) type.getConstructor().newInstance();
                }
            } catch (InvocationTargetException e) {
                throw error(e.getCause(), "its plugin class " + name + " threw "
                        + Guard.describe(e.getCause()));
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                throw error(e, "its plugin class " + name + " cannot be created ("
                        + Guard.describe(e) + ")");
            }
        };
    }
}
