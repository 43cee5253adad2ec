package org.coact.runner.analysis;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a rank-3 or rank-4 activation is reduced to one value per neuron (METHOD.md section 2,
 * option {@code reduce}).
 */
public enum Reduction {
    /** Arithmetic mean: sum in double over the positions in index order, then divide by their count. */
    MEAN,
    /** Maximum over the positions. */
    MAX;

    /** @return the id used in configuration files and reports */
    @JsonValue
    public String id() {
        return SettingIds.id(this);
    }

    /**
     * @param id a configuration value
     * @return the constant with that id
     * @throws IllegalArgumentException naming the value and the allowed ids
     */
    @JsonCreator
    public static Reduction fromId(String id) {
        return SettingIds.parse(Reduction.class, id);
    }
}
