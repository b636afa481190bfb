package io.github.dagent.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TaskCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine line = DagentCommand.commandLine();
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    return line.execute(args);
  }

  @Test
  void task_subcommands_sit_beside_serve() {
    CommandLine task = DagentCommand.commandLine().getSubcommands().get("task");

    assertThat(task).isNotNull();
    assertThat(task.getSubcommands()).containsKeys("submit", "list", "show", "watch", "logs",
        "retry", "rollback", "cancel", "pass");
  }

  @Test
  void a_missing_argument_is_a_usage_error_with_exit_code_2() {
    assertThat(run("task", "show")).isEqualTo(TaskCommand.USAGE);
    assertThat(err.toString()).contains("ID");
  }

  @Test
  void an_agent_that_does_not_answer_is_exit_code_2_with_a_hint() throws Exception {
    int port = ClosedPort.find();

    int code = run("task", "list", "--server", "http://127.0.0.1:" + port);

    assertThat(code).isEqualTo(TaskCommand.USAGE);
    assertThat(err.toString()).contains("cannot reach the agent at http://127.0.0.1:" + port)
        .contains("dagent serve");
  }

  @Test
  void a_server_without_scheme_is_taken_as_http() throws Exception {
    int port = ClosedPort.find();

    int code = run("task", "list", "--server", "127.0.0.1:" + port);

    assertThat(code).isEqualTo(TaskCommand.USAGE);
    assertThat(err.toString()).contains("cannot reach the agent at http://127.0.0.1:" + port);
  }

  @Test
  void a_server_that_is_not_an_agent_address_is_a_usage_error_naming_the_forms() {
    for (String bad : new String[] {"ftp://127.0.0.1:2886", "http://127.0.0.1:2886/api",
        "http://", "127.0.0.1:2886?x=1"}) {
      StringWriter err = new StringWriter();

      int code = DagentCommand.commandLine().setErr(new PrintWriter(err))
          .execute("task", "list", "--server", bad);

      assertThat(code).as(bad).isEqualTo(TaskCommand.USAGE);
      assertThat(err.toString()).as(bad).contains("'" + bad + "' is not an agent address")
          .contains("HOST:PORT");
    }
  }

  @Test
  void a_missing_plan_file_is_exit_code_2_naming_the_file() {
    int code = run("task", "submit", "--server", "http://127.0.0.1:1", "no-such-plan.json");

    assertThat(code).isEqualTo(TaskCommand.USAGE);
    assertThat(err.toString()).contains("no-such-plan.json");
  }

  @Test
  void every_task_subcommand_answers_help() {
    for (String sub : new String[] {"submit", "list", "show", "watch", "logs", "retry",
        "rollback", "cancel", "pass"}) {
      StringWriter out = new StringWriter();

      int code = DagentCommand.commandLine().setOut(new PrintWriter(out))
          .execute("task", sub, "--help");

      assertThat(code).as(sub).isZero();
      assertThat(out.toString()).as(sub).contains("Usage: dagent task " + sub);
    }
  }
}
