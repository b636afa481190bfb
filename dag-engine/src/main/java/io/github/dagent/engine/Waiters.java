package io.github.dagent.engine;

import io.github.dagent.model.Dag;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The futures of {@link Engine#whenFinished}, completed when a dag is seen final. */
final class Waiters {
  private final Map<Long, List<CompletableFuture<Dag>>> byDag = new ConcurrentHashMap<>();

  CompletableFuture<Dag> add(long dagId) {
    CompletableFuture<Dag> future = new CompletableFuture<>();
    byDag.computeIfAbsent(dagId, id -> new CopyOnWriteArrayList<>()).add(future);
    return future;
  }

  /** Completes every future of the dag when it is SUCCEED or FAILED. */
  void seen(Dag dag) {
    if (!dag.state().isFinal()) {
      return;
    }
    List<CompletableFuture<Dag>> futures = byDag.remove(dag.id());
    if (futures != null) {
      futures.forEach(future -> future.complete(dag));
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
