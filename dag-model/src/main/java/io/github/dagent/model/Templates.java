package io.github.dagent.model;

/** Argument checks shared by the template records. */
final class Templates {
  private Templates() {}

  static String requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new DagentException(ErrorCode.TASK_TEMPLATE_INVALID, what + " must not be blank");
    }
    return value;
  }
}
