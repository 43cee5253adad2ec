package org.coact.plugin.tensorflow;

import java.util.Set;
import org.coact.api.ConfigException;
import org.coact.api.format.OpenOptions;

/**
 * The options this plugin reads.
 *
 * @param signature the signature key, default {@code serving_default}
 * @param tags the MetaGraph's tag set, default {@code {serve}}
 * @param threads intra-op threads, default {@code min(2, availableProcessors)}
 */
record LoadOptions(String signature, Set<String> tags, int threads) {

    /** Option keys this plugin reads. */
    static final Set<String> KEYS = Set.of("signature", "tag", "threads");


    /**
     * @param open the user's options
     * @return the validated options
     * @throws ConfigException naming a bad value
     */
    static LoadOptions parse(OpenOptions open) throws ConfigException {
        String signature = open.get("signature").map(String::strip).orElse("serving_default");
        if (signature.isEmpty()) {
            throw new ConfigException("option 'signature' must name a signature, got ''");
        }
        String tag = open.get("tag").orElse("serve");
        Set<String> tags = SavedModelDir.parseTags(tag);
        if (tags.isEmpty()) {
            throw new ConfigException("option 'tag' must name at least one tag, got '" + tag + "'");
        }
        return new LoadOptions(signature, Set.copyOf(tags), threads(open));
    }

    /** The most intra-op threads an option may ask for (each costs a stack and the runtime's buffers). */
    static final int MAX_THREADS = 256;

    private static int threads(OpenOptions open) throws ConfigException {
        return open.intInRange("threads", 1, MAX_THREADS).orElse(Math.min(2, Runtime.getRuntime().availableProcessors()));
    }
}
