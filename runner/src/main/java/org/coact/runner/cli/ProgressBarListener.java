package org.coact.runner.cli;

import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.coact.runner.pipeline.ProgressListener;

/**
 * Shows extraction progress as a progress bar on stderr (me.tongfei:progressbar). The speed is
 * computed here from the samples done and the time since the pass started, so it reads as a
 * number from the first update (the library's own shows {@code ?} for the first second).
 */
final class ProgressBarListener implements ProgressListener {

    private ProgressBar bar;
    private long started;
    private long done;
    private String unit = "samples";

    @Override
    public void start(String task, long total) {
        start(task, total, "samples");
    }

    @Override
    public void start(String task, long total, String unitName) {
        unit = unitName;
        bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setUnit(" " + unitName, 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build();
        started = System.nanoTime();
        done = 0;
    }

    @Override
    public void advance(long samples) {
        if (bar != null) {
            done += samples;
            bar.stepBy(samples);
            double seconds = (System.nanoTime() - started) / 1e9;
            if (seconds > 0) {
                bar.setExtraMessage(String.format(Locale.ROOT, "%,.0f %s/s", done / seconds, unit));
            }
        }
    }

    @Override
    public void finish() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
