/**
 * The analysis core (docs/METHOD.md 2-7), free of any runner, engine or file format:
 * {@link org.coact.analysis.Settings} (what decides the figures), the
 * {@link org.coact.analysis.Measurement} that streaming a dataset produces, the
 * {@link org.coact.analysis.Analyzer} that turns it into an immutable
 * {@link org.coact.analysis.Analysis}, and {@link org.coact.analysis.ModelFigure}, the
 * model-level figures. Subpackages, lowest first: {@code activity} (reduction, thresholds,
 * quantiles, additive counts), {@code graph}, {@code entropy}, {@code community} (the built-in
 * algorithms and partition quality).
 */
package org.coact.analysis;
