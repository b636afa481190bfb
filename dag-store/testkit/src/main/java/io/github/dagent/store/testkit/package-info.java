/**
 * The contract every {@link io.github.dagent.store.DagStore} plugin must pass:
 * {@link io.github.dagent.store.testkit.DagStoreContract}, subclassed unchanged per backend,
 * and {@link io.github.dagent.store.testkit.Fixtures} to build dags.
 */
package io.github.dagent.store.testkit;
