/** dagent store.h2: being built. */
package io.github.dagent.store.h2;
