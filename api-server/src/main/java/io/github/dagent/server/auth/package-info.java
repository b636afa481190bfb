/** The auth filter of the task routes (PROTOCOL.md §6) and the mapping of its refusals. */
package io.github.dagent.server.auth;
