/** The agent's settings: addresses, data directory, store URL, password and limits. */
package io.github.dagent.server.config;
