package io.github.dagent.engine;

import io.github.dagent.model.Capabilities;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A task type for tests: its bodies are lambdas and every call is recorded as an event
 * {@code "<what>:<who>:<executeTimes>"}, where {@code who} is the sub-task's param "who".
 */
final class ScriptedType implements TaskType {
  /** A body that may throw. */
  @FunctionalInterface
  interface Body {
    void run(TaskHandle handle) throws Exception;
  }

  private final String name;
  private final Capabilities capabilities;
  private final Body execute;
  private final Body rollback;
  private final Body cancel;
  private final Queue<String> events = new ConcurrentLinkedQueue<>();

  ScriptedType(String name, Capabilities capabilities, Body execute, Body rollback,
      Body cancel) {
    this.name = name;
    this.capabilities = capabilities;
    this.execute = execute;
    this.rollback = rollback;
    this.cancel = cancel;
  }

  static ScriptedType of(String name, Body execute) {
    return new ScriptedType(name, Capabilities.ALL, execute, handle -> { }, handle -> { });
  }

  static ScriptedType noop(String name) {
    return of(name, handle -> { });
  }

  static String who(TaskHandle handle) {
    return String.valueOf(handle.context().param("who").orElse("?"));
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
    events.add("execute:" + who(handle) + ":" + handle.executeTimes()
        + (handle.isContinuing() ? ":continuing" : ""));
    execute.run(handle);
  }

  @Override
  public void rollback(TaskHandle handle) throws Exception {
    events.add("rollback:" + who(handle) + ":" + handle.executeTimes());
    rollback.run(handle);
  }

  @Override
  public void cancel(TaskHandle handle) throws Exception {
    events.add("cancel:" + who(handle) + ":" + handle.executeTimes());
    cancel.run(handle);
  }

  List<String> events() {
    return List.copyOf(events);
  }

  List<String> events(String prefix) {
    return events.stream().filter(event -> event.startsWith(prefix)).toList();
  }
}
