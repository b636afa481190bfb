/**
 * The SQLite store plugin ({@code jdbc:sqlite:<file>}): WAL, one writer connection guarded by
 * a lock, a small pool of read-only connections, bounded WAL by periodic checkpoints.
 */
package io.github.dagent.store.sqlite;
