package io.github.dagent.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dagent.model.Capabilities;
import io.github.dagent.model.DagGraph;
import io.github.dagent.model.DagentException;
import io.github.dagent.model.ErrorCode;
import io.github.dagent.model.NodeTemplate;
import io.github.dagent.model.SubTask;
import io.github.dagent.model.TaskContext;
import io.github.dagent.store.DagFilter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ENGINE.md "Task types": registration by stable name, and what submit stores. */
class TaskRegistryTest extends EngineFixture {

  @Test
  void a_type_is_found_by_its_stable_name_and_an_unknown_name_is_empty() {
    ScriptedType type = register(ScriptedType.noop("shell"));

    assertThat(registry.find("shell")).containsSame(type);
    assertThat(registry.find("python")).isEmpty();
    assertThat(registry.names()).containsExactly("shell");
  }

  @Test
  void registering_a_second_type_under_the_same_name_is_an_error() {
    register(ScriptedType.noop("shell"));

    assertThatThrownBy(() -> registry.register(ScriptedType.noop("shell")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'shell'");
  }

  @Test
  void a_sub_task_stores_the_and_of_its_template_flags_and_its_type_flags() {
    registry.register(new ScriptedType("no-pass", Capabilities.ALL.withPass(false),
        handle -> { }, handle -> { }, handle -> { }));
    engine = buildEngine();

    DagGraph graph = submit(chain("flags", new NodeTemplate("n", true, List.of(
        sub("plain", "no-pass"),
        sub("narrowed", "no-pass").withCapabilities(Capabilities.ALL.withRetry(false))))));

    SubTask plain = named(graph, "plain");
    SubTask narrowed = named(graph, "narrowed");
    assertThat(plain.capabilities()).isEqualTo(Capabilities.ALL.withPass(false));
    assertThat(narrowed.capabilities())
        .isEqualTo(Capabilities.ALL.withPass(false).withRetry(false));
    assertThat(store.findSubTask(plain.id()).orElseThrow().capabilities())
        .isEqualTo(plain.capabilities());
  }

  @Test
  void submit_refuses_an_unregistered_type_or_a_bad_timeout_and_stores_nothing() {
    register(ScriptedType.noop("noop"));
    engine = buildEngine();

    assertThatThrownBy(() -> submit(chain("unknown", single(sub("a", "missing")))))
        .isInstanceOfSatisfying(DagentException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.TASK_TEMPLATE_INVALID))
        .hasMessageContaining("'missing'");
    assertThatThrownBy(() -> submit(chain("bad", single(sub("a", "noop",
        Map.of("timeout", "soon"))))))
        .isInstanceOfSatisfying(DagentException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.TASK_TEMPLATE_INVALID));
    assertThatThrownBy(() -> engine.submit(chain("bad", single(sub("a", "noop"))),
        TaskContext.ofParams(Map.of("timeout", -1))))
        .isInstanceOf(DagentException.class);

    assertThat(store.listDags(DagFilter.ALL)).isEmpty();
  }
}
