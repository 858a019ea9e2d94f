package io.inferencegateway.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.text.DecimalFormat;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The scheduling benchmark's chart, one PNG: completed lines per job, the model's running requests, its queue with
 * the scheduler's budget for batches, and each interactive request's TTFT, over the same time axis; the fair
 * scenario solid, fifo dashed, bursts shaded.
 * Drawn headless.
 */
final class SchedulingChart {

    private static final Color[] JOB_COLORS = {new Color(0x1b9e77), new Color(0x7570b3), new Color(0xd95f02),
        new Color(0xe7298a), new Color(0x66a61e)};
    private static final Color BASELINE = new Color(0x999999);
    private static final Color BURST = new Color(255, 200, 120, 70);
    private static final Stroke SOLID = new BasicStroke(2f);
    private static final Stroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 4f}, 0f);
    private static final Stroke DOTTED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {2f, 3f}, 0f);
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 1250;

    private SchedulingChart() {
    }

    /** Writes the chart to {@code file}; {@code scenarios} are fair then fifo (the first solid, the others dashed). */
    static Path write(Path file, SchedulingPlan plan, ScenarioResult baseline, List<ScenarioResult> scenarios) {
        System.setProperty("java.awt.headless", "true");
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("seconds from the start of the waves"));
        plot.setGap(12);
        plot.add(lines(plan, scenarios), 3);
        plot.add(running(plan, baseline, scenarios), 2);
        plot.add(queue(scenarios), 2);
        plot.add(ttft(baseline, scenarios), 3);
        for (Object panel : plot.getSubplots()) {
            for (SchedulingPlan.Phase phase : plan.phases()) {
                if (phase.burst()) {
                    ((XYPlot) panel).addDomainMarker(new IntervalMarker(phase.startMillis() / 1000.0,
                            phase.endMillis() / 1000.0, BURST));
                }
            }
        }
        JFreeChart chart = new JFreeChart("Batches beside interactive waves: " + names(scenarios)
                + " (solid, then dashed); bursts shaded", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        try {
            ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the chart " + file, e);
        }
    }

    private static XYPlot lines(SchedulingPlan plan, List<ScenarioResult> scenarios) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int s = 0; s < scenarios.size(); s++) {
            ScenarioResult scenario = scenarios.get(s);
            for (int j = 0; j < plan.jobs().size(); j++) {
                String job = plan.jobs().get(j).name();
                XYSeries series = new XYSeries(scenario.name() + ": " + job);
                scenario.progress().stream().filter(p -> p.job().equals(job))
                        .forEach(p -> series.add(p.millis() / 1000.0, p.completed()));
                style(renderer, data.getSeriesCount(), JOB_COLORS[j % JOB_COLORS.length], s == 0 ? SOLID : DASHED);
                data.addSeries(series);
            }
        }
        return panel(data, renderer, new NumberAxis("completed lines"));
    }

    private static XYPlot running(SchedulingPlan plan, ScenarioResult baseline, List<ScenarioResult> scenarios) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        XYSeries base = new XYSeries(baseline.name() + ": running");
        baseline.backend().forEach(b -> base.add(b.millis() / 1000.0, b.running()));
        style(renderer, 0, BASELINE, new BasicStroke(1f));
        data.addSeries(base);
        for (int s = 0; s < scenarios.size(); s++) {
            XYSeries series = new XYSeries(scenarios.get(s).name() + ": running");
            scenarios.get(s).backend().forEach(b -> series.add(b.millis() / 1000.0, b.running()));
            style(renderer, data.getSeriesCount(), s == 0 ? new Color(0x1f78b4) : new Color(0xe31a1c),
                    s == 0 ? SOLID : DASHED);
            data.addSeries(series);
        }
        NumberAxis axis = new NumberAxis("model running (of " + plan.slots() + " slots)");
        axis.setRange(0, plan.slots() + 1);
        return panel(data, renderer, axis);
    }

    /** The model's queue, and the budget the leading worker gave batches (fair only: fifo has none). */
    private static XYPlot queue(List<ScenarioResult> scenarios) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int s = 0; s < scenarios.size(); s++) {
            ScenarioResult scenario = scenarios.get(s);
            Color color = s == 0 ? new Color(0x1f78b4) : new Color(0xe31a1c);
            XYSeries waiting = new XYSeries(scenario.name() + ": waiting");
            scenario.backend().forEach(b -> waiting.add(b.millis() / 1000.0, b.waiting()));
            style(renderer, data.getSeriesCount(), color, s == 0 ? SOLID : DASHED);
            data.addSeries(waiting);
            if (s == 0) {
                XYSeries budget = new XYSeries(scenario.name() + ": batch budget");
                scenario.scheduler().forEach(w -> budget.add(w.millis() / 1000.0, w.budget()));
                style(renderer, data.getSeriesCount(), new Color(0x6a3d9a), DOTTED);
                data.addSeries(budget);
            }
        }
        return panel(data, renderer, new NumberAxis("model waiting; batch budget"));
    }

    private static XYPlot ttft(ScenarioResult baseline, List<ScenarioResult> scenarios) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        List<ScenarioResult> all = new java.util.ArrayList<>(scenarios);
        all.addFirst(baseline);
        Color[] colors = {BASELINE, new Color(0x1f78b4), new Color(0xe31a1c), new Color(0x33a02c)};
        for (int s = 0; s < all.size(); s++) {
            XYSeries series = new XYSeries(all.get(s).name() + ": interactive TTFT", false);
            all.get(s).interactive().stream().filter(WaveLoad.Request::ok)
                    .forEach(r -> series.add(r.startMillis() / 1000.0, Math.max(0.01, r.ttftMillis() / 1000.0)));
            renderer.setSeriesPaint(s, colors[s % colors.length]);
            renderer.setSeriesShape(s, new Ellipse2D.Double(-2, -2, 4, 4));
            data.addSeries(series);
        }
        LogAxis axis = new LogAxis("interactive TTFT (s, log)");
        axis.setSmallestValue(0.01);
        axis.setTickUnit(new NumberTickUnit(1));
        axis.setMinorTickCount(9);
        axis.setMinorTickMarksVisible(true);
        axis.setNumberFormatOverride(new DecimalFormat("0.##"));
        return panel(data, renderer, axis);
    }

    private static XYPlot panel(XYSeriesCollection data, XYLineAndShapeRenderer renderer, ValueAxis axis) {
        // One path per series: drawn segment by segment, every short segment began with a dash, and fifo's dashed
        // lines came out solid, like fair's.
        renderer.setDrawSeriesLineAsPath(true);
        XYPlot plot = new XYPlot(data, null, axis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }

    private static void style(XYLineAndShapeRenderer renderer, int series, Color color, Stroke stroke) {
        renderer.setSeriesPaint(series, color);
        renderer.setSeriesStroke(series, stroke);
    }

    private static String names(List<ScenarioResult> scenarios) {
        return String.join(", ", scenarios.stream().map(ScenarioResult::name).toList());
    }
}
