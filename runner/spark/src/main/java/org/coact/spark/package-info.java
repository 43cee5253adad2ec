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
 *
 * <p>Paths with a scheme go through Hadoop's {@code FileSystem} with the session's Hadoop
 * configuration ({@code HadoopFiles}): a model is copied to each JVM once and
 * checked against the driver's SHA-256 ({@code LocalCopies}), an .npy streamed,
 * an .npz copied ({@code HadoopNpySource}). Parquet data
 * ({@code ParquetSource}) is planned from its footers
 * ({@code ParquetPlan}) and read column by column, row group by row group
 * ({@code ParquetRows}), as the runner's arrays; both come with Spark
 * (hadoop-client-api, parquet-hadoop), so the runner has no Hadoop dependency.
 */
package org.coact.spark;
