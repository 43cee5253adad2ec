package org.coact.runner.output;

import org.coact.runner.output.json.Reports;
import org.coact.runner.output.json.Report;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.coact.analysis.Analysis;
import org.coact.analysis.activity.LayerShape;
import org.coact.analysis.entropy.NeuronEntropy;
import org.coact.api.CoactException;

/**
 * Tables for spreadsheets, pandas or R (RFC 4180 CSV via commons-csv, one header row, numbers
 * in Java's shortest round-trip form, empty cell for a missing value; text cells that a
 * spreadsheet would take for a formula neutralised, {@link CsvCells}). An optional leading
 * {@code checkpoint} column lets {@code evolve} stack several reports in one table.
 */
public final class CsvTables {

    /**
     * Header of {@code neurons.csv} after the optional checkpoint column; {@code threshold}
     * (tau_j) is last so that the earlier columns keep their positions.
     */
    static final List<String> NEURON_COLUMNS = List.of("id", "layer", "index", "activeCount", "activeFraction",
            "entropyBits", "conditionalEntropyBits", "mutualInformationBits", "preferredClass", "community", "threshold");
    /** Header of {@code layers.csv} after the optional checkpoint column. */
    static final List<String> LAYER_COLUMNS = List.of("layer", "opType", "neurons", "meanActiveFraction",
            "meanEntropyBits", "meanConditionalEntropyBits", "meanMutualInformationBits", "dead", "alwaysOn");

    private CsvTables() {
    }

    /**
     * One labelled analysis, for the stacked tables.
     *
     * @param checkpoint the checkpoint label, or null for a single analysis
     * @param analysis the analysis
     */
    public record Labelled(String checkpoint, Analysis analysis) {
    }

    /**
     * Writes {@code neurons.csv} and {@code layers.csv}.
     *
     * @param set the output set
     * @param reports one analysis (checkpoint null) or a series
     * @throws CoactException naming a file that cannot be written
     */
    public static void write(OutputSet set, List<Labelled> reports) throws CoactException {
        boolean series = reports.stream().anyMatch(r -> r.checkpoint() != null);
        write(set, "neurons.csv", series, NEURON_COLUMNS, printer -> {
            for (Labelled l : reports) {
                Analysis a = l.analysis();
                int j = 0;
                for (int t = 0; t < a.statistics().layers().size(); t++) {
                    LayerShape layer = a.statistics().layers().get(t);
                    double[] taus = a.taus().of(t, layer);
                    for (int i = 0; i < layer.neurons(); i++, j++) {
                        NeuronEntropy e = a.entropy().neurons().get(j);
                        List<Object> row = new ArrayList<>();
                        row.add(e.id());
                        row.add(layer.name());
                        row.add(i);
                        row.add(e.active());
                        row.add((double) e.active() / a.samples());
                        row.add(e.entropy());
                        row.add(e.conditionalEntropy());
                        row.add(e.mutualInformation());
                        row.add(e.hasPreferredClass() ? e.preferredClass() : "");
                        row.add(a.communities().partition().communityOf(j));
                        row.add(taus[i]);
                        print(printer, series, l.checkpoint(), row);
                    }
                }
            }
        });
        write(set, "layers.csv", series, LAYER_COLUMNS, printer -> {
            for (Labelled l : reports) {
                for (Report.LayerFigures f : Reports.layers(l.analysis())) {
                    print(printer, series, l.checkpoint(), List.of(f.name(), f.opType(), f.neurons(),
                            f.meanActiveFraction(), f.meanEntropyBits(), f.meanConditionalEntropyBits(),
                            f.meanMutualInformationBits(), f.dead(), f.alwaysOn()));
                }
            }
        });
    }

    /** Writes rows produced by {@code body}, each through {@link CsvCells#print}. */
    @FunctionalInterface
    public interface Rows {
        /**
         * @param printer where rows go
         * @throws IOException on failure
         */
        void print(CSVPrinter printer) throws IOException;
    }

    /**
     * Writes one CSV file of a set.
     *
     * @param set the output set
     * @param name the file's name
     * @param series whether to add a leading {@code checkpoint} column to the header
     * @param columns the other columns
     * @param rows the rows; print them with {@link CsvCells#print} (text cells neutralised)
     * @throws CoactException naming the file if it cannot be written
     */
    public static void write(OutputSet set, String name, boolean series, List<String> columns, Rows rows)
            throws CoactException {
        List<String> header = new ArrayList<>();
        if (series) {
            header.add("checkpoint");
        }
        header.addAll(columns);
        set.write(name, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter printer = new CSVPrinter(w, CSVFormat.RFC4180.builder()
                    .setHeader(header.toArray(String[]::new)).setRecordSeparator("\n").get());
            rows.print(printer);
            printer.flush();
        });
    }

    private static void print(CSVPrinter printer, boolean series, String checkpoint, List<?> row) throws IOException {
        if (series) {
            List<Object> all = new ArrayList<>();
            all.add(checkpoint);
            all.addAll(row);
            CsvCells.print(printer, all);
        } else {
            CsvCells.print(printer, row);
        }
    }
}
