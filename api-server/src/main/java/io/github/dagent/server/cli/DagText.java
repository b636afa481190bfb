package io.github.dagent.server.cli;

import io.github.dagent.model.dto.DagDetailDTO;
import io.github.dagent.model.dto.NodeDetailDTO;
import io.github.dagent.model.dto.TaskDetailDTO;
import io.github.dagent.model.dto.TaskLogDTO;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns dag DTOs into the text the task subcommands print; pure functions of their input. */
final class DagText {
  static final int BAR_WIDTH = 30;

  private DagText() {}

  /** The table of {@code dagent task list}: one row per dag. */
  static List<String> table(List<DagDetailDTO> dags) {
    List<String> lines = new ArrayList<>();
    lines.add(String.format("%-26s %-30s %-8s %-9s %-6s %-26s %s", "ID", "NAME", "STATE",
        "OPERATOR", "STAGE", "STARTED", "MAINTENANCE"));
    for (DagDetailDTO dag : dags) {
      lines.add(String.format("%-26s %-30s %-8s %-9s %-6s %-26s %s", dag.id(),
          cut(dag.name(), 30), dag.state(), dag.operator(), dag.stage() + "/" + dag.maxStage(),
          dag.startTime(), maintenance(dag)));
    }
    if (dags.isEmpty()) {
      lines.add("(no unfinished dag)");
    }
    return lines;
  }

  /** What {@code dagent task show} prints: the dag, each stage, each sub-task's last lines. */
  static List<String> details(DagDetailDTO dag, OffsetDateTime now) {
    List<String> lines = new ArrayList<>();
    lines.add(heading(dag));
    lines.add("started " + dag.startTime() + ", " + (finished(dag.state())
        ? "ended " + dag.endTime() : "running for " + duration(dag.startTime(), null, now)));
    lines.add(String.format("%-6s %-40s %-8s %-9s %s", "STAGE", "NAME", "STATE", "OPERATOR",
        "DURATION"));
    List<NodeDetailDTO> nodes = dag.nodes() == null ? List.of() : dag.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      NodeDetailDTO node = nodes.get(i);
      lines.add(String.format("%-6s %-40s %-8s %-9s %s", (i + 1) + "/" + nodes.size(),
          cut(node.name(), 40), node.state(), node.operator(), nodeDuration(node, now)));
      for (TaskDetailDTO task : subTasks(node)) {
        lines.addAll(subTaskLines(task));
      }
    }
    return lines;
  }

  /** The lines {@code dagent task logs} prints, oldest first. */
  static List<String> logs(List<TaskLogDTO> logs) {
    return logs.stream()
        .map(log -> log.createTime() + " [run " + log.executeTimes() + "] " + log.logContent())
        .toList();
  }

  /** The redrawn frame of {@code dagent task watch} on a terminal. */
  static List<String> frame(DagDetailDTO dag, OffsetDateTime now) {
    List<String> lines = new ArrayList<>();
    lines.add(heading(dag));
    lines.add(bar(dag) + " " + done(dag) + "/" + dag.maxStage() + " stages");
    current(dag).ifPresent(node -> {
      lines.add("stage " + dag.stage() + ": " + node.name() + "  " + node.state() + "  "
          + nodeDuration(node, now));
      lastLog(node).ifPresent(line -> lines.add("  > " + line));
    });
    return lines;
  }

  /** The progress bar: one mark per finished stage, scaled to {@link #BAR_WIDTH}. */
  static String bar(DagDetailDTO dag) {
    int max = Math.max(1, dag.maxStage());
    int filled = done(dag) * BAR_WIDTH / max;
    return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "]";
  }

  /** The first line about a dag: name, generic id, state and operator, stage. */
  static String heading(DagDetailDTO dag) {
    return dag.name() + "  (dag " + dag.id() + ")  " + dag.state() + "/" + dag.operator()
        + "  stage " + dag.stage() + "/" + dag.maxStage() + maintenanceSuffix(dag);
  }

  /** The node at the dag's current stage, if details were asked for. */
  static Optional<NodeDetailDTO> current(DagDetailDTO dag) {
    if (dag.nodes() == null || dag.stage() < 1 || dag.stage() > dag.nodes().size()) {
      return Optional.empty();
    }
    return Optional.of(dag.nodes().get(dag.stage() - 1));
  }

  /** The last log line of the node's sub-tasks, the running one first. */
  static Optional<String> lastLog(NodeDetailDTO node) {
    List<TaskDetailDTO> tasks = subTasks(node);
    return tasks.stream().filter(task -> "RUNNING".equals(task.state()))
        .map(DagText::lastLine).flatMap(Optional::stream).findFirst()
        .or(() -> tasks.stream().map(DagText::lastLine).flatMap(Optional::stream)
            .reduce((first, second) -> second));
  }

  static boolean finished(String state) {
    return "SUCCEED".equals(state) || "FAILED".equals(state);
  }

  static List<TaskDetailDTO> subTasks(NodeDetailDTO node) {
    return node.subTasks() == null ? List.of() : node.subTasks();
  }

  private static int done(DagDetailDTO dag) {
    if (dag.nodes() == null) {
      return "SUCCEED".equals(dag.state()) ? dag.maxStage() : Math.max(0, dag.stage() - 1);
    }
    return (int) dag.nodes().stream().filter(node -> "SUCCEED".equals(node.state())).count();
  }

  private static List<String> subTaskLines(TaskDetailDTO task) {
    List<String> lines = new ArrayList<>();
    lines.add("       sub-task " + task.id() + "  " + task.state() + "  run "
        + task.executeTimes());
    List<String> logs = task.taskLogs() == null ? List.of() : task.taskLogs();
    logs.subList(Math.max(0, logs.size() - 3), logs.size())
        .forEach(line -> lines.add("         | " + line));
    return lines;
  }

  private static Optional<String> lastLine(TaskDetailDTO task) {
    List<String> logs = task.taskLogs();
    return logs == null || logs.isEmpty() ? Optional.empty()
        : Optional.of(logs.get(logs.size() - 1));
  }

  private static String nodeDuration(NodeDetailDTO node, OffsetDateTime now) {
    return switch (node.state()) {
      case "SUCCEED", "FAILED" -> duration(node.startTime(), node.endTime(), now);
      case "RUNNING" -> duration(node.startTime(), null, now);
      default -> "-";
    };
  }

  static String duration(String start, String end, OffsetDateTime now) {
    if (start == null) {
      return "-";
    }
    try {
      OffsetDateTime from = OffsetDateTime.parse(start);
      OffsetDateTime to = end == null ? now : OffsetDateTime.parse(end);
      Duration spent = Duration.between(from, to);
      if (spent.isNegative()) {
        return "-";
      }
      return String.format("%.1fs", spent.toMillis() / 1000.0);
    } catch (DateTimeParseException e) {
      return "-";
    }
  }

  private static String maintenance(DagDetailDTO dag) {
    return switch (dag.maintenanceType()) {
      case 1 -> "global";
      case 2 -> "tenant " + dag.maintenanceKey();
      default -> "-";
    };
  }

  private static String maintenanceSuffix(DagDetailDTO dag) {
    String lock = maintenance(dag);
    return "-".equals(lock) ? "" : "  maintenance " + lock;
  }

  private static String cut(String text, int width) {
    return text.length() <= width ? text : text.substring(0, width - 1) + "~";
  }
}
