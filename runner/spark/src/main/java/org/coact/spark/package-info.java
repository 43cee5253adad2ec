/**
 * Coact on Apache Spark: {@code coact analyze} (and {@code evolve}) as Spark jobs that give the
 * report of a local run byte for byte. The driver sets up as a local run does, plans the shards
 * (row ranges of whole batches), and runs each pass over them as one Spark job
 * ({@link org.coact.spark.SparkShardRunner}); every executor JVM starts one plugin host on the
 * distribution's {@code plugins/} ({@code --archives coact-dist.tgz#coact}) and each task sets up
 * from the job ({@link org.coact.runner.pipeline.ShardJob}) through the runner's code, streams
 * its shards and returns their additive histograms or counts, merged by addition with
 * {@code treeReduce}. Graph, communities, null models and every output file are then built once
 * on the driver by the runner's pipeline and writers. Spark is the cluster's ({@code provided}).
 */
package org.coact.spark;
