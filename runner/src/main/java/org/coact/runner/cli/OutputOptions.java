package org.coact.runner.cli;

import java.nio.file.Path;
import org.coact.api.CoactException;
import org.coact.runner.output.OutputDirectory;
import picocli.CommandLine.Option;

/** {@code --out} and {@code --quiet}, shared by the commands that write results. */
public final class OutputOptions {

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR",
            description = "Output directory (created if needed); every file in it is written atomically.")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "No progress bars or summary.")
    boolean quiet;

    /** @return whether {@code --quiet} was given */
    public boolean quiet() {
        return quiet;
    }

    /**
     * @return the output directory, created and checked before any work
     * @throws CoactException naming it and the reason when it is a file or not writable
     */
    public Path prepare() throws CoactException {
        return OutputDirectory.prepare(out);
    }
}
