package io.github.dagent.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Stable codes and names of states and operators, and how their names are parsed. */
class StateAndOperatorTest {

  @Test
  void state_codes_are_1_to_5_in_order_with_upper_case_names() {
    assertThat(TaskState.values()).extracting(TaskState::code).containsExactly(1, 2, 3, 4, 5);
    assertThat(TaskState.values()).extracting(TaskState::name)
        .containsExactly("PENDING", "READY", "RUNNING", "FAILED", "SUCCEED");
    for (TaskState state : TaskState.values()) {
      assertThat(TaskState.fromCode(state.code())).isEqualTo(state);
    }
  }

  @Test
  void only_failed_and_succeed_are_final() {
    assertThat(TaskState.values()).filteredOn(TaskState::isFinal)
        .containsExactly(TaskState.FAILED, TaskState.SUCCEED);
  }

  @Test
  void operator_codes_are_1_to_5_in_order_with_upper_case_names() {
    assertThat(Operator.values()).extracting(Operator::code).containsExactly(1, 2, 3, 4, 5);
    assertThat(Operator.values()).extracting(Operator::name)
        .containsExactly("RUN", "RETRY", "ROLLBACK", "CANCEL", "PASS");
    for (Operator operator : Operator.values()) {
      assertThat(Operator.fromCode(operator.code())).isEqualTo(operator);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"retry", "Retry", "RETRY", "rEtRy", " retry "})
  void operator_names_any_case(String name) {
    assertThat(Operator.parse(name)).isEqualTo(Operator.RETRY);
    assertThat(Operator.parseRequested(name)).isEqualTo(Operator.RETRY);
  }

  @Test
  void every_operator_parses_from_its_lower_case_name() {
    assertThat(Operator.parse("rollback")).isEqualTo(Operator.ROLLBACK);
    assertThat(Operator.parse("cancel")).isEqualTo(Operator.CANCEL);
    assertThat(Operator.parse("pass")).isEqualTo(Operator.PASS);
    assertThat(Operator.parse("run")).isEqualTo(Operator.RUN);
  }

  @ParameterizedTest
  @ValueSource(strings = {"RETRYX", "re try", "1", "stop", "ret\u0130y"})
  void unknown_operator_is_not_supported_naming_it(String name) {
    for (String parsed : new String[] {"parse", "parseRequested"}) {
      assertThatThrownBy(() -> parseWith(parsed, name))
          .isInstanceOfSatisfying(DagentException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.TASK_DAG_OPERATOR_NOT_SUPPORT);
            assertThat(e.code().httpStatus()).isEqualTo(400);
          })
          .hasMessageContaining("'" + name + "'")
          .hasMessageContaining("retry, rollback, cancel, pass");
    }
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void missing_operator_is_not_supported(String name) {
    assertThatThrownBy(() -> Operator.parse(name))
        .isInstanceOfSatisfying(DagentException.class, e ->
            assertThat(e.code()).isEqualTo(ErrorCode.TASK_DAG_OPERATOR_NOT_SUPPORT))
        .hasMessageContaining("retry, rollback, cancel, pass");
  }

  @Test
  void null_operator_message_says_none_was_given() {
    assertThatThrownBy(() -> Operator.parse(null))
        .hasMessageStartingWith("no operator was given");
  }

  @Test
  void run_is_not_an_operator_a_client_may_request() {
    assertThatThrownBy(() -> Operator.parseRequested("run"))
        .isInstanceOfSatisfying(DagentException.class, e ->
            assertThat(e.code()).isEqualTo(ErrorCode.TASK_DAG_OPERATOR_NOT_SUPPORT))
        .hasMessageContaining("'run'");
  }

  @Test
  void unknown_operator_code_is_refused() {
    assertThatThrownBy(() -> Operator.fromCode(6))
        .isInstanceOfSatisfying(DagentException.class, e ->
            assertThat(e.code()).isEqualTo(ErrorCode.TASK_DAG_OPERATOR_NOT_SUPPORT))
        .hasMessageContaining("6");
  }

  @ParameterizedTest
  @ValueSource(strings = {"running", "Running", "SUCCEED"})
  void state_names_any_case(String name) {
    assertThat(TaskState.parse(name).name()).isEqualToIgnoringCase(name);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"SUCCESS", "DONE", "5", "runing"})
  void unknown_state_name_is_invalid_naming_it(String name) {
    assertThatThrownBy(() -> TaskState.parse(name))
        .isInstanceOfSatisfying(DagentException.class, e ->
            assertThat(e.code()).isEqualTo(ErrorCode.TASK_STATE_INVALID))
        .hasMessageContaining("'" + name + "'")
        .hasMessageContaining("PENDING, READY, RUNNING, FAILED, SUCCEED");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 6, -1, Integer.MAX_VALUE})
  void unknown_state_code_is_invalid_naming_it(int code) {
    assertThatThrownBy(() -> TaskState.fromCode(code))
        .isInstanceOfSatisfying(DagentException.class, e ->
            assertThat(e.code()).isEqualTo(ErrorCode.TASK_STATE_INVALID))
        .hasMessageContaining(Integer.toString(code));
  }

  @Test
  void scope_codes_round_trip_and_unknown_is_refused() {
    for (Scope scope : Scope.values()) {
      assertThat(Scope.fromCode(scope.code())).isEqualTo(scope);
    }
    assertThatThrownBy(() -> Scope.fromCode(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void error_codes_are_unique_and_keep_the_protocol_table() {
    Set<String> seen = new HashSet<>();
    Arrays.stream(ErrorCode.values()).forEach(code ->
        assertThat(seen.add(code.errCode())).as(code.errCode()).isTrue());

    assertThat(ErrorCode.TASK_GENERIC_ID_INVALID.errCode()).isEqualTo("Task.GenericID.Invalid");
    assertThat(ErrorCode.TASK_NOT_FOUND.httpStatus()).isEqualTo(404);
    assertThat(ErrorCode.SECURITY_HEADER_DECRYPT_FAILED.legacyCode()).isEqualTo(1);
    assertThat(ErrorCode.SECURITY_EXPIRED.legacyCode()).isEqualTo(10008);
    assertThat(ErrorCode.REQUEST_HEADER_NOT_FOUND.httpStatus()).isEqualTo(400);
    assertThat(ErrorCode.COMMON_UNEXPECTED.httpStatus()).isEqualTo(500);
  }

  private static Operator parseWith(String method, String name) {
    return method.equals("parse") ? Operator.parse(name) : Operator.parseRequested(name);
  }
}
