/**
 * The dagent agent: an Undertow HTTP server serving the OBShell task API in front of the
 * engine, wired with Dagger, started from the {@code dagent} command line.
 */
package io.github.dagent.server;
