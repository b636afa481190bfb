package io.github.dagent.engine;

import io.github.dagent.model.Capabilities;
import io.github.dagent.model.TaskContext;
import io.github.dagent.model.Template;
import io.github.dagent.store.DagStore;
import io.github.dagent.store.DagStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The child JVM of {@link CrashRecoveryTest}: starts an engine on a SQLite file, submits the
 * dags, marks that it started, and runs until it is killed.
 */
public final class CrashChild {
  static final int DAGS = 3;

  private CrashChild() {}

  /**
   * @param args the SQLite file, the side file, the started-marker file
   * @throws Exception anything, the parent reads the child's output
   */
  public static void main(String[] args) throws Exception {
    Path side = Path.of(args[1]);
    DagStore store = DagStores.open("jdbc:sqlite:" + args[0]);
    Engine engine = EngineBuilder.create(store, registry(side)).workers(4).build();
    engine.start();
    for (int i = 0; i < DAGS; i++) {
      engine.submit(template("crash-" + i), TaskContext.EMPTY);
    }
    Files.writeString(Path.of(args[2]), "started");
    Thread.sleep(60_000);
  }

  static TaskRegistry registry(Path side) {
    return new TaskRegistry()
        .register(new SideEffect("once", Capabilities.ALL.withContinue(false), side))
        .register(new SideEffect("resume", Capabilities.ALL, side));
  }

  static Template template(String name) {
    return Template.builder(name)
        .node(EngineFixture.parallel("p1", EngineFixture.sub("a", "once"),
            EngineFixture.sub("b", "once"), EngineFixture.sub("c", "once")))
        .node(EngineFixture.parallel("p2", EngineFixture.sub("d", "resume"),
            EngineFixture.sub("e", "resume")))
        .node(EngineFixture.single(EngineFixture.sub("f", "once")))
        .node(EngineFixture.parallel("p4", EngineFixture.sub("g", "resume"),
            EngineFixture.sub("h", "resume")))
        .build();
  }

  /**
   * Appends {@code type:subTaskId:executeTimes:c|n} to the side file before it works, then
   * works for 20 to 150 ms.
   */
  static final class SideEffect implements TaskType {
    private final String name;
    private final Capabilities capabilities;
    private final Path side;

    SideEffect(String name, Capabilities capabilities, Path side) {
      this.name = name;
      this.capabilities = capabilities;
      this.side = side;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Capabilities capabilities() {
      return capabilities;
    }

    @Override
    public void execute(TaskHandle handle) throws Exception {
      append(name + ":" + handle.subTaskId() + ":" + handle.executeTimes() + ":"
          + (handle.isContinuing() ? "c" : "n"));
      Thread.sleep(ThreadLocalRandom.current().nextInt(20, 150));
    }

    private synchronized void append(String line) throws IOException {
      Files.writeString(side, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }
  }
}
