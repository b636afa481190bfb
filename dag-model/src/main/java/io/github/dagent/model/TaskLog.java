package io.github.dagent.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One log line of a sub-task, tagged with the run it belongs to.
 *
 * @param subTaskId the sub-task that wrote it
 * @param executeTimes the sub-task's execute count when it was written
 * @param text the line
 * @param time when it was written
 */
public record TaskLog(long subTaskId, int executeTimes, String text, Instant time) {
  /** Checks that no part is null. */
  public TaskLog {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(time, "time");
  }
}
