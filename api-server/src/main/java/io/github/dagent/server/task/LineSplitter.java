package io.github.dagent.server.task;

/**
 * Turns characters into log lines the way a terminal shows them: {@code \n} and
 * {@code \r\n} end a line; a bare {@code \r} moves back to the line's start, so only the text
 * after the last bare {@code \r} is kept (a progress bar logs its final state, once). A line
 * longer than the limit is cut and marked {@code " [cut]"}. Not thread-safe: one per stream.
 */
final class LineSplitter {
  private final int limit;
  private final StringBuilder line = new StringBuilder();
  private boolean cut;
  private boolean afterReturn;

  LineSplitter(int limit) {
    this.limit = limit;
  }

  /** Takes one character; returns the line it ended, or null. */
  String accept(char c) {
    if (c == '\n') {
      afterReturn = false;
      return take();
    }
    if (afterReturn) {
      afterReturn = false;
      line.setLength(0);
      cut = false;
    }
    if (c == '\r') {
      afterReturn = true;
    } else if (line.length() < limit) {
      line.append(c);
    } else {
      cut = true;
    }
    return null;
  }

  /** At the end of the stream: the unfinished last line, or null when there is none. */
  String finish() {
    afterReturn = false;
    return line.length() == 0 && !cut ? null : take();
  }

  private String take() {
    String text = cut ? line + " [cut]" : line.toString();
    line.setLength(0);
    cut = false;
    return text;
  }
}
