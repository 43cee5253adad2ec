/**
 * The pipeline of {@code coact analyze}: model -> layer selection -> the dataset split into
 * shards of whole batches -> each shard streamed through the model (first the quantile passes
 * of {@code threshold: quantile q}, if set) into additive counts -> merged -> the
 * {@code Analyzer} of {@code coact-analysis} (graph, communities, entropy). Activations are
 * reduced to histograms or counts batch by batch and never kept. The shards run one after another
 * here, or, through a {@code ShardRunner}, as tasks in other JVMs (coact-spark's executors), each
 * set up from a Serializable {@code ShardJob} by the same code and merged by addition.
 */
package org.coact.runner.pipeline;
