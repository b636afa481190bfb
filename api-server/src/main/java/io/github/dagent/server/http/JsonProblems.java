package io.github.dagent.server.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

/**
 * Describes why a request body is not acceptable JSON in plain words for a client: the line
 * and column of a syntax error, or which of Jackson's stream limits (nesting depth, length of
 * a number, a string or a name) the document passed. Jackson's own message is never quoted: it
 * names parser internals. Stateless and thread-safe.
 */
public final class JsonProblems {
  private JsonProblems() {}

  /**
   * @param error what Jackson threw while reading a body
   * @return a phrase such as {@code "is not valid JSON (syntax error at line 1, column 7)"},
   *     to follow the name of what was read
   */
  public static String describe(JsonProcessingException error) {
    if (error instanceof StreamConstraintsException) {
      return "is too large or too deeply nested to read (" + limit(error) + ")";
    }
    JsonLocation at = error.getLocation();
    if (at == null || at.getLineNr() < 1) {
      return "is not valid JSON";
    }
    return "is not valid JSON (syntax error at line " + at.getLineNr() + ", column "
        + at.getColumnNr() + ")";
  }

  private static String limit(JsonProcessingException error) {
    String text = String.valueOf(error.getOriginalMessage());
    if (text.contains("nesting depth")) {
      return "nesting deeper than " + StreamReadConstraints.DEFAULT_MAX_DEPTH + " levels";
    }
    if (text.contains("Number value length")) {
      return "a number longer than " + StreamReadConstraints.DEFAULT_MAX_NUM_LEN + " digits";
    }
    if (text.contains("String value length")) {
      return "a string longer than " + StreamReadConstraints.DEFAULT_MAX_STRING_LEN
          + " characters";
    }
    if (text.contains("Name length")) {
      return "a field name longer than " + StreamReadConstraints.DEFAULT_MAX_NAME_LEN
          + " characters";
    }
    return "a limit of the JSON reader";
  }
}
