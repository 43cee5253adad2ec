/**
 * An example third-party model-format plugin for Coact: dense networks stored as numpy
 * weights in an {@code .npz}. It depends on {@code coact-api} only; see the plugin author's
 * guide, {@code plugins/examples/README.md}.
 */
package com.example.coact.dense;
