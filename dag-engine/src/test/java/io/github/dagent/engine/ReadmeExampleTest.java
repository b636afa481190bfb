package io.github.dagent.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dagent.model.Dag;
import io.github.dagent.model.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's example is the code of {@link EmbeddingExample}, and it runs. */
class ReadmeExampleTest {
  @TempDir
  Path dir;

  @Test
  void the_readme_example_runs_a_dag_to_succeed() throws Exception {
    Dag done = EmbeddingExample.run(dir.resolve("example.db"));

    assertThat(done.state()).isEqualTo(TaskState.SUCCEED);
  }

  @Test
  void the_readme_shows_the_example_code_as_it_is_compiled() throws Exception {
    Path source = Path.of("src/test/java/io/github/dagent/engine/EmbeddingExample.java");
    List<String> code = between(Files.readAllLines(source), "// example:start",
        "// example:end");
    String readme = Files.readString(Path.of("README.md"));

    for (String line : code) {
      assertThat(readme).as("README line").contains(line.strip());
    }
    assertThat(readme).contains("class Hello implements TaskType");
  }

  private static List<String> between(List<String> lines, String start, String end) {
    int from = -1;
    int to = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals(start)) {
        from = i + 1;
      } else if (lines.get(i).strip().equals(end)) {
        to = i;
      }
    }
    return lines.subList(from, to);
  }
}
