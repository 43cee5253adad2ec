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
 * Writes every file of a command into its output directory as one {@link OutputSet}: exactly
 * the files {@link OutputFiles} lists for it, all or none.
 */
public final class Outputs {

    private Outputs() {
    }

    /**
     * Writes {@link OutputFiles#ANALYZE}.
     *
     * @param dir the output directory, held
     * @param analysis the analysis
     * @return the files written, in {@link OutputFiles#ANALYZE} order
     * @throws CoactException naming a file that cannot be written (then none is)
     */
    public static List<Path> analysis(OutputDirectory dir, Analysis analysis) throws CoactException {
        try (OutputSet set = dir.begin(OutputFiles.ANALYZE)) {
            set.writeJson("report.json", Reports.of(analysis));
            CsvTables.write(set, List.of(new CsvTables.Labelled(null, analysis)));
            GraphFiles.write(set, analysis, analysis.settings().outputs().graphEdges());
            set.writeText("report.html", HtmlReports.analysis(analysis));
            return set.commit();
        }
    }

    /**
     * Writes {@link OutputFiles#EVOLVE}.
     *
     * @param dir the output directory, held
     * @param evolution the evolution
     * @return the files written, in {@link OutputFiles#EVOLVE} order
     * @throws CoactException naming a file that cannot be written (then none is)
     */
    public static List<Path> evolution(OutputDirectory dir, Evolution evolution) throws CoactException {
        try (OutputSet set = dir.begin(OutputFiles.EVOLVE)) {
            set.writeJson("evolution.json", EvolutionReport.of(evolution));
            EvolutionTables.write(set, evolution);
            set.writeText("evolution.html", HtmlReports.evolution(evolution));
            return set.commit();
        }
    }
}
