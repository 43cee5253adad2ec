package org.coact.runner.evolve;

import org.coact.runner.config.EvolveSettings.Order;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.coact.api.ConfigException;
import org.coact.api.ModelException;

/**
 * Resolves {@code --models} into an ordered series of checkpoints: a directory (its entries
 * that a plugin recognises), a glob ({@code runs/mlp-epoch*.onnx}), or an explicit list.
 * Order {@link Order#EPOCH} sorts by the epoch number in the file name ({@code epoch12},
 * {@code ep_3}, else the last number in the name); {@link Order#NAME} sorts by name;
 * {@link Order#GIVEN} keeps the list as given.
 */
public final class CheckpointSeries {

    private static final Pattern EPOCH = Pattern.compile("(?i)(?:epoch|ep)[-_]?(\\d+)");
    private static final Pattern LAST_NUMBER = Pattern.compile("(\\d+)(?!.*\\d)");

    /**
     * One checkpoint.
     *
     * @param path its file or directory
     * @param label the file name without extension
     * @param epoch the epoch number in its name, or null
     */
    public record Checkpoint(Path path, String label, Integer epoch) {
    }

    private CheckpointSeries() {
    }

    /**
     * @param specs the {@code --models} values: one directory, one glob, or several paths
     * @param order how to order them; null = EPOCH when every name has a number, else NAME
     *     (GIVEN is the default for an explicit list of two or more)
     * @param recognised whether a plugin recognises a directory entry
     * @return the series, at least two checkpoints
     * @throws ConfigException if the series is empty, has one checkpoint, or EPOCH order lacks numbers
     * @throws ModelException if a listed checkpoint does not exist
     */
    public static List<Checkpoint> resolve(List<String> specs, Order order, Predicate<Path> recognised)
            throws ConfigException, ModelException {
        List<Path> paths = new ArrayList<>();
        Order effective = order == Order.AUTO ? null : order;
        if (specs.size() == 1 && Files.isDirectory(Path.of(specs.get(0))) && !recognised.test(Path.of(specs.get(0)))) {
            Path dir = Path.of(specs.get(0));
            try (Stream<Path> list = Files.list(dir)) {
                // sorted: the file system's listing order differs between machines
                list.filter(p -> !p.getFileName().toString().startsWith(".")).filter(recognised).sorted()
                        .forEach(paths::add);
            } catch (IOException e) {
                throw new ConfigException("cannot list checkpoint directory " + dir + ": " + e.getMessage(), e);
            }
            if (paths.isEmpty()) {
                throw new ConfigException("no model that a plugin recognises in " + dir + " (see 'coact plugins')");
            }
        } else if (specs.size() == 1 && (specs.get(0).contains("*") || specs.get(0).contains("?"))) {
            paths.addAll(glob(specs.get(0)));
        } else {
            for (String s : specs) {
                Path p = Path.of(s);
                if (!Files.exists(p)) {
                    throw new ModelException("checkpoint not found: " + p);
                }
                paths.add(p);
            }
            if (effective == null && specs.size() > 1) {
                effective = Order.GIVEN;
            }
        }
        List<Checkpoint> series = paths.stream().map(CheckpointSeries::checkpoint).toList();
        if (effective == null) {
            effective = series.stream().allMatch(c -> c.epoch() != null) ? Order.EPOCH : Order.NAME;
        }
        series = sort(series, effective);
        if (series.size() < 2) {
            throw new ConfigException("a series needs at least two checkpoints, got " + series.size() + " from "
                    + specs);
        }
        return series;
    }

    private static List<Checkpoint> sort(List<Checkpoint> series, Order order) throws ConfigException {
        switch (order) {
            case GIVEN:
            case AUTO:
                return series;
            case NAME:
                return series.stream().sorted(Comparator.comparing(c -> c.path().getFileName().toString())).toList();
            case EPOCH:
            default:
                for (Checkpoint c : series) {
                    if (c.epoch() == null) {
                        throw new ConfigException("checkpoint " + c.path() + " has no epoch number in its name; use "
                                + "--order name or --order given");
                    }
                }
                List<Checkpoint> sorted = series.stream()
                        .sorted(Comparator.comparing(Checkpoint::epoch)
                                .thenComparing(c -> c.path().getFileName().toString()))
                        .toList();
                for (int i = 1; i < sorted.size(); i++) {
                    if (sorted.get(i).epoch().equals(sorted.get(i - 1).epoch())) {
                        throw new ConfigException("checkpoints " + sorted.get(i - 1).path() + " and " + sorted.get(i).path()
                                + " have the same epoch " + sorted.get(i).epoch() + "; use --order name or given");
                    }
                }
                return sorted;
        }
    }

    private static List<Path> glob(String pattern) throws ConfigException {
        Path p = Path.of(pattern);
        Path dir = p.getParent() == null ? Path.of(".") : p.getParent();
        if (dir.toString().contains("*") || dir.toString().contains("?")) {
            throw new ConfigException("glob '" + pattern + "': wildcards are supported in the last path element only");
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + p.getFileName());
        try (Stream<Path> list = Files.list(dir)) {
            List<Path> matched = list.filter(x -> matcher.matches(x.getFileName())).sorted().toList();
            if (matched.isEmpty()) {
                throw new ConfigException("no checkpoint matches '" + pattern + "'");
            }
            return matched;
        } catch (IOException e) {
            throw new ConfigException("cannot list " + dir + " for '" + pattern + "': " + e.getMessage(), e);
        }
    }

    static Checkpoint checkpoint(Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String label = dot > 0 && !Files.isDirectory(path) ? name.substring(0, dot) : name;
        return new Checkpoint(path, label, epochOf(label));
    }

    static Integer epochOf(String label) {
        Matcher m = EPOCH.matcher(label);
        Integer found = null;
        while (m.find()) {
            found = Integer.valueOf(m.group(1));
        }
        if (found != null) {
            return found;
        }
        Matcher last = LAST_NUMBER.matcher(label.toLowerCase(Locale.ROOT));
        return last.find() ? Integer.valueOf(last.group(1)) : null;
    }
}
