package org.coact.runner.cli;

import java.util.List;
import java.util.TreeSet;
import org.coact.api.format.Names;
import picocli.CommandLine;

/**
 * One line for a command-line mistake, naming what was wrong and, where something close
 * exists, what was probably meant: an unknown option ({@code --modle} suggests
 * {@code --model}) or command ({@code anlyze} suggests {@code analyze}) is reported before any
 * missing required option, because it is usually its cause.
 */
final class UsageErrors {

    private UsageErrors() {
    }

    /**
     * @param ex what picocli refused
     * @return the message, without the {@code coact: } prefix, ending in where to find help
     */
    static String describe(CommandLine.ParameterException ex) {
        CommandLine cmd = ex.getCommandLine();
        String help = "; see '" + cmd.getCommandSpec().qualifiedName() + " --help'";
        List<String> unmatched = cmd.getUnmatchedArguments();
        if (!unmatched.isEmpty()) {
            String first = unmatched.get(0);
            if (first.startsWith("-")) {
                String name = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
                TreeSet<String> options = new TreeSet<>(cmd.getCommandSpec().optionsMap().keySet());
                // a misspelt long option is a long option: short ones are never closer in meaning
                options.removeIf(o -> name.startsWith("--") != o.startsWith("--"));
                return "unknown option '" + name + "'" + Names.didYouMean(name, options) + help;
            }
            if (!cmd.getSubcommands().isEmpty()) {
                return "unknown command '" + first + "'" + Names.didYouMean(first, cmd.getSubcommands().keySet())
                        + help;
            }
            return "unexpected argument '" + first + "'" + help;
        }
        return oneLine(ex.getMessage()) + help;
    }

    private static String oneLine(String s) {
        String line = s == null ? "invalid command line" : s.strip();
        int nl = line.indexOf('\n');
        return nl < 0 ? line : line.substring(0, nl);
    }
}
