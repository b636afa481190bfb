package io.github.dagent.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dagent.server.config.AgentConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {
  @TempDir
  Path dir;

  static ServeCommand parse(String... args) {
    CommandLine line = DagentCommand.commandLine();
    CommandLine.ParseResult result = line.parseArgs(args);
    return (ServeCommand) result.subcommand().commandSpec().userObject();
  }

  @Test
  void serve_defaults_to_loopback_2886_and_sqlite_in_the_data_directory() throws Exception {
    AgentConfig config = parse("serve").config();

    assertThat(config.bind()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(2886);
    assertThat(config.dataDir()).isEqualTo(Path.of("dagent-data").toAbsolutePath());
    assertThat(config.storeUrl()).startsWith("jdbc:sqlite:").endsWith("dagent.db");
    assertThat(config.limits().maxBodyBytes()).isEqualTo(1 << 20);
  }

  @Test
  void options_and_the_password_file_are_read() throws Exception {
    Path file = dir.resolve("pw");
    Files.writeString(file, "hunter2\n");

    AgentConfig config = parse("serve", "--port", "9000", "--bind", "0.0.0.0", "--data",
        dir.toString(), "--store", "jdbc:h2:mem:x", "--agent-password-file", file.toString(),
        "--max-body-bytes", "2048").config();

    assertThat(config.port()).isEqualTo(9000);
    assertThat(config.bind()).isEqualTo("0.0.0.0");
    assertThat(config.storeUrl()).isEqualTo("jdbc:h2:mem:x");
    assertThat(config.password()).contains("hunter2");
    assertThat(config.limits().maxBodyBytes()).isEqualTo(2048);
    assertThat(config.toString()).doesNotContain("hunter2");
  }

  @Test
  void a_taken_port_fails_with_one_line_and_exit_code_1() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getByName("127.0.0.1"))) {
      java.io.PrintStream original = System.err;
      java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
      int code;
      System.setErr(new java.io.PrintStream(err, true, "UTF-8"));
      try {
        code = DagentCommand.commandLine().execute("serve", "--port",
            Integer.toString(taken.getLocalPort()), "--data", dir.toString());
      } finally {
        System.setErr(original);
      }

      assertThat(code).isEqualTo(1);
      assertThat(err.toString("UTF-8")).startsWith("dagent: cannot start the agent: ")
          .contains("Address already in use");
    }
  }

  @Test
  void an_empty_or_missing_password_file_is_refused_instead_of_turning_auth_off()
      throws Exception {
    Path empty = dir.resolve("empty");
    Files.writeString(empty, "\n");

    String emptyError = startError("serve", "--data", dir.toString(), "--port", "0",
        "--agent-password-file", empty.toString());
    String missingError = startError("serve", "--data", dir.toString(), "--port", "0",
        "--agent-password-file", dir.resolve("nope").toString());

    assertThat(emptyError).startsWith("dagent: cannot start the agent: ")
        .contains(empty + " is empty");
    assertThat(missingError).contains(dir.resolve("nope") + " does not exist")
        .doesNotContain("\tat ");
  }

  @Test
  void a_port_outside_the_range_is_one_line_not_a_stack_trace() throws Exception {
    String error = startError("serve", "--data", dir.toString(), "--port", "99999");

    assertThat(error).startsWith("dagent: cannot start the agent: ").contains("99999")
        .doesNotContain("\tat ");
  }

  private static String startError(String... args) throws Exception {
    java.io.PrintStream original = System.err;
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(err, true, "UTF-8"));
    try {
      assertThat(DagentCommand.commandLine().execute(args)).isEqualTo(1);
    } finally {
      System.setErr(original);
    }
    return err.toString("UTF-8");
  }

  @Test
  void there_is_no_plain_password_flag_and_help_lists_serve() {
    StringWriter err = new StringWriter();
    CommandLine line = DagentCommand.commandLine().setErr(new PrintWriter(err));

    int code = line.execute("serve", "--password", "x");
    StringWriter out = new StringWriter();
    DagentCommand.commandLine().setOut(new PrintWriter(out)).execute("--help");

    assertThat(code).isNotZero();
    assertThat(err.toString()).contains("--password");
    assertThat(out.toString()).contains("serve");
  }
}
