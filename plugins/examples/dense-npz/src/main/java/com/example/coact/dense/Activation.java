package com.example.coact.dense;

import java.util.Locale;

/** The hidden layers' activation, as the file declares it. */
enum Activation {
    RELU("Relu"), TANH("Tanh"), SIGMOID("Sigmoid");

    private final String opType;

    Activation(String opType) {
        this.opType = opType;
    }

    /** @return the op type {@code coact layers} shows */
    String opType() {
        return opType;
    }

    float apply(float x) {
        return switch (this) {
            case RELU -> x > 0 ? x : 0f;
            case TANH -> (float) Math.tanh(x);
            case SIGMOID -> (float) (1 / (1 + Math.exp(-x)));
        };
    }

    static Activation of(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
