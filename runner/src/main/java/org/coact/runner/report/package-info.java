/**
 * The report model ({@code report.json}, schema {@value org.coact.runner.report.Report#SCHEMA})
 * as records, and {@link org.coact.runner.report.ReportWriter}, which writes any output file
 * atomically (a temporary file in the target directory, then an atomic rename) so a failed run
 * never leaves a half-written file.
 */
package org.coact.runner.report;
