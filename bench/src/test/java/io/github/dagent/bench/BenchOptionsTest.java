package io.github.dagent.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The command line only: no benchmark runs in the test phase. */
class BenchOptionsTest {

  @Test
  void no_arguments_mean_the_full_run_of_every_group() {
    BenchOptions options = BenchOptions.parse();

    assertThat(options.quick()).isFalse();
    assertThat(options.only()).isEmpty();
    assertThat(BenchMain.groups()).allSatisfy(group ->
        assertThat(options.selects(group.name(), group.figures())).isTrue());
  }

  @Test
  void quick_only_and_agent_jar_are_read_in_both_spellings() {
    BenchOptions spaced = BenchOptions.parse("--quick", "--only", "api", "--agent-jar", "a.jar");
    BenchOptions joined = BenchOptions.parse("--only=api", "--agent-jar=a.jar", "--quick");

    assertThat(spaced).isEqualTo(joined);
    assertThat(spaced.quick()).isTrue();
    assertThat(spaced.only()).contains("api");
    assertThat(spaced.agentJar()).contains(Path.of("a.jar"));
  }

  @Test
  void only_selects_a_group_by_name_or_by_a_figure_prefix() {
    BenchOptions byGroup = BenchOptions.parse("--only", "store");
    BenchOptions byFigure = BenchOptions.parse("--only", "store.list");
    BenchOptions byPrefix = BenchOptions.parse("--only", "store.commit.raw");

    assertThat(selected(byGroup)).containsExactly("store");
    assertThat(selected(byFigure)).containsExactly("list");
    assertThat(selected(byPrefix)).containsExactly("store", "engine");
    assertThat(selected(BenchOptions.parse("--only", "nothing.like.this"))).isEmpty();
  }

  @Test
  void every_figure_the_issue_names_is_printed_by_some_group() {
    List<String> all = BenchMain.groups().stream().flatMap(g -> g.figures().stream()).toList();

    assertThat(all).contains("store.commit.raw", "store.transition", "store.transition.ratio",
        "store.list.sql", "store.list.ms.1000", "store.list.raw.ms.1000",
        "engine.advance.p50", "engine.advance.p99", "engine.throughput.sqlite",
        "engine.throughput.h2", "api.unfinish.rps.10", "api.unfinish.p99.1000",
        "api.raw.rps.100", "crypto.header.per_s", "agent.start.ms", "agent.rss.mb");
    assertThat(all).doesNotHaveDuplicates();
  }

  @Test
  void unknown_arguments_and_missing_values_are_refused_by_name() {
    assertThatThrownBy(() -> BenchOptions.parse("--fast"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'--fast'");
    assertThatThrownBy(() -> BenchOptions.parse("--only"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--only needs");
    assertThatThrownBy(() -> BenchOptions.parse("--only", "--quick"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--only needs");
  }

  @Test
  void a_figure_line_starts_with_bench_name_value_and_unit() {
    Figure raw = new Figure("store.commit.raw", 1234.4, "commits/s", Optional.empty(), "");
    Figure ratio = new Figure("store.transition.ratio", 0.5, "x", Optional.of(raw), "why");

    assertThat(raw.line()).isEqualTo("BENCH store.commit.raw 1234 commits/s");
    assertThat(ratio.line())
        .isEqualTo("BENCH store.transition.ratio 0.500 x baseline store.commit.raw=1234"
            + " commits/s (why)");
  }

  private static List<String> selected(BenchOptions options) {
    return BenchMain.groups().stream()
        .filter(g -> options.selects(g.name(), g.figures()))
        .map(BenchGroup::name).toList();
  }
}
