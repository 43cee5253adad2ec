package org.coact.runner.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * How the dataset is read.
 *
 * @param scale factor applied to integer inputs (e.g. 1/255 for uint8 images)
 * @param features the .npz array with a single-input model's inputs
 * @param labels the .npz array with the labels
 */
@JsonPropertyOrder({"scale", "features", "labels"})
public record DataConfig(
        @JsonProperty("scale") double scale,
        @JsonProperty("features") String features,
        @JsonProperty("labels") String labels) {
}
