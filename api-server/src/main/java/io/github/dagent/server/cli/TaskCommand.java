package io.github.dagent.server.cli;

import io.github.dagent.model.dto.DagDetailDTO;
import io.github.dagent.model.dto.NodeDetailDTO;
import io.github.dagent.model.dto.TaskDetailDTO;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.ScopeType;

/**
 * {@code dagent task ...}: submit, list, show, watch and operate dags on a running agent over
 * HTTP, with the same encrypted header any OBShell client sends.
 *
 * <p>Exit codes: 0 done (for {@code watch} and {@code show}: the dag did not fail), 1 the dag
 * is FAILED, 2 a usage error, an unreachable agent or a request the agent refused (the
 * agent's errCode and message are printed).
 */
@Command(name = "task", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
    description = "Submit, watch and operate dags on a running agent.")
public final class TaskCommand {
  /** Exit code: done. */
  public static final int DONE = 0;
  /** Exit code: the dag failed. */
  public static final int DAG_FAILED = 1;
  /** Exit code: bad usage, agent unreachable or request refused. */
  public static final int USAGE = 2;

  @Spec
  CommandSpec spec;

  /** Creates the command; picocli fills the fields. */
  public TaskCommand() {
    // Fields are injected by picocli.
  }

  @Command(name = "submit", description = "Submit a plan document; prints the new dag's id.")
  int submit(@Mixin ConnectionOptions connection,
      @Option(names = {"-q", "--quiet"}, description = "Print only the new dag's id.")
      boolean quiet,
      @Parameters(paramLabel = "PLAN.json", description = "The plan document.") Path plan) {
    return run(() -> {
      String json = readPlan(plan);
      DagDetailDTO dag = connection.client().submit(json);
      if (quiet) {
        out().println(dag.id());
        return DONE;
      }
      out().println("submitted dag " + dag.id() + " \"" + dag.name() + "\" with "
          + dag.maxStage() + " stages");
      out().println("watch it with: dagent task watch " + dag.id());
      return DONE;
    });
  }

  @Command(name = "list", description = "List the unfinished dags (GET /unfinish).")
  int list(@Mixin ConnectionOptions connection) {
    return run(() -> {
      DagText.table(connection.client().unfinished()).forEach(out()::println);
      return DONE;
    });
  }

  @Command(name = "show", description = "Show a dag: stages, states, durations, last logs.")
  int show(@Mixin ConnectionOptions connection,
      @Parameters(paramLabel = "ID", description = "The dag's generic id.") String id) {
    return run(() -> {
      DagDetailDTO dag = connection.client().dag(id);
      DagText.details(dag, OffsetDateTime.now()).forEach(out()::println);
      return "FAILED".equals(dag.state()) ? DAG_FAILED : DONE;
    });
  }

  @Command(name = "watch", description = "Follow a dag until it finishes; exit 1 if it fails.")
  int watch(@Mixin ConnectionOptions connection,
      @Parameters(paramLabel = "ID", description = "The dag's generic id.") String id) {
    return run(() -> new Watcher(connection.client(), out(), System.console() != null)
        .watch(id));
  }

  @Command(name = "logs", description = {"Print a sub-task's log lines, oldest first.",
      "With --stage N, ID is a dag's id and the logs of its stage N are printed."})
  int logs(@Mixin ConnectionOptions connection,
      @Option(names = "--stage", paramLabel = "N",
          description = "Read the sub-tasks of this stage of dag ID.") Integer stage,
      @Parameters(paramLabel = "ID", description = "The sub-task's (or dag's) generic id.")
      String id) {
    return run(() -> {
      AgentClient client = connection.client();
      if (stage == null) {
        DagText.logs(client.logs(id)).forEach(out()::println);
        return DONE;
      }
      NodeDetailDTO node = stageOf(client.dag(id), stage);
      for (TaskDetailDTO task : DagText.subTasks(node)) {
        out().println("# stage " + stage + " \"" + node.name() + "\", sub-task " + task.id()
            + " (" + task.state() + ")");
        DagText.logs(client.logs(task.id())).forEach(out()::println);
      }
      return DONE;
    });
  }

  private NodeDetailDTO stageOf(DagDetailDTO dag, int stage) {
    List<NodeDetailDTO> nodes = dag.nodes() == null ? List.of() : dag.nodes();
    if (stage < 1 || stage > nodes.size()) {
      throw new ParameterException(spec.commandLine(), "dag " + dag.id() + " has stages 1 to "
          + nodes.size() + "; --stage " + stage + " is not one of them");
    }
    return nodes.get(stage - 1);
  }

  @Command(name = "retry", description = "Run the failed stage of a FAILED dag again.")
  int retry(@Mixin ConnectionOptions connection,
      @Parameters(paramLabel = "ID", description = "The dag's generic id.") String id) {
    return operate(connection, id, "retry");
  }

  @Command(name = "rollback", description = "Roll a FAILED dag back, last stage first.")
  int rollback(@Mixin ConnectionOptions connection,
      @Parameters(paramLabel = "ID", description = "The dag's generic id.") String id) {
    return operate(connection, id, "rollback");
  }

  @Command(name = "cancel", description = "Cancel an unfinished dag.")
  int cancel(@Mixin ConnectionOptions connection,
      @Parameters(paramLabel = "ID", description = "The dag's generic id.") String id) {
    return operate(connection, id, "cancel");
  }

  @Command(name = "pass", description = "Mark the failed stage and later ones as passed.")
  int pass(@Mixin ConnectionOptions connection,
      @Parameters(paramLabel = "ID", description = "The dag's generic id.") String id) {
    return operate(connection, id, "pass");
  }

  private int operate(ConnectionOptions connection, String id, String operator) {
    return run(() -> {
      connection.client().operate(id, operator);
      out().println(operator + " accepted for dag " + id + "; follow it with: dagent task watch "
          + id);
      return DONE;
    });
  }

  private int run(Action action) {
    try {
      return action.run();
    } catch (AgentRefusedException e) {
      err().println("refused by the agent: " + e.getMessage());
      return USAGE;
    } catch (AgentUnreachableException | IOException e) {
      err().println(e.getMessage());
      return USAGE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err().println("interrupted");
      return USAGE;
    }
  }

  private static String readPlan(Path plan) throws IOException {
    try {
      return Files.readString(plan, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(plan.toString(), null, "no such plan file");
    }
  }

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }

  private PrintWriter err() {
    return spec.commandLine().getErr();
  }

  private interface Action {
    int run() throws AgentRefusedException, AgentUnreachableException, IOException,
        InterruptedException;
  }
}
