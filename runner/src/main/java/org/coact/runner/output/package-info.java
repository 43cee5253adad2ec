/**
 * Everything a command writes, in one place: {@link org.coact.runner.output.OutputFiles} lists
 * each command's files, {@link org.coact.runner.output.Outputs} writes them from an
 * {@code Analysis} or an {@code Evolution}, into an {@link org.coact.runner.output.OutputDirectory}
 * (checked, locked against a second run, cleaned of what dead runs left) as one
 * {@link org.coact.runner.output.OutputSet}: staged inside the directory and moved into place only
 * when every file is complete, so a run leaves its full set or none of its files. CSV, GraphML
 * and GEXF writers live here, with the encodings names need in each format
 * ({@link org.coact.runner.output.Xml}, {@link org.coact.runner.output.CsvCells}); the JSON views
 * in {@code output.json}, the HTML pages in {@code output.html}.
 */
package org.coact.runner.output;
