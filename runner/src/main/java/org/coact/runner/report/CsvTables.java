package org.coact.runner.report;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.coact.api.CoactException;

/**
 * Tables for spreadsheets, pandas or R (RFC 4180 CSV via commons-csv, one header row, numbers
 * in Java's shortest round-trip form, empty cell for a missing value). An optional leading
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
     * One labelled report, for the stacked tables.
     *
     * @param checkpoint the checkpoint label, or null for a single analysis
     * @param report the report
     */
    public record Labelled(String checkpoint, Report report) {
    }

    /**
     * Writes {@code neurons.csv} and {@code layers.csv}.
     *
     * @param dir output directory
     * @param reports one report (checkpoint null) or a series
     * @throws CoactException naming a file that cannot be written
     */
    public static void write(Path dir, List<Labelled> reports) throws CoactException {
        boolean series = reports.stream().anyMatch(r -> r.checkpoint() != null);
        write(dir.resolve("neurons.csv"), series, NEURON_COLUMNS, printer -> {
            for (Labelled l : reports) {
                for (Report.NeuronFigures n : l.report().neurons()) {
                    List<Object> row = new ArrayList<>();
                    row.add(n.id());
                    row.add(n.layer());
                    row.add(n.index());
                    row.add(n.activeCount());
                    row.add(n.activeFraction());
                    row.add(n.entropyBits());
                    row.add(n.conditionalEntropyBits());
                    row.add(n.mutualInformationBits());
                    row.add(n.preferredClass() == null ? "" : n.preferredClass());
                    row.add(l.report().communities().membership().get(n.id()));
                    row.add(n.threshold());
                    print(printer, series, l.checkpoint(), row);
                }
            }
        });
        write(dir.resolve("layers.csv"), series, LAYER_COLUMNS, printer -> {
            for (Labelled l : reports) {
                for (Report.LayerFigures f : l.report().layers()) {
                    print(printer, series, l.checkpoint(), List.of(f.name(), f.opType(), f.neurons(),
                            f.meanActiveFraction(), f.meanEntropyBits(), f.meanConditionalEntropyBits(),
                            f.meanMutualInformationBits(), f.dead(), f.alwaysOn()));
                }
            }
        });
    }

    /** Writes rows produced by {@code body}. */
    @FunctionalInterface
    public interface Rows {
        /**
         * @param printer where rows go
         * @throws IOException on failure
         */
        void print(CSVPrinter printer) throws IOException;
    }

    /**
     * Writes one CSV file atomically.
     *
     * @param file target
     * @param series whether to add a leading {@code checkpoint} column to the header
     * @param columns the other columns
     * @param rows the rows
     * @throws CoactException naming the file if it cannot be written
     */
    public static void write(Path file, boolean series, List<String> columns, Rows rows) throws CoactException {
        List<String> header = new ArrayList<>();
        if (series) {
            header.add("checkpoint");
        }
        header.addAll(columns);
        ReportWriter.write(file, out -> {
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
            printer.printRecord(all);
        } else {
            printer.printRecord(row);
        }
    }
}
