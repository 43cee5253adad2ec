package org.coact.plugin.onnx;

import org.pf4j.Plugin;

/** PF4J entry point of the ONNX plugin; the work is done by {@link OnnxFormat}. */
public class OnnxPlugin extends Plugin {
}
