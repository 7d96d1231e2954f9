package io.vendsync.cli.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Where the pod specs sit in the workload kinds k8s/ uses. */
final class Workloads {

    private Workloads() {
    }

    /** The pod spec(s) of a workload object; none for other kinds. */
    static List<JsonNode> podSpecs(final JsonNode object) {
        return switch (object.path("kind").asText()) {
            case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job" -> List.of(object.path("spec").path("template").path("spec"));
            case "CronJob" -> List.of(object.path("spec").path("jobTemplate").path("spec").path("template").path("spec"));
            case "Pod" -> List.of(object.path("spec"));
            default -> List.of();
        };
    }

    /** The labels of the pods a workload makes; empty for other kinds. */
    static JsonNode podLabels(final JsonNode object) {
        return switch (object.path("kind").asText()) {
            case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job" -> object.path("spec").path("template").path("metadata").path("labels");
            case "CronJob" -> object.path("spec").path("jobTemplate").path("spec").path("template").path("metadata").path("labels");
            case "Pod" -> object.path("metadata").path("labels");
            default -> com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        };
    }
}
