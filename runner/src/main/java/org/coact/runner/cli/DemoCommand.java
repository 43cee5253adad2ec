package org.coact.runner.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.coact.api.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code coact demo}: analyze on the bundled MNIST MLP (epoch 10) and its test split. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Analyse the bundled MNIST MLP on its 2,000 held-out digits.",
            "The PyTorch MLP exported to ONNX at epoch 10. Equivalent to: coact analyze --model "
                + "testmodels/onnx/mlp/mlp-epoch10.onnx --data testmodels/mnist/test.npz --out DIR"})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "demo-out",
            description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--testmodels", paramLabel = "DIR",
            description = "The testmodels directory (default: the source checkout's, set by the launcher).")
    Path testmodels;

    @Option(names = "--model", paramLabel = "MODEL", defaultValue = "onnx/mlp/mlp-epoch10.onnx",
            description = "Model inside testmodels (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--plugins-dir", paramLabel = "DIR", description = "Directory of plugins.")
    Path pluginsDir;

    @Option(names = {"-q", "--quiet"}, description = "No progress bars or summary.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path dir = testmodels != null ? testmodels
                : System.getProperty("coact.testmodels") != null ? Path.of(System.getProperty("coact.testmodels"))
                : Path.of("testmodels");
        if (!Files.isDirectory(dir)) {
            throw new ConfigException("testmodels directory not found: " + dir + " (pass --testmodels DIR)");
        }
        String[] args = {"--model", dir.resolve(model).toString(), "--data", dir.resolve("mnist/test.npz").toString(),
            "--out", out.toString()};
        if (quiet) {
            args = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--quiet"))
                    .toArray(String[]::new);
        }
        if (pluginsDir != null) {
            args = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                    java.util.stream.Stream.of("--plugins-dir", pluginsDir.toString())).toArray(String[]::new);
        }
        // 'coact analyze' as the parent would run it (the parent adds only the subcommand named)
        CommandLine parent = spec.commandLine().getParent();
        if (!parent.getSubcommands().containsKey("analyze")) {
            parent.addSubcommand(new AnalyzeCommand());
        }
        CommandLine analyze = parent.getSubcommands().get("analyze");
        CommandLine.ParseResult parsed = analyze.parseArgs(args);
        if (!parsed.errors().isEmpty()) {
            throw parsed.errors().get(0);
        }
        return ((AnalyzeCommand) analyze.getCommand()).call();
    }
}
