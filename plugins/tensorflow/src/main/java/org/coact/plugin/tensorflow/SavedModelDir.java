package org.coact.plugin.tensorflow;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TextFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.coact.api.format.Names;
import org.coact.api.ConfigException;
import org.coact.api.ModelException;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;

/**
 * A SavedModel directory read as protobuf only, without TensorFlow's natives: finding
 * {@code saved_model.pb} or {@code saved_model.pbtxt}, recognising it cheaply, choosing the
 * MetaGraph by tag set and the signature by key, with messages that name what exists.
 */
final class SavedModelDir {

    static final String PB = "saved_model.pb";
    static final String PBTXT = "saved_model.pbtxt";
    /** The signature key TF adds for its own init op; never a model signature. */
    static final String INIT_SIGNATURE = "__saved_model_init_op";

    private final Path dir;
    private final SavedModel proto;

    private SavedModelDir(Path dir, SavedModel proto) {
        this.dir = dir;
        this.proto = proto;
    }

    /** @return the SavedModel directory */
    Path dir() {
        return dir;
    }

    /**
     * @param path what the user named: the SavedModel directory or its saved_model.pb(txt)
     * @return the directory, if the path is either
     */
    static Path directoryOf(Path path) {
        if (path == null) {
            return null;
        }
        if (Files.isRegularFile(path) && path.getFileName() != null
                && (path.getFileName().toString().equals(PB) || path.getFileName().toString().equals(PBTXT))) {
            return path.toAbsolutePath().getParent();
        }
        return Files.isDirectory(path) ? path : null;
    }

    /**
     * Cheap content check: the start of saved_model.pb parses as a SavedModel's first fields, or
     * saved_model.pbtxt mentions {@code meta_graphs}.
     *
     * @param dir a directory
     * @return true if it holds a SavedModel file whose content looks right
     */
    static boolean looksLikeSavedModel(Path dir) {
        Path pb = dir.resolve(PB);
        if (Files.isRegularFile(pb)) {
            try (InputStream in = Files.newInputStream(pb)) {
                long size = Files.size(pb);
                CodedInputStream c = CodedInputStream.newInstance(in);
                boolean any = false;
                while (!c.isAtEnd()) {
                    int tag = c.readTag();
                    if (tag == (1 << 3)) { // saved_model_schema_version, varint
                        c.readInt64();
                        any = true;
                    } else if (tag == ((2 << 3) | 2)) { // meta_graphs, length-delimited
                        int len = c.readRawVarint32();
                        return len > 0 && len <= size;
                    } else {
                        return false;
                    }
                }
                return any;
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }
        Path txt = dir.resolve(PBTXT);
        if (Files.isRegularFile(txt)) {
            try (InputStream in = Files.newInputStream(txt)) {
                return new String(in.readNBytes(1 << 16), StandardCharsets.UTF_8).contains("meta_graphs");
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    /** @return whether the directory has a SavedModel file at all */
    static boolean hasSavedModelFile(Path dir) {
        return Files.isRegularFile(dir.resolve(PB)) || Files.isRegularFile(dir.resolve(PBTXT));
    }

    /**
     * Reads the SavedModel proto.
     *
     * @param path the directory or its saved_model.pb(txt)
     * @return the parsed directory
     * @throws ModelException if the path is missing, not a SavedModel, or does not parse
     */
    static SavedModelDir read(Path path) throws ModelException {
        if (!Files.exists(path)) {
            throw new ModelException("model not found: " + path);
        }
        Path dir = directoryOf(path);
        if (dir == null || !hasSavedModelFile(dir)) {
            throw new ModelException(path + " is not a TensorFlow SavedModel: a SavedModel is a directory with "
                    + PB + " or " + PBTXT + (Files.isDirectory(path) ? ", and this one has neither" : ""));
        }
        Path pb = dir.resolve(PB);
        try {
            SavedModel proto;
            if (Files.isRegularFile(pb)) {
                proto = SavedModel.parseFrom(Files.readAllBytes(pb));
            } else {
                SavedModel.Builder b = SavedModel.newBuilder();
                TextFormat.merge(Files.readString(dir.resolve(PBTXT), StandardCharsets.UTF_8), b);
                proto = b.build();
            }
            if (proto.getMetaGraphsCount() == 0) {
                throw new ModelException(dir + " is not a valid SavedModel: it holds no MetaGraph");
            }
            return new SavedModelDir(dir, proto);
        } catch (InvalidProtocolBufferException | TextFormat.ParseException e) {
            throw new ModelException(dir + " is not a valid SavedModel: its " + (Files.isRegularFile(pb) ? PB : PBTXT)
                    + " does not parse: " + firstLine(e.getMessage()), e);
        } catch (IOException | OutOfMemoryError e) {
            throw new ModelException("cannot read SavedModel " + dir + ": " + e, e);
        }
    }

    /**
     * @param tags the wanted tag set
     * @return the MetaGraph with exactly these tags
     * @throws ConfigException naming the tag sets that exist
     */
    MetaGraphDef metaGraph(Set<String> tags) throws ConfigException {
        List<String> known = new ArrayList<>();
        for (MetaGraphDef m : proto.getMetaGraphsList()) {
            Set<String> have = new TreeSet<>(m.getMetaInfoDef().getTagsList());
            if (have.equals(new TreeSet<>(tags))) {
                return m;
            }
            known.add(String.join(",", have));
        }
        throw new ConfigException("SavedModel " + dir + " has no MetaGraph tagged '" + String.join(",", tags)
                + "'; its tag sets are " + known + " (choose one with --tag)");
    }

    /**
     * @param meta the chosen MetaGraph
     * @param key the signature key
     * @return the signature
     * @throws ConfigException naming the signatures that exist
     */
    SignatureDef signature(MetaGraphDef meta, String key) throws ConfigException {
        Map<String, SignatureDef> sigs = meta.getSignatureDefMap();
        SignatureDef s = sigs.get(key);
        if (s == null || key.equals(INIT_SIGNATURE)) {
            Set<String> names = new TreeSet<>(sigs.keySet());
            names.remove(INIT_SIGNATURE);
            throw new ConfigException("SavedModel " + dir + " has no signature '" + key + "'; its signatures are "
                    + names + " (choose one with --signature)" + Names.didYouMean(key, names));
        }
        if (s.getInputsCount() == 0 || s.getOutputsCount() == 0) {
            throw new ConfigException("signature '" + key + "' of SavedModel " + dir + " has "
                    + s.getInputsCount() + " inputs and " + s.getOutputsCount() + " outputs; Coact needs at least one of each");
        }
        return s;
    }

    /**
     * @param option the {@code tag} option: comma-separated tags
     * @return the tag set
     */
    static Set<String> parseTags(String option) {
        Set<String> tags = new LinkedHashSet<>();
        Arrays.stream(option.split(",")).map(String::strip).filter(t -> !t.isEmpty()).forEach(tags::add);
        return tags;
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
