package org.coact.runner.pipeline;

import org.coact.analysis.activity.CoactivationStats;
import org.coact.analysis.activity.QuantileSelector;
import org.coact.analysis.activity.Taus;
import org.coact.api.CoactException;
import org.coact.runner.data.DataShard;
import org.coact.runner.data.DataSource;
import org.coact.runner.data.RowRange;

/**
 * A shard task's open model and dataset ({@link ShardJob#open}): streams row ranges into the
 * histograms of a quantile pass or into counts, batch by batch exactly as a local run streams
 * its shards. Not thread-safe: one per task.
 */
public final class ShardSession implements AutoCloseable {

    private final Preparation preparation;
    private final ExtractionSession session;
    private final DataSource data;

    ShardSession(Preparation preparation, ExtractionSession session, DataSource data) {
        this.preparation = preparation;
        this.session = session;
        this.data = data;
    }

    /**
     * @param selector a copy of the analysing side's selection, in the pass to run
     * @param rows one shard
     * @return the shard's histograms of that pass
     * @throws CoactException naming the culprit (a NaN value, a batch the model refuses)
     */
    public QuantileSelector.Histograms histograms(QuantileSelector selector, RowRange rows) throws CoactException {
        return session.histograms(selector, shard(rows), ProgressListener.NONE);
    }

    /**
     * @param taus each neuron's threshold
     * @param rows one shard
     * @return the shard's counts
     * @throws CoactException naming the culprit (a bad label, a batch the model refuses)
     */
    public CoactivationStats count(Taus taus, RowRange rows) throws CoactException {
        return session.count(taus, shard(rows), ProgressListener.NONE);
    }

    private DataShard shard(RowRange rows) {
        return new DataShard(data, preparation.dataOptions(), rows);
    }

    /** Closes the extractor, the dataset and the model. */
    @Override
    public void close() throws CoactException {
        try (Preparation p = preparation) {
            session.close();
        }
    }
}
