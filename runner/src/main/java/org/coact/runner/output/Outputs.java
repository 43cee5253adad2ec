package org.coact.runner.output;

import org.coact.runner.output.json.EvolutionReport;
import org.coact.runner.output.json.Reports;
import java.nio.file.Path;
import java.util.List;
import org.coact.analysis.Analysis;
import org.coact.api.CoactException;
import org.coact.runner.evolve.Evolution;
import org.coact.runner.output.html.HtmlReports;

/**
 * Writes every file of a command into its output directory, each atomically, exactly the
 * files {@link OutputFiles} lists for it.
 */
public final class Outputs {

    private Outputs() {
    }

    /**
     * Writes {@link OutputFiles#ANALYZE}.
     *
     * @param dir the output directory, prepared
     * @param analysis the analysis
     * @return the files written, in {@link OutputFiles#ANALYZE} order
     * @throws CoactException naming a file that cannot be written
     */
    public static List<Path> analysis(Path dir, Analysis analysis) throws CoactException {
        AtomicFiles.writeJson(dir.resolve("report.json"), Reports.of(analysis));
        CsvTables.write(dir, List.of(new CsvTables.Labelled(null, analysis)));
        GraphFiles.write(dir, analysis, analysis.settings().outputs().graphEdges());
        AtomicFiles.writeText(dir.resolve("report.html"), HtmlReports.analysis(analysis));
        return OutputFiles.ANALYZE.stream().map(f -> dir.resolve(f.name())).toList();
    }

    /**
     * Writes {@link OutputFiles#EVOLVE}.
     *
     * @param dir the output directory, prepared
     * @param evolution the evolution
     * @return the files written, in {@link OutputFiles#EVOLVE} order
     * @throws CoactException naming a file that cannot be written
     */
    public static List<Path> evolution(Path dir, Evolution evolution) throws CoactException {
        AtomicFiles.writeJson(dir.resolve("evolution.json"), EvolutionReport.of(evolution));
        EvolutionTables.write(dir, evolution);
        AtomicFiles.writeText(dir.resolve("evolution.html"), HtmlReports.evolution(evolution));
        return OutputFiles.EVOLVE.stream().map(f -> dir.resolve(f.name())).toList();
    }
}
