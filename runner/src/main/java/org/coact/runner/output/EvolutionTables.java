package org.coact.runner.output;

import java.util.ArrayList;
import java.util.List;
import org.coact.analysis.Analysis;
import org.coact.analysis.ModelFigure;
import org.coact.api.CoactException;
import org.coact.runner.evolve.Evolution;

/** {@code checkpoints.csv} plus the stacked {@code layers.csv} and {@code neurons.csv} of a series. */
public final class EvolutionTables {

    private EvolutionTables() {
    }

    /**
     * @param set the output set
     * @param evolution the evolution
     * @throws CoactException naming a file that cannot be written
     */
    public static void write(OutputSet set, Evolution evolution) throws CoactException {
        List<String> columns = new ArrayList<>(List.of("index", "epoch", "label", "model", "accuracy", "correct"));
        for (ModelFigure f : ModelFigure.values()) {
            columns.add(f.key());
        }
        CsvTables.write(set, "checkpoints.csv", false, columns, printer -> {
            for (Evolution.Checkpoint c : evolution.checkpoints()) {
                Analysis a = c.analysis();
                List<Object> row = new ArrayList<>(List.of(c.index(), c.epoch() == null ? "" : c.epoch(), c.label(),
                        a.provenance().model().path(), a.accuracy(), a.statistics().correct()));
                for (ModelFigure f : ModelFigure.values()) {
                    double v = f.of(a);
                    row.add(f.isCount() && v == Math.rint(v) && Math.abs(v) < 1e15 ? (Object) (long) v : v);
                }
                CsvCells.print(printer, row);
            }
        });
        List<CsvTables.Labelled> labelled = new ArrayList<>();
        for (Evolution.Checkpoint c : evolution.checkpoints()) {
            labelled.add(new CsvTables.Labelled(c.label(), c.analysis()));
        }
        CsvTables.write(set, labelled);
    }
}
