package org.coact.plugin.dl4j;

import org.pf4j.Plugin;

/**
 * PF4J entry point of the Deeplearning4j plugin; the work is done by {@link Dl4jFormat} and
 * {@link KerasFormat}.
 */
public class Dl4jPlugin extends Plugin {
}
