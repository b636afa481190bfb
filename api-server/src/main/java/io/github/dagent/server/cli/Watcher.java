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
 * If the agent stops answering after the dag was seen (a restart), it says so once and keeps
 * trying for its patience; an agent that never answered fails at once.
 */
final class Watcher {
  static final Duration POLL = Duration.ofMillis(200);
  static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final int WIDTH = 120;

  private final AgentClient client;
  private final PrintWriter out;
  private final boolean terminal;
  private final Duration patience;
  private final Map<String, String> shownStates = new HashMap<>();
  private final Map<String, Integer> shownLines = new HashMap<>();
  private int frameLines;
  private boolean seen;

  Watcher(AgentClient client, PrintWriter out, boolean terminal) {
    this(client, out, terminal, PATIENCE);
  }

  Watcher(AgentClient client, PrintWriter out, boolean terminal, Duration patience) {
    this.client = client;
    this.out = out;
    this.terminal = terminal;
    this.patience = patience;
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
    long giveUp = System.nanoTime() + patience.toNanos();
    boolean said = false;
    while (true) {
      try {
        DagDetailDTO dag = client.dag(id);
        if (said) {
          say("the agent answers again");
        }
        seen = true;
        return dag;
      } catch (AgentUnreachableException e) {
        if (!seen || System.nanoTime() > giveUp) {
          throw e;
        }
        if (!said) {
          say(e.getMessage() + "; still trying for " + patience.toSeconds() + " s");
          said = true;
        }
        Thread.sleep(500);
      }
    }
  }

  /** Prints a line of its own; a terminal frame is then drawn afresh below it. */
  private void say(String line) {
    out.println(line);
    out.flush();
    frameLines = 0;
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
