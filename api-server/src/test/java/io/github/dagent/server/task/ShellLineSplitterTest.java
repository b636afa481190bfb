package io.github.dagent.server.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellLineSplitterTest {
  private static List<String> split(String text, int limit) {
    LineSplitter splitter = new LineSplitter(limit);
    List<String> lines = new ArrayList<>();
    for (char c : text.toCharArray()) {
      String line = splitter.accept(c);
      if (line != null) {
        lines.add(line);
      }
    }
    String last = splitter.finish();
    if (last != null) {
      lines.add(last);
    }
    return lines;
  }

  @Test
  void crlf_is_one_line_end_and_empty_lines_stay() {
    assertThat(split("a\r\n\r\nb\n\n", 100)).containsExactly("a", "", "b", "");
  }

  @Test
  void a_bare_return_keeps_only_the_text_after_it_as_a_terminal_shows_it() {
    assertThat(split("1%\r2%\r100%\ndone", 100)).containsExactly("100%", "done");
  }

  @Test
  void a_trailing_return_at_the_end_keeps_the_text_before_it() {
    assertThat(split("progress 100%\r", 100)).containsExactly("progress 100%");
  }

  @Test
  void long_lines_are_cut_and_marked_and_a_return_starts_afresh() {
    assertThat(split("abcdef\nabcdef\rxy\n", 4)).containsExactly("abcd [cut]", "xy");
  }
}
