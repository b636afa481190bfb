/** dagent crypto: being built. */
package io.github.dagent.crypto;
