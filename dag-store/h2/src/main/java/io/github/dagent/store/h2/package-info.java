/**
 * The H2 store plugin ({@code jdbc:h2:file:<path>} and {@code jdbc:h2:mem:<name>}): HikariCP
 * pools for writers and for snapshot readers, row locks for the maintenance guard.
 */
package io.github.dagent.store.h2;
