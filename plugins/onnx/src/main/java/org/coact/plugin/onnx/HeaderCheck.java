package org.coact.plugin.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Decides cheaply, without ONNX Runtime, whether a file is an ONNX {@code ModelProto}: walks the
 * top-level protobuf fields (skipping the large ones by seeking), requires an IR version and a
 * graph, and parses the graph's first node, which must have an op type. Weights are never read.
 */
final class HeaderCheck {

    private static final int MODEL_IR_VERSION = 1;
    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;

    private HeaderCheck() {
    }

    /**
     * @param path a regular file
     * @return whether it parses as an ONNX model header with a graph of nodes
     */
    static boolean isOnnxModel(Path path) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            return check(CodedInputStream.newInstance(in));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean check(CodedInputStream in) throws IOException {
        boolean irVersion = false;
        boolean graphWithNode = false;
        while (!(irVersion && graphWithNode)) {
            int tag = in.readTag();
            if (tag == 0) {
                return false;
            }
            int field = WireFormat.getTagFieldNumber(tag);
            int wire = WireFormat.getTagWireType(tag);
            if (wire == WireFormat.WIRETYPE_START_GROUP || wire == WireFormat.WIRETYPE_END_GROUP || wire > 5) {
                return false;
            }
            if (field == MODEL_IR_VERSION) {
                if (wire != WireFormat.WIRETYPE_VARINT || in.readInt64() <= 0) {
                    return false;
                }
                irVersion = true;
            } else if (field == MODEL_GRAPH) {
                if (wire != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    return false;
                }
                int length = in.readRawVarint32();
                int limit = in.pushLimit(length);
                graphWithNode = graphHasNode(in);
                if (!graphWithNode) {
                    return false;
                }
                in.skipRawBytes(in.getBytesUntilLimit());
                in.popLimit(limit);
            } else if (!in.skipField(tag)) {
                return false;
            }
        }
        return true;
    }

    /** Reads graph fields up to the first node and parses that node. */
    private static boolean graphHasNode(CodedInputStream in) throws IOException {
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            if (tag == 0) {
                return false;
            }
            if (WireFormat.getTagFieldNumber(tag) == GRAPH_NODE) {
                if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    return false;
                }
                NodeProto node = NodeProto.parseFrom(in.readBytes());
                return !node.getOpType().isEmpty();
            }
            if (!in.skipField(tag)) {
                return false;
            }
        }
        return false;
    }
}
