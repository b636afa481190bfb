/**
 * The JDBC core every SQL plugin shares: row mapping, the compare-and-set statements, the
 * fixed-statement unfinished listing, migrations and path checks. A plugin supplies only a
 * {@link io.github.dagent.store.jdbc.JdbcDialect} (connections, upsert, locking, transient
 * errors) and calls {@link io.github.dagent.store.jdbc.JdbcStores#open}.
 */
package io.github.dagent.store.jdbc;
