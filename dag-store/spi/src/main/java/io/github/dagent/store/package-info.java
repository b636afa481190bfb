/**
 * The storage SPI: {@link io.github.dagent.store.DagStore} and the plugins that implement it,
 * found by {@link io.github.dagent.store.DagStores} from the JDBC URL.
 */
package io.github.dagent.store;
