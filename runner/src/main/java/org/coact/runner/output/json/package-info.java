/**
 * The JSON views of an analysis ({@code report.json}, schema
 * {@value org.coact.runner.output.json.Report#SCHEMA}) and of an evolution
 * ({@code evolution.json}): projections of the domain results, nothing computed here, and the
 * one JSON mapper every output uses.
 */
package org.coact.runner.output.json;
