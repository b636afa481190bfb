package io.github.dagent.model.dto;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares two JSON trees key for key: same keys, same nesting, same JSON types, same values.
 * Keys only the actual tree has are collected apart, so a test can say which extras it allows.
 *
 * @param mismatches one line per difference, each starting with its path
 * @param extraKeys paths of keys present in the actual tree but not in the expected one
 */
record JsonTreeDiff(List<String> mismatches, List<String> extraKeys) {

  /**
   * @param expected the reference tree
   * @param actual the tree under test
   * @return every difference between them
   */
  static JsonTreeDiff of(JsonNode expected, JsonNode actual) {
    JsonTreeDiff diff = new JsonTreeDiff(new ArrayList<>(), new ArrayList<>());
    diff.compare("$", expected, actual);
    return diff;
  }

  private void compare(String path, JsonNode expected, JsonNode actual) {
    if (expected.getNodeType() != actual.getNodeType()) {
      mismatches.add(path + ": expected a " + expected.getNodeType() + " " + expected
          + " but got a " + actual.getNodeType() + " " + actual);
    } else if (expected.isObject()) {
      compareObjects(path, expected, actual);
    } else if (expected.isArray()) {
      compareArrays(path, expected, actual);
    } else if (expected.isNumber()) {
      if (expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
        mismatches.add(path + ": expected " + expected + " but got " + actual);
      }
    } else if (!expected.equals(actual)) {
      mismatches.add(path + ": expected " + expected + " but got " + actual);
    }
  }

  private void compareObjects(String path, JsonNode expected, JsonNode actual) {
    for (Map.Entry<String, JsonNode> field : expected.properties()) {
      String keyPath = path + "." + field.getKey();
      if (!actual.has(field.getKey())) {
        mismatches.add(keyPath + ": missing");
      } else {
        compare(keyPath, field.getValue(), actual.get(field.getKey()));
      }
    }
    for (Map.Entry<String, JsonNode> field : actual.properties()) {
      if (!expected.has(field.getKey())) {
        extraKeys.add(path + "." + field.getKey());
      }
    }
  }

  private void compareArrays(String path, JsonNode expected, JsonNode actual) {
    if (expected.size() != actual.size()) {
      mismatches.add(path + ": expected " + expected.size() + " items but got "
          + actual.size());
      return;
    }
    for (int i = 0; i < expected.size(); i++) {
      compare(path + "[" + i + "]", expected.get(i), actual.get(i));
    }
  }
}
