/**
 * Everything a command writes, in one place: {@link org.coact.runner.output.OutputFiles} lists
 * each command's files, {@link org.coact.runner.output.Outputs} writes them from an
 * {@code Analysis} or an {@code Evolution}, and {@link org.coact.runner.output.AtomicFiles}
 * writes any file atomically (a temporary file in the target directory, then an atomic rename)
 * so a failed run never leaves a half-written file. CSV, GraphML and GEXF writers live here;
 * the JSON views in {@code output.json}, the HTML pages in {@code output.html}.
 */
package org.coact.runner.output;
