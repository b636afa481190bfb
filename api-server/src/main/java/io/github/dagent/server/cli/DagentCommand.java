package io.github.dagent.server.cli;

import io.github.dagent.server.agent.Versions;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The top command, {@code dagent}. Each subcommand is one class listed in
 * {@code subcommands}; adding one is adding its class there.
 */
@Command(name = "dagent", mixinStandardHelpOptions = true,
    versionProvider = DagentCommand.Version.class,
    description = "A task-DAG agent speaking the OBShell task API.",
    subcommands = {
        ServeCommand.class,
        TaskCommand.class,
        CommandLine.HelpCommand.class
    })
public final class DagentCommand implements Runnable {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  /** @return the command line of {@code dagent} with every subcommand */
  public static CommandLine commandLine() {
    return new CommandLine(new DagentCommand());
  }

  /** Without a subcommand: prints the usage and fails. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "name a subcommand, for example: dagent serve");
  }

  /** Reports dagent's version for {@code --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"dagent " + Versions.dagent()};
    }
  }
}
