package org.coact.runner.crossformat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.coact.runner.testing.TestEnv;

/**
 * {@code testmodels/fixtures/near-threshold.json} ({@code make_near_threshold_fixtures.py}):
 * for every bundled MLP and CNN checkpoint, how many samples put each neuron's pre-activation
 * (a conv channel: its largest) within 1e-5 of the threshold 0, and how many samples have their
 * two largest logits that close, in numpy's forward pass. Only those values can be decided the
 * other way by another runtime, CPU or thread count, so they bound how far two formats' counts
 * may differ; a checkpoint with none must give identical figures on any machine.
 */
public final class NearThreshold {

    private static JsonNode fixture;

    private NearThreshold() {
    }

    private static synchronized JsonNode fixture() {
        if (fixture == null) {
            try {
                fixture = new ObjectMapper().readTree(TestEnv.model("fixtures/near-threshold.json").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return fixture;
    }

    /**
     * @param net {@code mlp} or {@code cnn}
     * @param epoch the checkpoint's epoch
     * @return per neuron, in layer order, the samples on which its activity could flip
     */
    public static int[] neurons(String net, int epoch) {
        JsonNode layers = fixture().at("/" + net + "/" + epoch + "/near");
        int size = 0;
        for (JsonNode layer : layers) {
            size += layer.size();
        }
        int[] near = new int[size];
        int j = 0;
        for (JsonNode layer : layers) {
            for (JsonNode count : layer) {
                near[j++] = count.asInt();
            }
        }
        return near;
    }

    /** @return the samples whose prediction could flip */
    public static int logits(String net, int epoch) {
        return fixture().at("/" + net + "/" + epoch + "/nearLogits").asInt();
    }

    /** @return whether no value of the checkpoint lies near a decision: every figure is then determined */
    public static boolean clean(String net, int epoch) {
        return logits(net, epoch) == 0 && java.util.Arrays.stream(neurons(net, epoch)).allMatch(c -> c == 0);
    }
}
