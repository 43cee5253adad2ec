package org.coact.plugin.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.coact.api.CoactException;
import org.coact.api.ModelException;
import org.coact.api.format.ModelFormat;
import org.coact.api.format.ModelHandle;
import org.coact.api.format.OpenOptions;
import org.coact.api.format.Recognition;
import org.pf4j.Extension;

/**
 * The {@code onnx} model format: ONNX files, typically PyTorch exports, run with ONNX Runtime.
 *
 * <p>{@link #recognize} reads only the protobuf header (no engine). {@link #open} reads the file
 * into memory once; every later change to the graph (extra outputs, a symbolic batch axis) is
 * made on an in-memory copy and sessions are created from bytes, so the file is never written.
 * Options: {@code threads} (intra-op threads, default {@code min(2, cores)}) and
 * {@code optimization} ({@code none|basic|extended|all}, default {@code basic}).
 */
@Extension
public final class OnnxFormat implements ModelFormat {

    private OrtEnvironment env;

    /** Cheap: ONNX Runtime loads on the first {@link #open}. */
    public OnnxFormat() {
        // nothing to do
    }

    @Override
    public String id() {
        return "onnx";
    }

    @Override
    public java.util.Set<String> optionKeys() {
        return Sessions.KEYS;
    }

    @Override
    public String description() {
        return "ONNX models (e.g. PyTorch exports) through ONNX Runtime";
    }

    @Override
    public Recognition recognize(Path path) {
        if (path == null || !Files.isRegularFile(path)) {
            return Recognition.NO;
        }
        if (HeaderCheck.isOnnxModel(path)) {
            return Recognition.BY_CONTENT;
        }
        Path name = path.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".onnx") ? Recognition.BY_NAME
                : Recognition.NO;
    }

    @Override
    public ModelHandle open(Path path, OpenOptions options) throws CoactException {
        if (!Files.exists(path)) {
            throw new ModelException("model file not found: " + path);
        }
        if (!Files.isRegularFile(path)) {
            throw new ModelException(path + " is not a file; an ONNX model is a single .onnx file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException | OutOfMemoryError e) {
            throw new ModelException("cannot read model file " + path + ": " + e, e);
        }
        OnnxGraph graph = OnnxGraph.parse(path, bytes);
        refuseUnsupported(path, graph);
        Sessions sessions = Sessions.create(environment(), path, options);
        try {
            sessions.validate(graph.model());
            return new OnnxModelHandle(graph, sessions);
        } catch (OrtException e) {
            sessions.close();
            throw new ModelException(path + " is not a valid ONNX model: ONNX Runtime rejects it: "
                    + OnnxGraph.firstSentence(e.getMessage()), e);
        }
    }

    /**
     * Refuses, in words a user can act on, what ONNX Runtime's CPU kernels reject with an
     * internal assertion: recurrent ops with {@code layout = 1}.
     */
    private static void refuseUnsupported(Path path, OnnxGraph graph) throws ModelException {
        for (ai.onnx.proto.OnnxMl.NodeProto n : graph.nodes()) {
            if (LayerScanner.RECURRENT_OPS.contains(n.getOpType())) {
                for (ai.onnx.proto.OnnxMl.AttributeProto a : n.getAttributeList()) {
                    if (a.getName().equals("layout") && a.getI() != 0) {
                        throw new ModelException(path + ": " + n.getOpType() + " node '" + n.getName() + "' has layout="
                                + a.getI() + " (batch axis first), which ONNX Runtime's CPU kernels do not implement; "
                                + "export it with layout 0 (PyTorch's batch_first=True does so, with a Transpose before "
                                + "and after the op)");
                    }
                }
            }
        }
    }

    private synchronized OrtEnvironment environment() throws CoactException {
        if (env == null) {
            try {
                env = OrtEnvironment.getEnvironment(Sessions.logLevel());
            } catch (RuntimeException | LinkageError e) {
                throw new CoactException("cannot load ONNX Runtime: " + e, e);
            }
        }
        return env;
    }
}
