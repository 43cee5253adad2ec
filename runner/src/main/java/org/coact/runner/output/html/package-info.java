/**
 * The HTML reports: {@code report.html} for {@code analyze} and {@code evolution.html} for
 * {@code evolve}, built by {@link org.coact.runner.output.html.HtmlReports}.
 *
 * <p>Each page is one self-contained file that opens offline: the CSS, Apache ECharts
 * (inlined from the {@code org.webjars.npm:echarts} jar, licence header kept) and the page's
 * own script are inline, and a Content-Security-Policy allows only those scripts (by hash),
 * so the page cannot fetch anything. The data travels as JSON in a
 * {@code <script type="application/json">} block with {@code < > &} and U+2028/2029 escaped;
 * every name from a model (layer names, neuron ids, op types, paths) is untrusted and is put
 * on the page only through {@code textContent}, canvas text or escaped tooltip HTML. Output
 * is deterministic: the same inputs give the same bytes.
 */
package org.coact.runner.output.html;
