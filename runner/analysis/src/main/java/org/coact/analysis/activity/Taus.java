package org.coact.analysis.activity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The threshold each neuron's activity is counted against (METHOD.md 3), per layer in forward
 * order: one value everywhere for a {@link Threshold.Fixed}, each neuron's own quantile after
 * the {@link QuantileSelector}'s passes. Immutable.
 *
 * @param perLayer per selected layer, one tau per neuron
 */
public record Taus(List<double[]> perLayer) implements java.io.Serializable {

    /** Copies. */
    public Taus {
        List<double[]> copy = new ArrayList<>(perLayer.size());
        for (double[] t : perLayer) {
            copy.add(t.clone());
        }
        perLayer = List.copyOf(copy);
    }

    /**
     * @param tau one threshold
     * @param layers the layers
     * @return tau for every neuron of every layer
     */
    public static Taus uniform(double tau, List<LayerShape> layers) {
        List<double[]> taus = new ArrayList<>(layers.size());
        for (LayerShape layer : layers) {
            double[] t = new double[layer.neurons()];
            Arrays.fill(t, tau);
            taus.add(t);
        }
        return new Taus(taus);
    }

    /**
     * @param layerIndex a layer's position
     * @param layer its shape, to check the count
     * @return a copy of its neurons' taus
     */
    public double[] of(int layerIndex, LayerShape layer) {
        double[] t = perLayer.get(layerIndex);
        if (t.length != layer.neurons()) {
            throw new IllegalArgumentException("layer " + layer.name() + " has " + layer.neurons() + " neurons but "
                    + t.length + " thresholds");
        }
        return t.clone();
    }

    /** @return a copy of every layer's taus */
    @Override
    public List<double[]> perLayer() {
        return perLayer.stream().map(double[]::clone).toList();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Taus other) || perLayer.size() != other.perLayer.size()) {
            return false;
        }
        for (int t = 0; t < perLayer.size(); t++) {
            if (!Arrays.equals(perLayer.get(t), other.perLayer.get(t))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (double[] t : perLayer) {
            h = 31 * h + Arrays.hashCode(t);
        }
        return h;
    }

    @Override
    public String toString() {
        return "Taus[layers=" + perLayer.size() + "]";
    }
}
