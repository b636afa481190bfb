package io.github.dagent.engine;

import io.github.dagent.model.Dag;
import io.github.dagent.model.DagGraph;
import io.github.dagent.model.NodeTemplate;
import io.github.dagent.model.SubTask;
import io.github.dagent.model.SubTaskTemplate;
import io.github.dagent.model.TaskContext;
import io.github.dagent.model.TaskLog;
import io.github.dagent.model.Template;
import io.github.dagent.store.DagStore;
import io.github.dagent.store.DagStores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A real store in a temp dir, a registry and an engine; SQLite unless a subclass says. */
abstract class EngineFixture {
  @TempDir
  Path dir;
  DagStore store;
  Engine engine;
  TaskRegistry registry = new TaskRegistry();

  String url() {
    return "jdbc:sqlite:" + dir.resolve("dagent.db");
  }

  @BeforeEach
  void openStore() {
    store = DagStores.open(url());
  }

  @AfterEach
  void closeAll() {
    if (engine != null) {
      engine.close();
    }
    store.close();
  }

  Engine startEngine() {
    engine = buildEngine();
    engine.start();
    return engine;
  }

  Engine buildEngine() {
    return EngineBuilder.create(store, registry).workers(8)
        .sweepInterval(Duration.ofMillis(250)).abandonGrace(Duration.ofMillis(500)).build();
  }

  /** Closes the engine and starts a new one on the same store, as a restart does. */
  Engine restartEngine() {
    engine.close();
    return startEngine();
  }

  ScriptedType register(ScriptedType type) {
    registry.register(type);
    return type;
  }

  Dag await(long dagId) throws Exception {
    return engine.whenFinished(dagId).get(30, TimeUnit.SECONDS);
  }

  DagGraph submit(Template template) {
    return engine.submit(template, TaskContext.EMPTY);
  }

  DagGraph graph(long dagId) {
    return store.loadDag(dagId).orElseThrow();
  }

  static SubTaskTemplate sub(String who, String type) {
    return SubTaskTemplate.of(who, type).withParams(Map.of("who", who));
  }

  static SubTaskTemplate sub(String who, String type, Map<String, Object> params) {
    Map<String, Object> all = new java.util.LinkedHashMap<>(params);
    all.put("who", who);
    return SubTaskTemplate.of(who, type).withParams(all);
  }

  static NodeTemplate single(SubTaskTemplate sub) {
    return new NodeTemplate(sub.name(), false, List.of(sub));
  }

  static NodeTemplate parallel(String name, SubTaskTemplate... subs) {
    return NodeTemplate.parallel(name, List.of(subs));
  }

  static Template chain(String name, NodeTemplate... nodes) {
    Template.Builder builder = Template.builder(name);
    for (NodeTemplate node : nodes) {
      builder.node(node);
    }
    return builder.build();
  }

  static SubTask named(DagGraph graph, String name) {
    return graph.subTasks().stream().filter(sub -> sub.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no sub-task " + name));
  }

  List<String> lines(long subTaskId) {
    List<String> lines = new ArrayList<>();
    for (TaskLog log : store.logs(subTaskId)) {
      lines.add(log.text());
    }
    return lines;
  }

  /** Waits until the condition holds, polling the store; fails after 20 s. */
  static void eventually(String what, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(10);
    }
  }
}
