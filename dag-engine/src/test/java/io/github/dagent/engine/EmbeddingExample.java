package io.github.dagent.engine;

import io.github.dagent.model.Capabilities;
import io.github.dagent.model.Dag;
import io.github.dagent.model.DagGraph;
import io.github.dagent.model.NodeTemplate;
import io.github.dagent.model.SubTaskTemplate;
import io.github.dagent.model.TaskContext;
import io.github.dagent.model.Template;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The README's embedding example, compiled and run by {@link ReadmeExampleTest}. */
public final class EmbeddingExample {
  private EmbeddingExample() {}

  /**
   * @param args the SQLite file to use
   * @throws Exception when the dag does not finish
   */
  public static void main(String[] args) throws Exception {
    System.out.println(run(Path.of(args[0])));
  }

  static Dag run(Path file) throws Exception {
    // example:start
    TaskRegistry registry = new TaskRegistry().register(new Hello());
    try (Engine engine = EngineBuilder.create("jdbc:sqlite:" + file, registry)
        .workers(4)
        .build()) {
      engine.start();
      Template template = Template.builder("Say hello")
          .node(NodeTemplate.single("hello once", "hello"))
          .node(NodeTemplate.parallel("hello twice", List.of(
              SubTaskTemplate.of("left", "hello"), SubTaskTemplate.of("right", "hello"))))
          .build();
      DagGraph created = engine.submit(template, TaskContext.ofParams(Map.of("timeout", 60)));
      Dag done = engine.whenFinished(created.dag().id()).get(1, TimeUnit.MINUTES);
      System.out.println("dag " + done.genericId() + " ended " + done.state());
      return done;
    }
    // example:end
  }

  /** A task type: log a line and leave a mark for later stages. */
  static final class Hello implements TaskType {
    @Override
    public String name() {
      return "hello";
    }

    @Override
    public Capabilities capabilities() {
      return Capabilities.ALL;
    }

    @Override
    public void execute(TaskHandle handle) {
      handle.log("hello; earlier stages said hello "
          + handle.context().data().getOrDefault("hellos", 0) + " times");
      handle.putData("hellos", 1);
    }
  }
}
