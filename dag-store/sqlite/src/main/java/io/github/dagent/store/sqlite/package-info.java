/** dagent store.sqlite: being built. */
package io.github.dagent.store.sqlite;
