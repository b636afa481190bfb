package io.github.dagent.model;

/**
 * What operators a sub-task allows, declared by its task type or its plan. A node allows an
 * operator when every one of its sub-tasks does.
 *
 * @param canCancel CANCEL may interrupt it
 * @param canContinue after a crash it may run again, told that it is continuing
 * @param canPass PASS may mark it SUCCEED without running
 * @param canRetry RETRY may run it again
 * @param canRollback ROLLBACK may call its rollback
 */
public record Capabilities(
    boolean canCancel, boolean canContinue, boolean canPass, boolean canRetry,
    boolean canRollback) {
  /** Every operator allowed. */
  public static final Capabilities ALL = new Capabilities(true, true, true, true, true);
  /** No operator allowed. */
  public static final Capabilities NONE = new Capabilities(false, false, false, false, false);

  /** The same flags with {@code canCancel} set as given. */
  public Capabilities withCancel(boolean value) {
    return new Capabilities(value, canContinue, canPass, canRetry, canRollback);
  }

  /** The same flags with {@code canContinue} set as given. */
  public Capabilities withContinue(boolean value) {
    return new Capabilities(canCancel, value, canPass, canRetry, canRollback);
  }

  /** The same flags with {@code canPass} set as given. */
  public Capabilities withPass(boolean value) {
    return new Capabilities(canCancel, canContinue, value, canRetry, canRollback);
  }

  /** The same flags with {@code canRetry} set as given. */
  public Capabilities withRetry(boolean value) {
    return new Capabilities(canCancel, canContinue, canPass, value, canRollback);
  }

  /** The same flags with {@code canRollback} set as given. */
  public Capabilities withRollback(boolean value) {
    return new Capabilities(canCancel, canContinue, canPass, canRetry, value);
  }

  /** The flags packed in five bits (cancel=1, continue=2, pass=4, retry=8, rollback=16). */
  public int bits() {
    return (canCancel ? 1 : 0) | (canContinue ? 2 : 0) | (canPass ? 4 : 0)
        | (canRetry ? 8 : 0) | (canRollback ? 16 : 0);
  }

  /**
   * @param bits flags packed as {@link #bits()} packs them
   * @return the flags
   */
  public static Capabilities fromBits(int bits) {
    return new Capabilities((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0,
        (bits & 8) != 0, (bits & 16) != 0);
  }
}
