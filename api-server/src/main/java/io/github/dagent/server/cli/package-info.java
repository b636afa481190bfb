/** The {@code dagent} command line (picocli): the top command and its subcommands. */
package io.github.dagent.server.cli;
