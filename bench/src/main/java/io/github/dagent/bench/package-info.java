/** dagent bench: being built. */
package io.github.dagent.bench;
