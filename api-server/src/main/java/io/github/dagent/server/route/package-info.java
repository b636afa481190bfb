/** The agent's routes: the task routes of PROTOCOL.md §4 and the open routes of §5. */
package io.github.dagent.server.route;
