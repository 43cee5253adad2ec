package org.coact.plugin.tensorflow;

import org.pf4j.Plugin;

/** PF4J entry point of the TensorFlow plugin. */
public class TensorFlowPlugin extends Plugin {
}
