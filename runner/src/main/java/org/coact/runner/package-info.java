/**
 * The Coact runner and {@link org.coact.runner.Coact}, its Java API. Packages, lowest first
 * (a package imports only those below it): {@code data} (streamed NPY/NPZ datasets and their
 * shards), {@code plugin} (the PF4J host and registries), {@code config} (typed settings bound
 * from YAML), {@code pipeline} (sharded extraction into additive counts, then the analysis
 * core of {@code coact-analysis}), {@code evolve} (checkpoint series), {@code output} (every
 * file a command writes; {@code output.json} the JSON views, {@code output.html} the pages),
 * this package, and {@code cli}.
 */
package org.coact.runner;
