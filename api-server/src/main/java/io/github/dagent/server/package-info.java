/** dagent server: being built. */
package io.github.dagent.server;
