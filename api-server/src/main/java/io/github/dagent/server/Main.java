package io.github.dagent.server;

import io.github.dagent.server.cli.DagentCommand;

/** The entry point of {@code java -jar dagent.jar}: runs the {@code dagent} command line. */
public final class Main {
  private Main() {}

  /**
   * Runs a subcommand and exits with its code; {@code serve} returns only after the agent
   * stopped, and then lets the JVM end by itself (an exit call during a SIGTERM shutdown would
   * wait on the shutdown hooks).
   *
   * @param args the command line, for example {@code serve --port 2886}
   */
  public static void main(String[] args) {
    int code = DagentCommand.commandLine().execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }
}
