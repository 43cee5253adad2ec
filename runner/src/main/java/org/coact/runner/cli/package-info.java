/**
 * The {@code coact} command line (picocli): {@code analyze}, {@code layers}, {@code plugins}
 * and {@code demo}. User mistakes end in one line on stderr naming the culprit and a non-zero
 * exit code (see {@link org.coact.runner.cli.ExitCodes}); stack traces only with
 * {@code COACT_DEBUG=1}.
 */
package org.coact.runner.cli;
