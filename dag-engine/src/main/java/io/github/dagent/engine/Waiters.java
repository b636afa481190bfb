package io.github.dagent.engine;

import io.github.dagent.model.Dag;
import io.github.dagent.store.DagStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The futures of {@link Engine#whenFinished}, completed when a dag is seen final. A final dag
 * seen in an older read is read again before completing, so that a future added after a
 * RETRY is never completed with the state from before it.
 */
final class Waiters {
  private final Map<Long, List<CompletableFuture<Dag>>> byDag = new ConcurrentHashMap<>();
  private final DagStore store;

  Waiters(DagStore store) {
    this.store = store;
  }

  CompletableFuture<Dag> add(long dagId) {
    CompletableFuture<Dag> future = new CompletableFuture<>();
    byDag.computeIfAbsent(dagId, id -> new CopyOnWriteArrayList<>()).add(future);
    return future;
  }

  /** Completes every future of the dag when it is SUCCEED or FAILED. */
  void seen(Dag dag) {
    if (!dag.state().isFinal() || !byDag.containsKey(dag.id())) {
      return;
    }
    Optional<Dag> fresh = store.findDag(dag.id());
    if (fresh.isEmpty() || !fresh.get().state().isFinal()) {
      return;
    }
    List<CompletableFuture<Dag>> futures = byDag.remove(dag.id());
    if (futures != null) {
      futures.forEach(future -> future.complete(fresh.get()));
    }
  }

  Set<Long> dagIds() {
    return Set.copyOf(byDag.keySet());
  }

  void failAll(RuntimeException error) {
    byDag.values().forEach(list -> list.forEach(future -> future.completeExceptionally(error)));
    byDag.clear();
  }
}
