package com.switchboard.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Writes BENCHMARKS.md and its charts (benchmarks/*.png) from one run. The part of BENCHMARKS.md below
 * {@link #KEPT} (the optimisation log, written by hand) is carried over from the previous file.
 */
final class BenchmarkReport {

    static final String KEPT = "<!-- Everything below this line is written by hand and kept by the benchmark run. -->";

    record Ingestion(double maxPerSecond, Latency atMax, double halfPerSecond, Latency atHalf,
                     EngineBaseline.Result bare, EngineBaseline.Result naive) {
    }

    record AgainstLoad(double share, double offered, double achieved, Latency latency) {
    }

    private final Path root;
    private final String command;
    private final ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final Map<Integer, Long> heap = new TreeMap<>();
    private final Map<Integer, Long> h2Cache = new TreeMap<>();
    private final Map<Integer, Ingestion> ingestion = new TreeMap<>();
    private final List<AgainstLoad> againstLoad = new ArrayList<>();
    private final Map<String, Long> failures = new LinkedHashMap<>();
    private int againstLoadLiveCalls;
    private double flowsPerSecond;
    private SwitchboardBenchmark.Hops flowHops = SwitchboardBenchmark.Hops.NONE;
    private double handWrittenPerSecond;
    private Latency handWrittenHops = Latency.NONE;
    private double moderateFlowRate;
    private double ivrPerSecond;
    private Latency ivrKeyToTransfer;
    private double ivrModerateRate;

    BenchmarkReport(Path root, String command) {
        this.root = root;
        this.command = command;
    }

    void setting(String name, String value) {
        settings.put(name, value);
    }

    void heap(int liveCalls, long usedBytes, long h2CacheBytes) {
        heap.put(liveCalls, usedBytes);
        h2Cache.put(liveCalls, h2CacheBytes);
    }

    void ingestion(int liveCalls, double maxPerSecond, Latency atMax, double halfPerSecond, Latency atHalf,
                   EngineBaseline.Result bare, EngineBaseline.Result naive) {
        ingestion.put(liveCalls, new Ingestion(maxPerSecond, atMax, halfPerSecond, atHalf, bare, naive));
    }

    void againstLoad(int liveCalls, double share, double offered, double achieved, Latency latency) {
        againstLoadLiveCalls = liveCalls;
        againstLoad.add(new AgainstLoad(share, offered, achieved, latency));
    }

    void flows(double perSecond, SwitchboardBenchmark.Hops hops, double handWrittenPerSecond, Latency handWrittenHops,
               double moderateRate) {
        this.moderateFlowRate = moderateRate;
        this.flowsPerSecond = perSecond;
        this.flowHops = hops;
        this.handWrittenPerSecond = handWrittenPerSecond;
        this.handWrittenHops = handWrittenHops;
    }

    void ivrMenu(double perSecond, Latency keyToTransfer, double moderateRate) {
        this.ivrPerSecond = perSecond;
        this.ivrKeyToTransfer = keyToTransfer;
        this.ivrModerateRate = moderateRate;
    }

    void failures(String what, long count) {
        failures.put(what, count);
    }

    void write() throws IOException {
        Path charts = root.resolve("benchmarks");
        Files.createDirectories(charts);
        charts(charts);
        Path file = root.resolve("BENCHMARKS.md");
        String kept = Files.exists(file) && Files.readString(file).contains(KEPT)
                ? Files.readString(file).substring(Files.readString(file).indexOf(KEPT) + KEPT.length())
                : "\n\n## Optimisation log\n\n(none yet)\n";
        Files.writeString(file, markdown() + KEPT + kept);
    }

    /**
     * A partial run's figures (-Dbench.parts), for a quick look while optimising; BENCHMARKS.md is written only by a
     * whole run.
     */
    String summary() {
        StringBuilder md = new StringBuilder("Partial benchmark run, " + started.format(DateTimeFormatter.ofPattern(
                "yyyy-MM-dd HH:mm 'UTC'")) + "\n");
        if (handWrittenPerSecond > 0) {
            Latency switchboard = flowHops.whole();
            md.append(String.format(Locale.ROOT, "flows/s: Switchboard %.1f, (c) %.1f, ratio %.0f %%; callback -> next "
                    + "request p50/p95/p99 ms: Switchboard %.1f/%.1f/%.1f, (c) %.1f/%.1f/%.1f%n", flowsPerSecond,
                    handWrittenPerSecond, 100 * flowsPerSecond / handWrittenPerSecond, switchboard.p50(), switchboard.p95(),
                    switchboard.p99(), handWrittenHops.p50(), handWrittenHops.p95(), handWrittenHops.p99()));
            md.append("  of it, p50/p95/p99 ms: receipt -> correlated " + flowHops.toCorrelated().percentiles("/")
                    + ", correlated -> request " + flowHops.correlatedToRequest().percentiles("/") + "\n");
        }
        if (ivrKeyToTransfer != null) {
            md.append(String.format(Locale.ROOT, "ivr-menu flows/s %.1f; key -> transfer p50/p95/p99 ms %.1f/%.1f/%.1f%n",
                    ivrPerSecond, ivrKeyToTransfer.p50(), ivrKeyToTransfer.p95(), ivrKeyToTransfer.p99()));
        }
        ingestion.forEach((live, r) -> md.append(String.format(Locale.ROOT, "ingestion at %,d live calls: %.0f events/s, "
                + "(a) %.0f, ratio %.0f %%; at half rate p50/p95/p99 ms %.1f/%.1f/%.1f%n", live, r.maxPerSecond(),
                r.bare().perSecond(), 100 * r.maxPerSecond() / r.bare().perSecond(), r.atHalf().p50(), r.atHalf().p95(),
                r.atHalf().p99())));
        failures.forEach((what, count) -> md.append(what).append(": ").append(count).append('\n'));
        settings.forEach((name, value) -> md.append(name).append(": ").append(value).append('\n'));
        return md.toString();
    }

    // ---- Markdown ----------------------------------------------------------------------------------------------

    private String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Written by `").append(command).append("` (about 25 minutes) on ")
                .append(started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))).append(". ")
                .append("Every figure below comes from that one run: Switchboard and the alternatives were measured side by side, "
                        + "on the same machine, emulator and database, minutes apart. Nothing is measured before the JIT "
                        + "compiler has settled: the run first makes whole flows until two rounds of about 10 s in a row "
                        + "kept the compiler busy for at most a tenth of one core (on two cores it compiles Spring's, the "
                        + "engine's and H2's code for about five minutes, and a node that has run for a while has its code "
                        + "compiled), and before the IVR menu and the ingestion their own load until it has settled again; "
                        + "the set-up table says how long that took and how busy the compiler was in each measured "
                        + "phase.\n\n");
        md.append("## Machine and set-up\n\n| | |\n|---|---|\n");
        Machine.describe().forEach((name, value) -> row(md, name, value));
        row(md, "Emulator", "its own JVM (`AcsEmulatorMain`, -Xmx1g), answering at once; every callback signed (RS256) "
                + "and POSTed over HTTP");
        row(md, "Load", "from the benchmark's JVM, which also runs Switchboard (as `mvn spring-boot:run` would, "
                + "with the H2 file database and default settings)");
        settings.forEach((name, value) -> row(md, name, value));
        md.append('\n');

        md.append("## Targets\n\n| target | measured | met |\n|---|---|---|\n");
        targets(md);
        md.append('\n');

        md.append("## 1. Callback ingestion\n\n");
        md.append("ParticipantsUpdated callbacks for random live calls, each POSTed alone with a valid ACS token to "
                + "`/api/callbacks`; each is stored, correlated to the flow waiting for it (which loops back to wait "
                + "again) and updates the call's variables. *Max* is the rate Switchboard sustains with at most "
                + SwitchboardBenchmark.WINDOW + " events waiting for correlation; *half* is an open-loop load at half that rate. "
                + "Latency runs from the webhook's receipt of the event (after its token is checked) to the "
                + "correlation's commit, from the inbox's `received_at` and `handled_at`.\n\n");
        md.append("(a) the bare engine: `correlateMessage` by process instance id, in-process, same calls, same variables, "
                + "as many threads as Switchboard has lanes. (b) the naive integration: the same, but finding the flow by "
                + "`processInstanceVariableEquals(\"callConnectionId\", id)`.\n\n");
        md.append("| live calls | Switchboard max (events/s) | (a) bare engine | Switchboard ÷ (a) | (b) naive | Switchboard ÷ (b) "
                + "| at half rate (events/s) | p50 | p95 | p99 (ms) |\n|---|---|---|---|---|---|---|---|---|---|\n");
        ingestion.forEach((live, r) -> md.append(String.format(Locale.ROOT,
                "| %,d | %.0f | %.0f | %.0f %% | %.1f | %.1fx | %.0f | %.1f | %.1f | %.1f |%n", live, r.maxPerSecond(),
                r.bare().perSecond(), 100 * r.maxPerSecond() / r.bare().perSecond(), r.naive().perSecond(),
                r.maxPerSecond() / r.naive().perSecond(), r.halfPerSecond(), r.atHalf().p50(), r.atHalf().p95(),
                r.atHalf().p99())));
        md.append("\nPer correlation inside the engine (one thread's view), p50 / p99 ms: ");
        ingestion.forEach((live, r) -> md.append(String.format(Locale.ROOT, "%,d live: (a) %.1f / %.1f, (b) %.1f / %.1f; ",
                live, r.bare().latency().p50(), r.bare().latency().p99(), r.naive().latency().p50(), r.naive().latency().p99())));
        md.append("\n\n![Ingestion throughput](benchmarks/ingestion-throughput.png)\n\n");
        md.append("![Ingestion latency](benchmarks/ingestion-latency.png)\n\n");
        if (!againstLoad.isEmpty()) {
            md.append(String.format(Locale.ROOT, "### Latency against load, %,d live calls%n%n", againstLoadLiveCalls));
            md.append("| offered (share of max) | offered (events/s) | correlated (events/s) | p50 | p95 | p99 (ms) |\n"
                    + "|---|---|---|---|---|---|\n");
            againstLoad.forEach(l -> md.append(String.format(Locale.ROOT, "| %.0f %% | %.0f | %.0f | %.1f | %.1f | %.1f |%n",
                    100 * l.share(), l.offered(), l.achieved(), l.latency().p50(), l.latency().p95(), l.latency().p99())));
            md.append("\n![Latency against load](benchmarks/latency-against-load.png)\n\n");
        }

        md.append("## 2. Whole flows\n\n");
        md.append("`processes/outbound-call.bpmn` as shipped: create call, CallConnected, add participant, "
                + "AddParticipantSucceeded, hang up for everyone, CallDisconnected; " + SwitchboardBenchmark.FLOWS_IN_FLIGHT + " calls in flight, "
                + "a new one started (in-process, `startProcessInstanceByKey`) whenever one ends. (c) the same call "
                + "written by hand as the ACS samples do: one webhook, state in a map, the SDK 1.0.4 client called from "
                + "the webhook; no database, no token check. Flows per second: as many as each completes with "
                + SwitchboardBenchmark.FLOWS_IN_FLIGHT + " calls in flight. The callback-to-request time runs from the "
                + "receipt of CallConnected (or AddParticipantSucceeded) to the emulator's receipt of the add-participant "
                + "(or hang-up) request it causes, over the last 300 calls of an open-loop load of "
                + String.format(Locale.ROOT, "%.1f", moderateFlowRate) + " flows/s (half Switchboard's max) run against each.\n\n");
        md.append("| | flows/s (max) | callback → next ACS request p50 | p95 | p99 (ms) |\n|---|---|---|---|---|\n");
        Latency switchboard = flowHops.whole();
        md.append(String.format(Locale.ROOT, "| Switchboard | %.1f | %.1f | %.1f | %.1f |%n", flowsPerSecond, switchboard.p50(),
                switchboard.p95(), switchboard.p99()));
        md.append(String.format(Locale.ROOT, "| (c) hand-written | %.1f | %.1f | %.1f | %.1f |%n", handWrittenPerSecond,
                handWrittenHops.p50(), handWrittenHops.p95(), handWrittenHops.p99()));
        md.append(String.format(Locale.ROOT, "| Switchboard ÷ (c) | %.0f %% | | | |%n%n", 100 * flowsPerSecond / handWrittenPerSecond));
        md.append("Switchboard's callback-to-request time in two parts, p50 / p95 / p99: from the receipt to the end of the "
                + "callback's correlation (its inbox row's `handled_at`, stamped just before the commit) "
                + flowHops.toCorrelated().percentiles(" / ") + " ms; from there to the request (the commit, the job's "
                + "start, the action) " + flowHops.correlatedToRequest().percentiles(" / ") + " ms.\n\n");
        md.append("![Whole flows](benchmarks/flows.png)\n\n");
        if (ivrKeyToTransfer != null) {
            md.append("### The IVR menu flow\n\n`processes/ivr-menu.bpmn` as shipped, started as in production: the "
                    + "emulator rings +18005550110, Event Grid delivers IncomingCall to `/api/incoming-calls`, the routing "
                    + "decision picks the flow; answer, CallConnected, greeting (text to speech), PlayCompleted, menu "
                    + "(recognize choices with a prompt; the emulator's caller presses 1 " + EmulatorProcess.IVR_KEY_DELAY
                    + " after the prompt starts, prompts last one character in " + EmulatorProcess.SPEECH_RATE
                    + " of a second), RecognizeCompleted, the agent decision, transfer to the sales agent, "
                    + "CallTransferAccepted, CallDisconnected; " + SwitchboardBenchmark.FLOWS_IN_FLIGHT + " calls in "
                    + "flight. Key to transfer: from RecognizeCompleted's time (as the emulator stamped it when the key "
                    + "was pressed) to the emulator's receipt of the transfer request, over the last 300 calls of an "
                    + String.format(Locale.ROOT, "open-loop load of %.1f flows/s (half the max). ", ivrModerateRate)
                    + "The flow transfers rather than adds the agent, so the request measured is the transfer.\n\n");
            md.append("| | flows/s (max) | key → transfer request p50 | p95 | p99 (ms) |\n|---|---|---|---|---|\n");
            md.append(String.format(Locale.ROOT, "| Switchboard, ivr-menu | %.1f | %.1f | %.1f | %.1f |%n%n", ivrPerSecond,
                    ivrKeyToTransfer.p50(), ivrKeyToTransfer.p95(), ivrKeyToTransfer.p99()));
        }

        md.append("## 3. Memory\n\nHeap in use after three full GCs (`System.gc()`), with that many calls live and waiting. "
                + "It includes the H2 database's page cache, which lives in Switchboard's heap and fills up to its fixed "
                + "size (64 MB) as the database grows, whatever the number of calls; the last column leaves it out.\n\n");
        md.append("| live calls | heap used (MB) | of it, H2 page cache (MB) | heap without the cache (MB) |\n|---|---|---|---|\n");
        heap.forEach((live, bytes) -> md.append(String.format(Locale.ROOT, "| %,d | %.1f | %.0f | %.1f |%n", live,
                bytes / 1048576.0, h2Cache.get(live) / 1048576.0, (bytes - h2Cache.get(live)) / 1048576.0)));
        md.append(String.format(Locale.ROOT, "%nPer live call, from 0 to %,d live calls: %.1f KB in all, %.1f KB without the "
                + "page cache (from %,d to %,d: %.1f KB, %.1f KB).%n%n", maxLevel(), heapPerCall(0, heap) / 1024,
                heapPerCall(0, withoutCache()) / 1024, secondLevel(), maxLevel(), heapPerCall(secondLevel(), heap) / 1024,
                heapPerCall(secondLevel(), withoutCache()) / 1024));

        md.append("## Checks of the run\n\n| | count |\n|---|---|\n");
        failures.forEach((what, count) -> md.append("| ").append(what).append(" | ").append(count).append(" |\n"));
        md.append('\n');
        return md.toString();
    }

    private void targets(StringBuilder md) {
        int max = maxLevel();
        Ingestion top = ingestion.get(max);
        Ingestion low = ingestion.values().iterator().next();
        if (top != null) {
            double worstShare = ingestion.values().stream().mapToDouble(r -> r.maxPerSecond() / r.bare().perSecond())
                    .min().orElse(Double.NaN);
            target(md, "ingestion >= 80 % of (a) at every level (worst level)",
                    String.format(Locale.ROOT, "%.0f %%", 100 * worstShare), worstShare >= 0.8);
            target(md, String.format(Locale.ROOT, "ingestion at %,d live calls >= 10x (b)", max),
                    String.format(Locale.ROOT, "%.1fx", top.maxPerSecond() / top.naive().perSecond()),
                    top.maxPerSecond() >= 10 * top.naive().perSecond());
            target(md, String.format(Locale.ROOT, "rate at %,d live calls >= 0.8x rate at %,d", max, ingestion.keySet().iterator().next()),
                    String.format(Locale.ROOT, "%.2fx", top.maxPerSecond() / low.maxPerSecond()),
                    top.maxPerSecond() >= 0.8 * low.maxPerSecond());
            double worstP99 = ingestion.values().stream().mapToDouble(r -> r.atHalf().p99()).max().orElse(Double.NaN);
            target(md, "p99 receipt-to-commit <= 50 ms at half the max rate (worst level)",
                    String.format(Locale.ROOT, "%.1f ms", worstP99), worstP99 <= 50);
        }
        target(md, "whole flows >= 40 % of (c)", String.format(Locale.ROOT, "%.0f %%", 100 * flowsPerSecond / handWrittenPerSecond),
                flowsPerSecond >= 0.4 * handWrittenPerSecond);
        target(md, "callback -> next ACS request p50 <= 10 ms", String.format(Locale.ROOT, "%.1f ms", flowHops.whole().p50()),
                flowHops.whole().p50() <= 10);
        double perCall = heapPerCall(0, heap);
        double withoutCache = heapPerCall(0, withoutCache());
        target(md, "heap <= 10 KB per live call", String.format(Locale.ROOT,
                "%.1f KB in all; %.1f KB without H2's fixed-size page cache", perCall / 1024, withoutCache / 1024),
                perCall <= 10 * 1024);
    }

    private static void target(StringBuilder md, String what, String measured, boolean met) {
        md.append("| ").append(what).append(" | ").append(measured).append(" | ").append(met ? "yes" : "**no**").append(" |\n");
    }

    private double heapPerCall(int fromLevel, Map<Integer, Long> used) {
        int max = maxLevel();
        if (!used.containsKey(fromLevel) || max <= fromLevel) {
            return Double.NaN;
        }
        return (double) (used.get(max) - used.get(fromLevel)) / (max - fromLevel);
    }

    private Map<Integer, Long> withoutCache() {
        Map<Integer, Long> without = new TreeMap<>();
        heap.forEach((live, bytes) -> without.put(live, bytes - h2Cache.get(live)));
        return without;
    }

    private int maxLevel() {
        return heap.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    private int secondLevel() {
        List<Integer> levels = new ArrayList<>(heap.keySet());
        return levels.size() >= 2 ? levels.get(levels.size() - 2) : 0;
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    // ---- Charts ------------------------------------------------------------------------------------------------

    private void charts(Path dir) throws IOException {
        XYSeries switchboard = new XYSeries("Switchboard (HTTP, inbox, lanes)");
        XYSeries bare = new XYSeries("(a) bare engine, by process instance id");
        XYSeries naive = new XYSeries("(b) naive, by callConnectionId variable");
        XYSeries p50 = new XYSeries("p50");
        XYSeries p95 = new XYSeries("p95");
        XYSeries p99 = new XYSeries("p99");
        ingestion.forEach((live, r) -> {
            switchboard.add(live.doubleValue(), r.maxPerSecond());
            bare.add(live.doubleValue(), r.bare().perSecond());
            naive.add(live.doubleValue(), r.naive().perSecond());
            p50.add(live.doubleValue(), r.atHalf().p50());
            p95.add(live.doubleValue(), r.atHalf().p95());
            p99.add(live.doubleValue(), r.atHalf().p99());
        });
        save(lines("Callback ingestion: events correlated per second", "live calls waiting", "events per second",
                true, switchboard, bare, naive), dir.resolve("ingestion-throughput.png"));
        save(lines("Receipt-to-commit latency at half the max rate", "live calls waiting", "milliseconds",
                true, p50, p95, p99), dir.resolve("ingestion-latency.png"));

        XYSeries l50 = new XYSeries("p50");
        XYSeries l95 = new XYSeries("p95");
        XYSeries l99 = new XYSeries("p99");
        againstLoad.forEach(l -> {
            l50.add(l.offered(), l.latency().p50());
            l95.add(l.offered(), l.latency().p95());
            l99.add(l.offered(), l.latency().p99());
        });
        save(lines(String.format(Locale.ROOT, "Receipt-to-commit latency against load, %,d live calls", againstLoadLiveCalls),
                "offered callbacks per second", "milliseconds", false, l50, l95, l99), dir.resolve("latency-against-load.png"));

        DefaultCategoryDataset flows = new DefaultCategoryDataset();
        flows.addValue(flowsPerSecond, "Switchboard", "flows per second");
        flows.addValue(handWrittenPerSecond, "(c) hand-written", "flows per second");
        flows.addValue(flowHops.whole().p50(), "Switchboard", "callback to request p50 (ms)");
        flows.addValue(handWrittenHops.p50(), "(c) hand-written", "callback to request p50 (ms)");
        flows.addValue(flowHops.whole().p99(), "Switchboard", "callback to request p99 (ms)");
        flows.addValue(handWrittenHops.p99(), "(c) hand-written", "callback to request p99 (ms)");
        JFreeChart chart = ChartFactory.createBarChart("Whole outbound-call flows", null, null, flows,
                PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getCategoryPlot().setBackgroundPaint(Color.WHITE);
        chart.getCategoryPlot().setRangeGridlinePaint(Color.LIGHT_GRAY);
        save(chart, dir.resolve("flows.png"));
    }

    private static JFreeChart lines(String title, String x, String y, boolean logX, XYSeries... series) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (XYSeries s : series) {
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, x, y, data, PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        if (logX) {
            LogAxis axis = new LogAxis(x);
            axis.setBase(10);
            axis.setTickUnit(new NumberTickUnit(1));
            axis.setNumberFormatOverride(new DecimalFormat("#,##0"));
            axis.setRange(50, 20_000);
            plot.setDomainAxis(axis);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < series.length; i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        return chart;
    }

    private static void save(JFreeChart chart, Path file) throws IOException {
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 500);
    }
}
