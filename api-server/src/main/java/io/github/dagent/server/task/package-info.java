/**
 * The task types the standalone agent registers: {@code shell} (a command under
 * {@code /bin/sh -c}, its output lines logged as they arrive, its process tree killed on
 * cancel and timeout) and {@code sleep}. A host embedding the engine registers its own.
 */
package io.github.dagent.server.task;
