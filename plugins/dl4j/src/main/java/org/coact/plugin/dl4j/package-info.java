/**
 * The Deeplearning4j plugin: two model formats on one engine (DL4J 1.0.0-M2.1 with ND4J's CPU
 * backend, Linux x86-64 natives only, in the plugin's own {@code lib/}).
 *
 * <p>{@link org.coact.plugin.dl4j.Dl4jPlugin} is the PF4J entry point;
 * {@link org.coact.plugin.dl4j.Dl4jFormat} ({@code dl4j}: ModelSerializer zips of a
 * {@code MultiLayerNetwork} or {@code ComputationGraph}) and
 * {@link org.coact.plugin.dl4j.KerasFormat} ({@code keras}: Keras 2 {@code .h5} files through
 * DL4J's Keras import) are the {@code ModelFormat} extensions. The rest is package-private:
 * {@code Engine} (context class loader and thread settings around every ND4J call),
 * {@code ModelZip} and {@code KerasFile} (recognition, loading, one-line errors),
 * {@code KerasActivations} and {@code ActivationKerasGELU} (Keras {@code gelu} and {@code silu},
 * which DL4J's Keras import lacks, edited out of the config in memory and put back after it),
 * {@code Network} with {@code SequentialNetwork} and {@code GraphNetwork} (both network kinds as
 * named nodes in forward order), {@code LayerKinds} (op types, activation roles, shapes),
 * {@code InputTypes} (input shapes the file does not store), {@code Dl4jModelHandle},
 * {@code Dl4jExtractor} and {@code Tensors}.
 */
package org.coact.plugin.dl4j;
