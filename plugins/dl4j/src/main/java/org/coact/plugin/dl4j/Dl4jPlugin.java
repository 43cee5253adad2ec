package org.coact.plugin.dl4j;

import org.pf4j.Plugin;

/** PF4J entry point of the Deeplearning4j plugin. */
public class Dl4jPlugin extends Plugin {
}
