package org.coact.runner.cli;

import java.nio.file.Path;
import org.coact.api.CoactException;
import org.coact.runner.output.OutputDirectory;
import picocli.CommandLine.Option;

/** {@code --out} and {@code --quiet}, shared by the commands that write results. */
public final class OutputOptions {

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR",
            description = "Output directory (created if needed); a run replaces its files all at once or not at all.")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "No progress bars or summary.")
    boolean quiet;

    /** @return whether {@code --quiet} was given */
    public boolean quiet() {
        return quiet;
    }

    /**
     * @return the output directory, created, checked and locked before any work; close it at the end
     * @throws CoactException naming it and the reason when it is a file, not writable or in use
     */
    public OutputDirectory open() throws CoactException {
        return OutputDirectory.open(out);
    }
}
