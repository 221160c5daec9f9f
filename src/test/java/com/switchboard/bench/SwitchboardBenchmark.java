package com.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.SwitchboardApplication;
import com.switchboard.callbacks.CallbackInbox;
import com.switchboard.callbacks.CallbackUrls;
import com.switchboard.emulator.EmulatorSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * The benchmark behind BENCHMARKS.md: {@code mvn -Pbench verify}. Switchboard runs as shipped (H2 file database,
 * default settings) against the emulator in its own JVM, answering at once; the load comes from this JVM.
 * One run measures, side by side:
 * <ol>
 *   <li>callback ingestion (events correlated per second, receipt-to-commit latency) with 100, 1,000 and 10,000
 *       live calls waiting, next to the bare engine (a) and the naive variable lookup (b) on the same calls;</li>
 *   <li>whole outbound-call flows per second and the time from a callback to the next ACS request, next to a
 *       hand-written handler (c); the IVR menu flow's rate and its time from the caller's key to the transfer;</li>
 *   <li>heap per live call.</li>
 * </ol>
 * Figures are written by {@link BenchmarkReport}; this is a measurement, not a test of the figures.
 */
class SwitchboardBenchmark {

    private static final Path OUTPUT = Path.of(System.getProperty("bench.output", "."));
    private static final Path WORK = OUTPUT.resolve("target/bench");
    /** The H2 database's files, without their endings: {@code switchboard.mv.db}, {@code switchboard.trace.db}. */
    private static final Path DATABASE = WORK.toAbsolutePath().resolve("db/switchboard");
    private static final List<Integer> LIVE_CALLS = Arrays.stream(
            System.getProperty("bench.live-calls", "100,1000,10000").split(",")).map(Integer::valueOf).toList();
    private static final Duration PHASE = Duration.ofSeconds(Long.getLong("bench.phase-seconds", 15));
    /** The parts to run, for a quick look at one of them: flows, ivr, ingestion (with memory); all by default. */
    private static final List<String> PARTS = List.of(System.getProperty("bench.parts", "flows,ivr,ingestion").split(","));
    private static final Duration FLOW_PHASE = Duration.ofSeconds(Long.getLong("bench.flow-seconds", 30));
    static final int FLOWS_IN_FLIGHT = 100;
    /** Warm-up rounds (about 10 s each): at least, at most, and the compiler's share of one core that ends them. */
    private static final int WARM_UP_MIN_ROUNDS = Integer.getInteger("bench.warm-up-min-rounds", 3);
    private static final int WARM_UP_MAX_ROUNDS = Integer.getInteger("bench.warm-up-max-rounds", 60);
    private static final double JIT_SETTLED = Double.parseDouble(System.getProperty("bench.jit-settled", "0.10"));
    static final int WINDOW = 64;
    private static final int SENDERS = 4;
    /** The first line of an entry in H2's trace file: "2026-12-07 18:22:39.179235Z jdbc[21]: exception". */
    private static final Pattern TRACE_ENTRY = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\S+ \\S+: ");

    private RuntimeService runtime;
    private HistoryService history;
    private CallbackInbox inbox;
    private JdbcTemplate jdbc;
    private MeterRegistry meters;
    private EmulatorProcess emulator;
    private CallbackLoad callbacks;
    private int lanes;
    private final AtomicLong outboundCallsStarted = new AtomicLong();
    /** The JIT compiler's share of one core in each of Switchboard's measured phases. */
    private final Map<String, String> compilerDuring = new LinkedHashMap<>();

    @Test
    void measure() throws Exception {
        FileSystemUtils.deleteRecursively(WORK);
        Files.createDirectories(WORK);
        BenchmarkReport report = new BenchmarkReport(OUTPUT, System.getProperty("bench.command", "mvn -Pbench verify"));
        try (EmulatorProcess emulator = EmulatorProcess.start(WORK.resolve("emulator.log"));
             ConfigurableApplicationContext app = switchboard(emulator)) {
            this.emulator = emulator;
            runtime = app.getBean(RuntimeService.class);
            history = app.getBean(HistoryService.class);
            inbox = app.getBean(CallbackInbox.class);
            jdbc = app.getBean(JdbcTemplate.class);
            meters = app.getBean(MeterRegistry.class);
            lanes = app.getEnvironment().getProperty("switchboard.callbacks.lanes", Integer.class, 4);
            CallbackUrls callbackUrls = app.getBean(CallbackUrls.class);
            callbacks = new CallbackLoad(call -> URI.create(callbackUrls.forCall(call.processInstanceId(), call.callbackKey()).url()), tokens(emulator));
            report.setting("Correlation lanes (threads)", String.valueOf(lanes));
            report.setting("Job executor", "core " + app.getEnvironment().getProperty("camunda.bpm.job-execution.core-pool-size", "3 (default)")
                    + ", max " + app.getEnvironment().getProperty("camunda.bpm.job-execution.max-pool-size", "10 (default)")
                    + ", jobs per acquisition " + app.getEnvironment().getProperty("camunda.bpm.job-execution.max-jobs-per-acquisition", "3 (default)"));
            report.setting("History level", app.getEnvironment().getProperty("camunda.bpm.history-level"));
            report.setting("Database", "H2 file database (" + app.getEnvironment().getProperty("spring.datasource.url") + ")");

            if (PARTS.contains("ivr")) {
                int port = app.getEnvironment().getProperty("local.server.port", Integer.class);
                emulator.control("PUT", "/emulator/event-grid",
                        "{\"url\": \"http://localhost:" + port + "/api/incoming-calls\", \"schema\": \"EventGrid\"}");
            }
            report.setting("Warm-up (whole flows, until the JIT compiler has settled)", warmUp().toString());
            if (PARTS.contains("flows")) {
                wholeFlows(report, emulator);
            }
            if (PARTS.contains("ivr")) {
                ivrMenuFlows(report);
            }
            if (PARTS.contains("ingestion")) {
                report.heap(0, usedHeapAfterGc(), h2CacheBytes());
            }
            List<LiveCall> live = new ArrayList<>();
            for (int level : PARTS.contains("ingestion") ? LIVE_CALLS : List.<Integer>of()) {
                live.addAll(startLiveCalls(level - live.size(), live));
                report.heap(level, usedHeapAfterGc(), h2CacheBytes());
                if (level == LIVE_CALLS.get(0)) {
                    report.setting("Warm-up of the ingestion (Switchboard and (a), at %,d live calls)".formatted(level),
                            warmUpAgain(() -> {
                                callbacks.saturate(live, Duration.ofSeconds(7), SENDERS, WINDOW, this::delivered);
                                awaitDrained();
                                new EngineBaseline(runtime).run(EngineBaseline.Lookup.PROCESS_INSTANCE_ID, live,
                                        Duration.ofSeconds(3), lanes);
                            }).toString());
                }
                ingestion(report, level, live, level == LIVE_CALLS.get(LIVE_CALLS.size() - 1));
            }
            report.failures("callback POSTs without a 2xx answer", callbacks.failures());
            report.failures("errors H2 wrote to its trace file (db/switchboard.trace.db)", h2TraceErrors());
            report.setting("Callbacks delivered in the transaction that stored them (whole run)",
                    onReceipt(Map.of()).toString());
            report.setting("Jobs handed over to the job executor when their transaction committed (whole run; "
                    + "switchboard.jobs.hand-over=" + app.getEnvironment().getProperty("switchboard.jobs.hand-over") + ")",
                    String.valueOf((long) meters.counter("switchboard.jobs.handed-over").count()));
            report.setting("H2 file at the end of the run (before the close, which compacts it for a moment)", h2File());
            report.setting("The JIT compiler while Switchboard was measured, share of one core", compilerDuring.toString());
        }
        if (PARTS.containsAll(List.of("flows", "ivr", "ingestion"))) {
            report.write();
            assertThat(OUTPUT.resolve("BENCHMARKS.md")).exists();
        } else {
            Files.writeString(WORK.resolve("summary.txt"), report.summary());
            System.out.println(report.summary());
        }
    }

    private ConfigurableApplicationContext switchboard(EmulatorProcess emulator) throws IOException {
        return new SpringApplicationBuilder(SwitchboardApplication.class).profiles("emulator").run(
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--spring.datasource.url=" + shippedDatabaseUrl().replace("./data/switchboard", DATABASE.toString())
                        + System.getProperty("bench.db-options", ""),
                "--switchboard.emulator.enabled=false",
                "--switchboard.emulator.actual-port=" + emulator.port(),
                "--switchboard.emulator.actual-resource-id=" + EmulatorSettings.DEFAULT_RESOURCE_ID,
                "--switchboard.acs.connection-string=" + emulator.connectionString(),
                "--camunda.bpm.deployment-resource-pattern[0]=classpath*:processes/**/*.bpmn",
                "--camunda.bpm.deployment-resource-pattern[1]=classpath*:processes/**/*.dmn",
                "--camunda.bpm.deployment-resource-pattern[2]=classpath*:processes/**/*.form",
                "--camunda.bpm.deployment-resource-pattern[3]=classpath*:bench/*.bpmn",
                "--logging.file.name=" + WORK.resolve("switchboard.log"),
                "--logging.threshold.console=WARN",
                "--management.prometheus.metrics.export.enabled=true");
    }

    /**
     * The webhook's offers to deliver a callback on receipt, by outcome, and of those left to the lanes, by reason
     * ("left: lane-busy"), since the counts given.
     */
    private Map<String, Long> onReceipt(Map<String, Long> since) {
        Map<String, Long> counts = new TreeMap<>();
        meters.find("switchboard.callbacks.on-receipt").counters()
                .forEach(c -> counts.put(c.getId().getTag("outcome"), (long) c.count()));
        meters.find("switchboard.callbacks.on-receipt.left").counters()
                .forEach(c -> counts.put("left: " + c.getId().getTag("reason"), (long) c.count()));
        counts.replaceAll((name, count) -> count - since.getOrDefault(name, 0L));
        return counts;
    }

    /** The H2 URL application.yml ships (its settings, not its place: the benchmark starts from an empty database). */
    private static String shippedDatabaseUrl() throws IOException {
        return new YamlPropertySourceLoader()
                .load("application.yml", new ClassPathResource("application.yml")).get(0)
                .getProperty("spring.datasource.url").toString();
    }

    // ---- 2. Whole flows -------------------------------------------------------------------------------------

    private void wholeFlows(BenchmarkReport report, EmulatorProcess emulator) throws Exception {
        Jit.Meter compiler = Jit.meter();
        FlowLoad.Result switchboard = runSwitchboardFlows(Duration.ofSeconds(5), FLOW_PHASE);
        compilerDuring.put("whole flows at the max rate", compiler.percent());
        // The callback-to-request time at the same moderate load for both: half Switchboard's max flow rate.
        double moderate = switchboard.perSecond() / 2;
        long firstEvent = maxInboxId();
        long finishedBefore = finishedOutboundCalls();
        String run = "moderate";
        Map<String, Long> onReceiptBefore = onReceipt(Map.of());
        compiler = Jit.meter();
        int started = FlowLoad.openLoop(moderate, PHASE, i -> startOutboundCall(run, i));
        awaitUntil(Duration.ofMinutes(2), () -> finishedOutboundCalls() - finishedBefore >= started);
        compilerDuring.put("whole flows at half rate", compiler.percent());
        report.setting("Callbacks delivered in the transaction that stored them (whole flows at half rate)",
                onReceipt(onReceiptBefore).toString());
        Hops switchboardHops = switchboardCallbackToRequest(firstEvent);
        long notCompleted = finishedOutboundCalls() - history.createHistoricActivityInstanceQuery()
                .activityId("callCompleted").finished().count();

        FlowLoad.Result handWritten;
        Latency handWrittenHops;
        long handWrittenFailed;
        try (HandWrittenCallHandler handler = new HandWrittenCallHandler(emulator.connectionString())) {
            FlowLoad.Result warmUp = FlowLoad.closedLoop(FLOWS_IN_FLIGHT, Duration.ofSeconds(5), Duration.ofSeconds(1),
                    i -> handler.start("8:acs:warm-callee-" + i, "8:acs:warm-agent-" + i), handler::completed);
            awaitUntil(Duration.ofMinutes(2), () -> handler.completed() + handler.failed() >= warmUp.started());
            long before = handler.completed();
            handWritten = FlowLoad.closedLoop(FLOWS_IN_FLIGHT, Duration.ofSeconds(5), FLOW_PHASE,
                    i -> handler.start("8:acs:hand-callee-" + i, "8:acs:hand-agent-" + i), () -> handler.completed() - before);
            awaitUntil(Duration.ofMinutes(2), () -> handler.completed() - before + handler.failed() >= handWritten.started());
            handler.receipts().clear();
            long moderateBefore = handler.completed();
            int moderateStarted = FlowLoad.openLoop(moderate, PHASE,
                    i -> handler.start("8:acs:moderate-callee-" + i, "8:acs:moderate-agent-" + i));
            awaitUntil(Duration.ofMinutes(2), () -> handler.completed() - moderateBefore + handler.failed() >= moderateStarted);
            handWrittenFailed = handler.failed();
            handWrittenHops = handWrittenCallbackToRequest(handler.receipts());
        }
        report.flows(switchboard.perSecond(), switchboardHops, handWritten.perSecond(), handWrittenHops, moderate);
        report.failures("outbound-call flows that ended other than 'Call completed'", notCompleted);
        report.failures("hand-written handler calls that failed", handWrittenFailed);
    }

    /**
     * Runs whole flows (and IVR calls, when they are measured) in rounds of about 10 s until the JIT compiler has
     * settled: on two cores it takes minutes to compile Spring's, the engine's and H2's code, and a node that has run
     * for a while has.
     */
    private Jit.Settled warmUp() throws Exception {
        return Jit.warmUp(WARM_UP_MIN_ROUNDS, WARM_UP_MAX_ROUNDS, JIT_SETTLED,
                () -> runSwitchboardFlows(Duration.ofSeconds(1), Duration.ofSeconds(9)));
    }

    /**
     * Before a part is measured, its own load until the compiler has settled again: the IVR menu and the ingestion
     * reach code (and the compiler's view of how it runs) that the outbound flows do not.
     */
    private Jit.Settled warmUpAgain(Jit.Round round) throws Exception {
        return Jit.warmUp(1, WARM_UP_MAX_ROUNDS, JIT_SETTLED, round);
    }

    private FlowLoad.Result runSwitchboardFlows(Duration warmUp, Duration measured) throws Exception {
        long finishedBefore = finishedOutboundCalls();
        String run = Long.toString(System.nanoTime(), 36);
        FlowLoad.Result result = FlowLoad.closedLoop(FLOWS_IN_FLIGHT, warmUp, measured, i -> startOutboundCall(run, i),
                () -> finishedOutboundCalls() - finishedBefore);
        awaitUntil(Duration.ofMinutes(2), () -> finishedOutboundCalls() - finishedBefore >= result.started());
        return result;
    }

    private void startOutboundCall(String run, int i) {
        outboundCallsStarted.incrementAndGet();
        runtime.startProcessInstanceByKey("outbound-call", Map.of(
                "target", "8:acs:callee-" + run + "-" + i, "participant", "8:acs:agent-" + run + "-" + i));
    }

    /** Started minus running: the running ones are few, so this stays cheap while history grows. */
    private long finishedOutboundCalls() {
        return outboundCallsStarted.get() - runtime.createProcessInstanceQuery().processDefinitionKey("outbound-call").count();
    }

    /**
     * From Switchboard's receipt of CallConnected / AddParticipantSucceeded to the emulator's receipt of the next
     * request, and its two parts: receipt to the end of the callback's correlation (its inbox row's {@code handled_at},
     * stamped just before the commit), and from there to the request (the commit, the job's start, the action).
     */
    private Hops switchboardCallbackToRequest(long afterInboxId) {
        List<Map<String, Object>> rows = jdbc.queryForList("select call_connection_id, event_type, received_at, handled_at "
                + "from callback_inbox where id > ? and event_type in ('Microsoft.Communication.CallConnected', "
                + "'Microsoft.Communication.AddParticipantSucceeded') order by id", afterInboxId);
        Map<String, Map<String, Stamps>> byCall = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            Timestamp handled = (Timestamp) row.get("handled_at");
            byCall.computeIfAbsent((String) row.get("call_connection_id"), k -> new HashMap<>())
                    .put(((String) row.get("event_type")).substring("Microsoft.Communication.".length()),
                            new Stamps(((Timestamp) row.get("received_at")).toInstant(),
                                    handled == null ? null : handled.toInstant()));
        }
        Histogram whole = Latency.histogram();
        Histogram toCorrelated = Latency.histogram();
        Histogram afterCorrelated = Latency.histogram();
        for (String call : latest(byCall.keySet(), call -> Stamps.received(byCall.get(call).get("CallConnected")))) {
            Stamps connected = byCall.get(call).get("CallConnected");
            Stamps added = byCall.get(call).get("AddParticipantSucceeded");
            recordHop(whole, call, Stamps.received(connected), Stamps.received(added));
            recordHop(afterCorrelated, call, Stamps.handled(connected), Stamps.handled(added));
            for (Stamps event : Arrays.asList(connected, added)) {
                if (event != null && event.handled() != null) {
                    Latency.recordMicros(toCorrelated, Duration.between(event.received(), event.handled()).toNanos() / 1000);
                }
            }
        }
        return new Hops(Latency.of(whole), Latency.of(toCorrelated), Latency.of(afterCorrelated));
    }

    /** When Switchboard received an event, and when its correlation ended (null while it has not). */
    private record Stamps(Instant received, Instant handled) {

        static Instant received(Stamps event) {
            return event == null ? null : event.received();
        }

        static Instant handled(Stamps event) {
            return event == null ? null : event.handled();
        }
    }

    /** The callback-to-request time, and its parts before and after the end of the callback's correlation. */
    record Hops(Latency whole, Latency toCorrelated, Latency correlatedToRequest) {

        static final Hops NONE = new Hops(Latency.NONE, Latency.NONE, Latency.NONE);
    }

    private Latency handWrittenCallbackToRequest(Map<String, HandWrittenCallHandler.Receipts> receipts) {
        Histogram micros = Latency.histogram();
        for (String call : latest(receipts.keySet(), call -> receipts.get(call).connected())) {
            HandWrittenCallHandler.Receipts r = receipts.get(call);
            recordHop(micros, call, r.connected(), r.participantAdded());
        }
        return Latency.of(micros);
    }

    /** CallConnected -> AddParticipant request, AddParticipantSucceeded -> hang-up request, as the emulator saw them. */
    private void recordHop(Histogram micros, String call, Instant connected, Instant participantAdded) {
        Optional<JsonNode> record = emulator.call(call);
        if (record.isEmpty()) {
            return;
        }
        JsonNode operations = record.get().path("operations");
        firstOperation(operations, "AddParticipant", connected)
                .ifPresent(at -> Latency.recordMicros(micros, Duration.between(connected, at).toNanos() / 1000));
        firstOperation(operations, "HangUp", participantAdded).or(() -> firstOperation(operations, "Terminate", participantAdded))
                .ifPresent(at -> Latency.recordMicros(micros, Duration.between(participantAdded, at).toNanos() / 1000));
    }

    private static Optional<Instant> firstOperation(JsonNode operations, String name, Instant after) {
        if (after == null) {
            return Optional.empty();
        }
        for (JsonNode operation : operations) {
            if (name.equals(operation.path("name").asText())) {
                JsonNode time = operation.path("time");
                Instant at = time.isNumber()
                        ? Instant.ofEpochSecond(0, time.decimalValue().movePointRight(9).longValue())
                        : Instant.parse(time.asText());
                return Optional.of(at);
            }
        }
        return Optional.empty();
    }

    /** The calls connected last: the emulator keeps only its 500 most recently ended calls. */
    private static List<String> latest(Collection<String> calls, Function<String, Instant> connected) {
        return calls.stream().filter(call -> connected.apply(call) != null)
                .sorted(Comparator.comparing(connected).reversed()).limit(300).toList();
    }

    // ---- 2b. The IVR menu flow --------------------------------------------------------------------------------

    /**
     * {@code processes/ivr-menu.bpmn} as shipped, started as in production: the emulator rings the line, Event Grid
     * delivers IncomingCall, the routing decision picks the flow; answer, greeting, menu (the caller presses 1),
     * transfer to the sales agent. Flows per second in a closed loop, and the time from the key (RecognizeCompleted's
     * time, as the emulator stamped it) to the emulator's receipt of the transfer request, at half that rate.
     */
    private void ivrMenuFlows(BenchmarkReport report) throws Exception {
        report.setting("Warm-up of the IVR menu", warmUpAgain(
                () -> runIvrMenuFlows(Duration.ofSeconds(1), Duration.ofSeconds(9))).toString());
        Jit.Meter compiler = Jit.meter();
        FlowLoad.Result max = runIvrMenuFlows(Duration.ofSeconds(5), FLOW_PHASE);
        compilerDuring.put("the IVR menu at the max rate", compiler.percent());
        double moderate = max.perSecond() / 2;
        long firstEvent = maxInboxId();
        long finishedBefore = finishedIvrMenuFlows();
        int started = FlowLoad.openLoop(moderate, PHASE, i -> placeIvrCall("moderate", i));
        awaitUntil(Duration.ofMinutes(2), () -> finishedIvrMenuFlows() - finishedBefore >= started);
        Latency keyToTransfer = keyToTransfer(firstEvent);
        long notTransferred = history.createHistoricProcessInstanceQuery().processDefinitionKey("ivr-menu").finished()
                .count() - history.createHistoricActivityInstanceQuery().activityId("transferred").finished().count();
        report.ivrMenu(max.perSecond(), keyToTransfer, moderate);
        report.failures("ivr-menu flows that ended other than 'Transferred'", notTransferred);
    }

    private FlowLoad.Result runIvrMenuFlows(Duration warmUp, Duration measured) throws Exception {
        long finishedBefore = finishedIvrMenuFlows();
        String run = Long.toString(System.nanoTime() % 1000);
        FlowLoad.Result result = FlowLoad.closedLoop(FLOWS_IN_FLIGHT, warmUp, measured, i -> placeIvrCall(run, i),
                () -> finishedIvrMenuFlows() - finishedBefore);
        awaitUntil(Duration.ofMinutes(2), () -> finishedIvrMenuFlows() - finishedBefore >= result.started());
        return result;
    }

    /** A caller (scripted in the emulator to press 1) rings the IVR menu's line. */
    private void placeIvrCall(String run, int i) {
        String from = EmulatorProcess.IVR_CALLERS.replace("4:", "").replace("*", "") + String.format("%04d", i % 10_000);
        emulator.control("POST", "/emulator/incoming-calls",
                "{\"from\": \"" + from + "\", \"to\": \"+18005550110\", \"callerDisplayName\": \"bench " + run + "\"}");
    }

    private long finishedIvrMenuFlows() {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey("ivr-menu").finished().count();
    }

    /** From the key press (RecognizeCompleted's own time) to the emulator's receipt of the transfer it leads to. */
    private Latency keyToTransfer(long afterInboxId) {
        Map<String, Instant> pressed = new LinkedHashMap<>();
        jdbc.query("select call_connection_id, payload from callback_inbox where id > ? and event_type = "
                + "'Microsoft.Communication.RecognizeCompleted' order by id", rs -> {
                    try {
                        JsonNode event = new com.fasterxml.jackson.databind.ObjectMapper().readTree(rs.getString(2));
                        JsonNode first = event.isArray() ? event.get(0) : event;
                        pressed.put(rs.getString(1), Instant.parse(first.path("time").asText()));
                    } catch (IOException | RuntimeException e) {
                        throw new IllegalStateException("an unreadable RecognizeCompleted in the inbox", e);
                    }
                }, afterInboxId);
        Histogram micros = Latency.histogram();
        for (String call : latest(pressed.keySet(), pressed::get)) {
            emulator.call(call).flatMap(record -> firstOperation(record.path("operations"), "TransferToParticipant",
                    pressed.get(call))).ifPresent(at -> Latency.recordMicros(micros,
                    Duration.between(pressed.get(call), at).toNanos() / 1000));
        }
        return Latency.of(micros);
    }

    // ---- 1. Callback ingestion ------------------------------------------------------------------------------

    private void ingestion(BenchmarkReport report, int level, List<LiveCall> live, boolean againstLoad) throws Exception {
        long from = maxInboxId();
        Instant start = Instant.now();
        Jit.Meter saturating = Jit.meter();
        callbacks.saturate(live, PHASE, SENDERS, WINDOW, this::delivered);
        compilerDuring.put("ingestion at the max rate, %,d live calls".formatted(level), saturating.percent());
        Instant end = Instant.now();
        awaitDrained();
        Window saturated = window(from, start.plusSeconds(2), end);

        EngineBaseline engine = new EngineBaseline(runtime);
        EngineBaseline.Result bare = engine.run(EngineBaseline.Lookup.PROCESS_INSTANCE_ID, live, PHASE, lanes);
        EngineBaseline.Result naive = engine.run(EngineBaseline.Lookup.CALL_CONNECTION_VARIABLE, live, PHASE, lanes);

        Jit.Meter compiler = Jit.meter();
        Window half = atRate(live, saturated.perSecond() / 2);
        compilerDuring.put("at half rate, %,d live calls".formatted(level), compiler.percent());
        report.ingestion(level, saturated.perSecond(), saturated.latency(), half.perSecond(), half.latency(), bare, naive);
        if (againstLoad) {
            for (double share : new double[] {0.25, 0.5, 0.75, 1.0}) {
                Window window = share == 0.5 ? half : atRate(live, saturated.perSecond() * share);
                report.againstLoad(level, share, saturated.perSecond() * share, window.perSecond(), window.latency());
            }
        }
    }

    private Window atRate(List<LiveCall> live, double perSecond) throws Exception {
        long from = maxInboxId();
        Instant start = Instant.now();
        callbacks.atRate(live, perSecond, PHASE);
        Instant end = Instant.now();
        awaitDrained();
        return window(from, start.plusSeconds(2), end);
    }

    private record Window(double perSecond, Latency latency) {
    }

    /** Events handled in [from, to] per second, and the receipt-to-commit latency of those received in it. */
    private Window window(long afterId, Instant from, Instant to) {
        Histogram micros = Latency.histogram();
        long[] handledInWindow = {0};
        jdbc.query("select received_at, handled_at from callback_inbox where id > ? and handled_at is not null", rs -> {
            Instant received = rs.getTimestamp(1).toInstant();
            Instant handled = rs.getTimestamp(2).toInstant();
            if (!handled.isBefore(from) && !handled.isAfter(to)) {
                handledInWindow[0]++;
            }
            if (!received.isBefore(from) && !received.isAfter(to)) {
                Latency.recordMicros(micros, Duration.between(received, handled).toNanos() / 1000);
            }
        }, afterId);
        return new Window(handledInWindow[0] / (Duration.between(from, to).toNanos() / 1e9), Latency.of(micros));
    }

    private long delivered() {
        return meters.find("switchboard.correlation.latency").timers().stream().mapToLong(Timer::count).sum();
    }

    private void awaitDrained() throws InterruptedException {
        awaitUntil(Duration.ofMinutes(3), () -> inbox.pendingCount() == 0);
    }

    private long maxInboxId() {
        Long id = jdbc.queryForObject("select max(id) from callback_inbox", Long.class);
        return id == null ? 0 : id;
    }

    // ---- Live calls and memory -------------------------------------------------------------------------------

    /** Starts calls whose flows then wait for ParticipantsUpdated, and waits until they all do. */
    private List<LiveCall> startLiveCalls(int count, List<LiveCall> existing) throws Exception {
        int offset = existing.size();
        long waitingBefore = waitingLiveCalls();
        int started = 0;
        while (started < count) {
            if (started - (waitingLiveCalls() - waitingBefore) < 200) {
                for (int i = 0; i < 50 && started < count; i++, started++) {
                    runtime.startProcessInstanceByKey("bench-live-call", Map.of("target", "8:acs:live-" + (offset + started)));
                }
            } else {
                Thread.sleep(100);
            }
        }
        awaitUntil(Duration.ofMinutes(5), () -> waitingLiveCalls() - waitingBefore == count && inbox.pendingCount() == 0);
        List<LiveCall> calls = jdbc.query("select o.process_instance_id, o.call_connection_id, o.callback_key from call_owner o "
                        + "join ACT_RU_EXECUTION e on e.ID_ = o.process_instance_id where e.PROC_DEF_ID_ like 'bench-live-call:%'",
                (rs, row) -> new LiveCall(rs.getString(1), rs.getString(2), rs.getString(3), "8:acs:live"));
        assertThat(calls).hasSize(offset + count);
        Set<String> known = new HashSet<>();
        existing.forEach(call -> known.add(call.processInstanceId()));
        return calls.stream().filter(call -> !known.contains(call.processInstanceId())).toList();
    }

    /** Only bench-live-call flows wait for ParticipantsUpdated; the subscriptions are indexed by name. */
    private long waitingLiveCalls() {
        return jdbc.queryForObject("select count(*) from ACT_RU_EVENT_SUBSCR where EVENT_NAME_ = 'ParticipantsUpdated'",
                Long.class);
    }

    /** The database file's size and how much of its chunks' bytes are live (database/H2Housekeeping). */
    private String h2File() {
        return "%d MB, %d %% of its chunks' bytes live".formatted(h2Info("FILE_SIZE") >> 20, h2Info("CHUNKS_FILL_RATE"));
    }

    /**
     * The entries of H2's trace file, which at H2's default trace level holds only errors: an error inside H2 (a
     * failed commit, say) can leave the database inconsistent without the statement that hit it showing anywhere else.
     */
    private static long h2TraceErrors() throws IOException {
        Path trace = Path.of(DATABASE + ".trace.db");
        if (!Files.exists(trace)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(trace)) {
            return lines.filter(line -> TRACE_ENTRY.matcher(line).lookingAt()).count();
        }
    }

    /** What H2's page cache (part of the heap, bounded by CACHE_SIZE) holds now. */
    private long h2CacheBytes() {
        return h2Info("CACHE_SIZE") * 1024 * 1024;
    }

    /** One of H2's {@code info.*} settings: the store's own figures. */
    private long h2Info(String name) {
        return jdbc.queryForObject("select SETTING_VALUE from INFORMATION_SCHEMA.SETTINGS where SETTING_NAME = ?",
                Long.class, "info." + name);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(300);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    // ---- Helpers ---------------------------------------------------------------------------------------------

    private static Supplier<String> tokens(EmulatorProcess emulator) {
        AtomicReference<String> token = new AtomicReference<>(emulator.callbackToken());
        AtomicReference<Instant> issued = new AtomicReference<>(Instant.now());
        return () -> {
            if (issued.get().isBefore(Instant.now().minusSeconds(60))) {
                synchronized (token) {
                    if (issued.get().isBefore(Instant.now().minusSeconds(60))) {
                        token.set(emulator.callbackToken());
                        issued.set(Instant.now());
                    }
                }
            }
            return token.get();
        };
    }

    private static void awaitUntil(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("Not reached within " + timeout);
            }
            Thread.sleep(200);
        }
    }
}
