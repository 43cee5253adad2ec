/**
 * Is the community structure more than firing rates? Hypergeometric null models drawn from the
 * counts alone, and the layer-structure baseline (docs/METHOD.md 6).
 */
package org.coact.analysis.significance;
