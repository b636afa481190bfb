package io.github.dagent.server.cli;

import io.github.dagent.model.dto.DagDetailDTO;
import io.github.dagent.model.dto.NodeDetailDTO;
import io.github.dagent.model.dto.TaskDetailDTO;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows one dag until it is SUCCEED or FAILED, polling it every {@link #POLL}.
 *
 * <p>On a terminal it redraws a small frame in place (a progress bar of stages and the running
 * sub-task's last log line). Otherwise (output piped or redirected) it prints plain lines:
 * each stage's state change and every new log line once, so the output reads well in a file.
 * While the agent is unreachable (a restart) it keeps trying for {@link #PATIENCE}.
 */
final class Watcher {
  static final Duration POLL = Duration.ofMillis(200);
  static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final int WIDTH = 120;

  private final AgentClient client;
  private final PrintWriter out;
  private final boolean terminal;
  private final Map<String, String> shownStates = new HashMap<>();
  private final Map<String, Integer> shownLines = new HashMap<>();
  private int frameLines;

  Watcher(AgentClient client, PrintWriter out, boolean terminal) {
    this.client = client;
    this.out = out;
    this.terminal = terminal;
  }

  int watch(String id)
      throws AgentRefusedException, AgentUnreachableException, InterruptedException {
    while (true) {
      DagDetailDTO dag = fetch(id);
      if (terminal) {
        redraw(DagText.frame(dag, OffsetDateTime.now()));
      } else {
        printChanges(dag);
      }
      if (DagText.finished(dag.state())) {
        return finish(dag);
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  private DagDetailDTO fetch(String id)
      throws AgentRefusedException, AgentUnreachableException, InterruptedException {
    long giveUp = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      try {
        return client.dag(id);
      } catch (AgentUnreachableException e) {
        if (System.nanoTime() > giveUp) {
          throw e;
        }
        Thread.sleep(500);
      }
    }
  }

  private void redraw(List<String> frame) {
    if (frameLines > 0) {
      out.print("\033[" + frameLines + "F\033[J");
    }
    frame.forEach(line -> out.println(line.length() > WIDTH ? line.substring(0, WIDTH) : line));
    out.flush();
    frameLines = frame.size();
  }

  private void printChanges(DagDetailDTO dag) {
    List<NodeDetailDTO> nodes = dag.nodes() == null ? List.of() : dag.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      NodeDetailDTO node = nodes.get(i);
      String stage = "stage " + (i + 1) + "/" + nodes.size();
      String state = node.state() + "/" + node.operator();
      if (!state.equals(shownStates.put(node.id(), state)) && !"PENDING".equals(node.state())) {
        out.println(stage + " " + node.name() + ": " + state);
      }
      for (TaskDetailDTO task : DagText.subTasks(node)) {
        printNewLines(stage, task);
      }
    }
    out.flush();
  }

  private void printNewLines(String stage, TaskDetailDTO task) {
    List<String> logs = task.taskLogs() == null ? List.of() : task.taskLogs();
    int shown = shownLines.getOrDefault(task.id(), 0);
    for (int i = Math.min(shown, logs.size()); i < logs.size(); i++) {
      out.println("  " + stage + " | " + logs.get(i));
    }
    shownLines.put(task.id(), logs.size());
  }

  private int finish(DagDetailDTO dag) {
    out.println("dag " + dag.id() + " finished: " + dag.state() + "/" + dag.operator()
        + " after " + DagText.duration(dag.startTime(), dag.endTime(), OffsetDateTime.now()));
    if (!"FAILED".equals(dag.state())) {
      out.flush();
      return TaskCommand.DONE;
    }
    DagText.current(dag).ifPresent(node -> explainFailure(dag, node));
    out.flush();
    return TaskCommand.DAG_FAILED;
  }

  private void explainFailure(DagDetailDTO dag, NodeDetailDTO node) {
    out.println("failed at stage " + dag.stage() + ": " + node.name());
    for (TaskDetailDTO task : DagText.subTasks(node)) {
      if ("FAILED".equals(task.state())) {
        List<String> logs = task.taskLogs() == null ? List.of() : task.taskLogs();
        logs.subList(Math.max(0, logs.size() - 5), logs.size())
            .forEach(line -> out.println("  | " + line));
        out.println("all its logs:  dagent task logs " + task.id());
      }
    }
    out.println("then:          dagent task retry " + dag.id()
        + "   (or rollback, or pass)");
  }
}
