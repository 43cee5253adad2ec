package com.example.coact.dense;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.coact.api.CoactException;
import org.coact.api.ModelException;
import org.coact.api.format.ModelFormat;
import org.coact.api.format.ModelHandle;
import org.coact.api.format.OpenOptions;
import org.coact.api.format.Recognition;
import org.pf4j.Extension;

/**
 * A dense network stored as numpy arrays: an {@code .npz} holding {@code W1, b1, ..., Wk, bk}
 * (float32; {@code Wi} of shape {@code [in, out]}, {@code bi} of shape {@code [out]}) and
 * {@code activation}, a string naming the hidden layers' activation ({@code relu},
 * {@code tanh} or {@code sigmoid}). The forward pass is {@code h_i = act(h_{i-1} Wi + bi)} for
 * {@code i < k} and {@code logits = h_{k-1} Wk + bk}. Written from numpy as
 * {@code np.savez("net.npz", W1=..., b1=..., W2=..., b2=..., activation=np.array("relu"))}.
 */
@Extension
public final class DenseNpzFormat implements ModelFormat {

    @Override
    public String id() {
        return "dense-npz";
    }

    @Override
    public String description() {
        return "Dense networks stored as .npz weights W1, b1, ... and an activation (example plugin)";
    }

    @Override
    public Set<String> optionKeys() {
        return Set.of();
    }

    /** By content: a zip holding {@code W1.npy} and {@code activation.npy}; never loads the weights. */
    @Override
    public Recognition recognize(Path path) {
        if (!Files.isRegularFile(path)) {
            return Recognition.NO;
        }
        try (ZipFile zip = new ZipFile(path.toFile())) {
            return zip.getEntry("W1.npy") != null && zip.getEntry("activation.npy") != null ? Recognition.BY_CONTENT
                    : Recognition.NO;
        } catch (IOException e) {
            return Recognition.NO;
        }
    }

    @Override
    public ModelHandle open(Path path, OpenOptions options) throws CoactException {
        List<float[]> weights = new ArrayList<>();
        List<float[]> biases = new ArrayList<>();
        List<int[]> shapes = new ArrayList<>();
        Activation activation;
        try (ZipFile zip = new ZipFile(path.toFile())) {
            Npy act = read(zip, "activation", path);
            activation = act.text() == null ? null : Activation.of(act.text());
            if (activation == null) {
                throw new ModelException(path + ": activation '" + act.text() + "' is not one of relu, tanh, sigmoid");
            }
            for (int i = 1; zip.getEntry("W" + i + ".npy") != null; i++) {
                Npy w = read(zip, "W" + i, path);
                Npy b = read(zip, "b" + i, path);
                if (w.floats() == null || w.shape().length != 2 || b.floats() == null || b.shape().length != 1
                        || b.shape()[0] != w.shape()[1]) {
                    throw new ModelException(path + ": W" + i + " must be float32 [in, out] and b" + i + " float32 [out]");
                }
                if (!shapes.isEmpty() && shapes.get(shapes.size() - 1)[1] != w.shape()[0]) {
                    throw new ModelException(path + ": W" + i + " takes " + w.shape()[0] + " inputs but layer " + (i - 1)
                            + " gives " + shapes.get(shapes.size() - 1)[1]);
                }
                weights.add(w.floats());
                biases.add(b.floats());
                shapes.add(new int[] {(int) w.shape()[0], (int) w.shape()[1]});
            }
        } catch (IOException e) {
            throw new ModelException(path + " is not a readable dense-npz model: " + e.getMessage(), e);
        }
        if (weights.isEmpty()) {
            throw new ModelException(path + " holds no W1");
        }
        return new DenseModel(path, activation, weights, biases, shapes);
    }

    private static Npy read(ZipFile zip, String array, Path path) throws IOException, ModelException {
        ZipEntry e = zip.getEntry(array + ".npy");
        if (e == null) {
            throw new ModelException(path + " has no array '" + array + "'");
        }
        try (InputStream in = zip.getInputStream(e)) {
            return Npy.read(in, path + ":" + array);
        }
    }
}
