package org.coact.runner.output;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coact.api.CoactException;

/**
 * The staging directories of {@link OutputSet} inside an output directory, and the clean-up of
 * those that runs which have died left behind.
 *
 * <p>Layout of {@code --out/.coact-staging-<pid>-<random>/}: {@code owner} (the pid and the
 * start time of the process that made it), {@code new/} (the run's files while they are written),
 * {@code old/} (the files they replace, during the move) and, once every file is complete,
 * {@code commit} (the journal: one {@code put NAME} or {@code drop NAME} line per file). A
 * staging directory whose owner is dead (no such pid, or the pid now belongs to a process
 * started at another time) is removed by the next run into the directory; if it holds a
 * journal, the run died while moving its complete files into place, and the move is finished
 * first (roll forward), so that the directory holds that run's full set rather than a mix.
 * Also removed: the {@code .<name>.<random>.tmp} files earlier Coact versions wrote beside
 * each output.
 */
final class StagingDirs {

    /** Prefix of every staging directory's name. */
    static final String PREFIX = ".coact-staging-";
    static final String OWNER = "owner";
    static final String NEW = "new";
    static final String OLD = "old";
    static final String JOURNAL = "commit";

    private static final Pattern OWNER_LINE = Pattern.compile("pid=(\\d+)\\s+start=(\\S+)");
    private static final Pattern OLD_TEMPORARY = Pattern.compile("\\.(.+)\\.[0-9a-z]+\\.tmp");

    private StagingDirs() {
    }

    /** @return what goes into {@code owner} for this process */
    static String ownerLine() {
        ProcessHandle self = ProcessHandle.current();
        return "pid=" + self.pid() + " start=" + self.info().startInstant().map(Instant::toString).orElse("unknown") + "\n";
    }

    /**
     * Removes the staging directories of dead runs (finishing their commit where one was under
     * way) and earlier versions' temporary files. Call with the directory's lock held.
     *
     * @param dir the output directory
     * @param known every file name a Coact command writes
     * @throws CoactException naming the staging directory if an interrupted commit cannot be
     *     finished
     */
    static void cleanStale(Path dir, List<String> known) throws CoactException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, ".*")) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                Matcher tmp = OLD_TEMPORARY.matcher(name);
                if (name.startsWith(PREFIX) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    if (!ownerAlive(p)) {
                        rollForward(dir, p);
                        deleteTree(p);
                    }
                } else if (tmp.matches() && known.contains(tmp.group(1)) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            // best effort: a leftover that cannot be listed or removed does not touch this run's files
        }
    }

    /**
     * @param staging a staging directory
     * @return whether the process that made it is still running (and is not this one: this
     *     process's own transactions clean up after themselves)
     */
    static boolean ownerAlive(Path staging) {
        Optional<String> line;
        try {
            line = Optional.of(Files.readString(staging.resolve(OWNER)));
        } catch (IOException e) {
            line = Optional.empty();
        }
        if (line.isEmpty()) {
            return false; // died between making the directory and writing its owner
        }
        Matcher m = OWNER_LINE.matcher(line.get());
        if (!m.find()) {
            return false;
        }
        long pid = Long.parseLong(m.group(1));
        if (pid == ProcessHandle.current().pid()) {
            return false;
        }
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) {
            return false;
        }
        Optional<Instant> started = p.get().info().startInstant();
        // the pid was reused when the process now running under it started at another time
        return started.isEmpty() || m.group(2).equals("unknown") || started.get().toString().equals(m.group(2));
    }

    /** Finishes an interrupted commit: every complete file still in {@code new/} goes into place. */
    private static void rollForward(Path dir, Path staging) throws CoactException {
        Path journal = staging.resolve(JOURNAL);
        if (!Files.isRegularFile(journal)) {
            return; // never committed: its files are dropped, the directory keeps the previous set
        }
        try {
            for (String line : Files.readAllLines(journal)) {
                String[] op = line.split(" ", 2);
                if (op.length != 2 || op[1].contains("/") || op[1].startsWith(".")) {
                    continue;
                }
                Path target = dir.resolve(op[1]);
                if (op[0].equals("put")) {
                    Path file = staging.resolve(NEW).resolve(op[1]);
                    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    }
                } else if (op[0].equals("drop")) {
                    Files.deleteIfExists(target);
                }
            }
        } catch (IOException e) {
            throw new CoactException("cannot finish the interrupted commit of an earlier run in " + staging + ": "
                    + IoErrors.reason(e) + "; move its files from " + staging.resolve(NEW) + " into " + dir
                    + " or remove it", e);
        }
    }

    /**
     * Deletes a directory tree, best effort (symbolic links are removed, not followed).
     *
     * @param root the directory
     */
    static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    quietlyDelete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) {
                    quietlyDelete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            // best effort: a later run removes what is left
        }
    }

    private static void quietlyDelete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // best effort: a later run removes what is left
        }
    }
}
