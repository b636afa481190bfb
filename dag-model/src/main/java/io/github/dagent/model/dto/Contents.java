package io.github.dagent.model.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A list as the protocol returns it: never bare, always {@code {"contents": [...]}}, and
 * {@code {"contents": []}} when empty.
 *
 * @param contents the items
 * @param <T> the item type
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Contents<T>(@JsonProperty("contents") List<T> contents) {
  /** Copies the list; null reads as empty. */
  public Contents {
    contents = contents == null ? List.of() : List.copyOf(contents);
  }
}
