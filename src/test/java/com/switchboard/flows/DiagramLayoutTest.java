package com.switchboard.flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every diagram opens in Camunda Modeler as it was drawn: each flow node (events, tasks, gateways, subprocesses and
 * what is inside them, boundary events) has exactly one shape, each sequence flow exactly one edge that starts on its
 * source's outline and ends on its target's, and what a subprocess holds is drawn inside it. (Overlapping shapes and
 * the modelling rules are bpmnlint's: DiagramLintIT.)
 */
class DiagramLayoutTest {

    /** How far off an outline an edge's end may be, in pixels: Modeler's own docking is exact to the pixel. */
    private static final double SLACK = 2;

    static Stream<Path> diagrams() throws IOException {
        Path base = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        List<Path> all = new ArrayList<>();
        for (String folder : List.of("processes", "starter")) {
            try (Stream<Path> files = Files.list(base.resolve(folder))) {
                files.filter(file -> file.toString().endsWith(".bpmn")).sorted().forEach(all::add);
            }
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("diagrams")
    void everyElementIsDrawnAndEveryFlowJoinsWhatItConnects(Path diagram) throws IOException {
        BpmnModelInstance model;
        try (InputStream in = Files.newInputStream(diagram)) {
            model = Bpmn.readModelFromStream(in);
        }
        Map<String, List<BpmnShape>> shapes = model.getModelElementsByType(BpmnShape.class).stream()
                .collect(Collectors.groupingBy(shape -> shape.getBpmnElement().getId()));
        Map<String, List<BpmnEdge>> edges = model.getModelElementsByType(BpmnEdge.class).stream()
                .collect(Collectors.groupingBy(edge -> edge.getBpmnElement().getId()));

        Collection<FlowNode> nodes = model.getModelElementsByType(FlowNode.class);
        assertThat(nodes).isNotEmpty();
        for (FlowNode node : nodes) {
            assertThat(shapes.getOrDefault(node.getId(), List.of())).as("shapes of %s", node.getId()).hasSize(1);
        }
        for (SubProcess subProcess : model.getModelElementsByType(SubProcess.class)) {
            Bounds outer = bounds(shapes, subProcess);
            for (FlowNode child : subProcess.getChildElementsByType(FlowNode.class)) {
                Bounds inner = bounds(shapes, child);
                assertThat(inner.getX() >= outer.getX() && inner.getY() >= outer.getY()
                        && inner.getX() + inner.getWidth() <= outer.getX() + outer.getWidth()
                        && inner.getY() + inner.getHeight() <= outer.getY() + outer.getHeight())
                        .as("%s is drawn inside %s", child.getId(), subProcess.getId()).isTrue();
            }
        }
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            List<BpmnEdge> drawn = edges.getOrDefault(flow.getId(), List.of());
            assertThat(drawn).as("edges of %s", flow.getId()).hasSize(1);
            List<Waypoint> waypoints = List.copyOf(drawn.get(0).getWaypoints());
            assertThat(waypoints).as("waypoints of %s", flow.getId()).hasSizeGreaterThanOrEqualTo(2);
            assertOnOutline(flow.getId() + " starts on its source " + flow.getSource().getId(), waypoints.get(0),
                    bounds(shapes, flow.getSource()));
            assertOnOutline(flow.getId() + " ends on its target " + flow.getTarget().getId(),
                    waypoints.get(waypoints.size() - 1), bounds(shapes, flow.getTarget()));
        }
    }

    private static Bounds bounds(Map<String, List<BpmnShape>> shapes, BaseElement element) {
        return shapes.get(element.getId()).get(0).getBounds();
    }

    private static void assertOnOutline(String what, Waypoint point, Bounds box) {
        double left = box.getX();
        double top = box.getY();
        double right = left + box.getWidth();
        double bottom = top + box.getHeight();
        Function<Double, Boolean> nearX = x -> Math.abs(point.getX() - x) <= SLACK;
        Function<Double, Boolean> nearY = y -> Math.abs(point.getY() - y) <= SLACK;
        boolean withinX = point.getX() >= left - SLACK && point.getX() <= right + SLACK;
        boolean withinY = point.getY() >= top - SLACK && point.getY() <= bottom + SLACK;
        boolean onOutline = (withinY && (nearX.apply(left) || nearX.apply(right)))
                || (withinX && (nearY.apply(top) || nearY.apply(bottom)));
        assertThat(onOutline).as("%s: (%s, %s) on the outline of [%s, %s, %s x %s]", what, point.getX(), point.getY(),
                left, top, box.getWidth(), box.getHeight()).isTrue();
    }
}
