/**
 * The dataset layer: numpy {@code .npy} / {@code .npz} files read as a stream of batches,
 * never loaded whole (Coact keeps only counts, so memory stays O(batch size × sample size)).
 *
 * <ul>
 *   <li>{@link org.coact.runner.data.Dataset} opens a data file (and optional labels file)
 *       with {@link org.coact.runner.data.DatasetOptions}, checks it, and hands out
 *       {@link org.coact.runner.data.BatchCursor}s of {@code Map<input, FloatTensor>}.</li>
 *   <li>{@link org.coact.runner.data.DataSource} says where a dataset is, as plain values a
 *       shard task elsewhere opens again: {@link org.coact.runner.data.FileSource} for files of
 *       this machine; other file systems (coact-spark's Hadoop paths) give their files as
 *       {@link org.coact.runner.data.DataFile}s, and other formats (its Parquet columns) their
 *       arrays as {@link org.coact.runner.data.ArrayRef}s read by a
 *       {@link org.coact.runner.data.RowReader} ({@link org.coact.runner.data.Dataset#of}).
 *       The runner itself has no dependency on either.</li>
 *   <li>{@link org.coact.runner.data.InputBinding} decides which array feeds which model
 *       input and with what per-sample shape.</li>
 *   <li>{@link org.coact.runner.data.NpyHeader}, {@link org.coact.runner.data.NpyReader} and
 *       {@link org.coact.runner.data.NpzArchive} are the numpy reader underneath.</li>
 *   <li>{@link org.coact.runner.data.Hashing} computes file SHA-256s for provenance.</li>
 * </ul>
 *
 * <p><b>Why our own .npy reader.</b> No maintained pure-Java NPY reader fitted: those on
 * Maven Central load whole arrays into memory, or are Kotlin. The format is small (numpy's
 * {@code numpy/lib/format.py}: magic, version, a Python-literal header dict, raw
 * row-major data), so this package reads it sequentially from any {@code InputStream}, which
 * also makes it work on a zip entry of an .npz.
 *
 * <p><b>What is read.</b> Format versions 1.0, 2.0 and 3.0; dtypes float32, float64, uint8,
 * int8, int16, uint16, int32, uint32, int64 and bool, little- or big-endian; C order only
 * (Fortran order is refused with a hint). Features become float32: float64 is narrowed,
 * integer types are multiplied by {@code scale} (floats are never scaled). Labels become
 * longs: integer and bool arrays exactly, float arrays only if every value is a whole
 * number (else a {@code DataException} naming the value and index), since numpy code often
 * stores class indices as float.
 *
 * <p>Errors are {@link org.coact.api.DataException}s whose one-line message names the file,
 * the array and the culprit; programming errors (batch size 0) are
 * {@code IllegalArgumentException}s.
 */
package org.coact.runner.data;
