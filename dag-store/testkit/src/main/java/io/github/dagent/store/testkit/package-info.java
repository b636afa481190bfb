/** dagent store.testkit: being built. */
package io.github.dagent.store.testkit;
