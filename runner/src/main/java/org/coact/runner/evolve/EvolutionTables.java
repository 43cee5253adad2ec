package org.coact.runner.evolve;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.coact.api.CoactException;
import org.coact.runner.report.CsvTables;
import org.coact.runner.report.Report;

/** {@code checkpoints.csv} plus the stacked {@code layers.csv} and {@code neurons.csv} of a series. */
public final class EvolutionTables {

    private EvolutionTables() {
    }

    /**
     * @param dir output directory
     * @param result the evolution
     * @throws CoactException naming a file that cannot be written
     */
    public static void write(Path dir, EvolutionPipeline.Result result) throws CoactException {
        List<String> columns = new ArrayList<>(List.of("index", "epoch", "label", "model", "accuracy", "correct"));
        columns.addAll(EvolutionPipeline.FIGURES.keySet());
        CsvTables.write(dir.resolve("checkpoints.csv"), false, columns, printer -> {
            for (EvolutionReport.Checkpoint c : result.report().checkpoints()) {
                Report r = result.analyses().get(c.index()).report();
                List<Object> row = new ArrayList<>(List.of(c.index(), c.epoch() == null ? "" : c.epoch(), c.label(),
                        c.model().path(), c.accuracy(), c.correct()));
                for (Map.Entry<String, ToDoubleFunction<Report>> f : EvolutionPipeline.FIGURES.entrySet()) {
                    double v = f.getValue().applyAsDouble(r);
                    row.add(v == Math.rint(v) && Math.abs(v) < 1e15 && isCount(f.getKey()) ? (Object) (long) v : v);
                }
                printer.printRecord(row);
            }
        });
        List<CsvTables.Labelled> labelled = new ArrayList<>();
        for (EvolutionReport.Checkpoint c : result.report().checkpoints()) {
            labelled.add(new CsvTables.Labelled(c.label(), result.analyses().get(c.index()).report()));
        }
        CsvTables.write(dir, labelled);
    }

    private static boolean isCount(String figure) {
        return figure.equals("dead") || figure.equals("alwaysOn") || figure.equals("communities")
                || figure.equals("countWithoutSingletons");
    }
}
