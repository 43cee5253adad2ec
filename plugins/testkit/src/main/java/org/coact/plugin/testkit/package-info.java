/**
 * The test kit of the format plugins, used by their tests in test scope only: {@link
 * org.coact.plugin.testkit.TestModels} finds the bundled models and reads their {@code .npy}/{@code
 * .npz} reference arrays ({@link org.coact.plugin.testkit.Npy}), {@link
 * org.coact.plugin.testkit.Activations} compares and reshapes activations, {@link
 * org.coact.plugin.testkit.ModelFormatContract} is the contract every {@code ModelFormat} keeps on
 * every bundled model kind, and {@link org.coact.plugin.testkit.PluginZipContract} loads a packaged
 * plugin zip through a real PF4J plugin manager.
 */
package org.coact.plugin.testkit;
