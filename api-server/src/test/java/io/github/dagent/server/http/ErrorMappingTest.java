package io.github.dagent.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dagent.crypto.AuthException;
import io.github.dagent.crypto.AuthFailure;
import io.github.dagent.model.DagentException;
import io.github.dagent.model.ErrorCode;
import io.github.dagent.server.auth.AuthFailures;
import io.github.dagent.store.StoreException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorMappingTest {
  final ErrorMapping mapping = new ErrorMapping(List.of(AuthFailures::translate));

  @Test
  void errors_map_by_type_to_status_errcode_and_legacy_code() {
    Failure notFound = mapping.map(new DagentException(ErrorCode.TASK_NOT_FOUND, "gone"), "t");
    Failure expired = mapping.map(new AuthException(AuthFailure.EXPIRED, "late"), "t");
    Failure decrypt = mapping.map(new AuthException(AuthFailure.DECRYPT_FAILED, "bad"), "t");

    assertThat(notFound.status()).isEqualTo(404);
    assertThat(notFound.error().errCode()).isEqualTo("Task.NotFound");
    assertThat(notFound.error().code()).isNull();
    assertThat(notFound.error().message()).isEqualTo("gone");
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.error().code()).isEqualTo(10008);
    assertThat(decrypt.error().code()).isEqualTo(1);
  }

  @Test
  void unplanned_and_store_failures_hide_their_text_behind_the_trace_id() {
    Failure unexpected = mapping.map(new IllegalStateException("SELECT * FROM dag"), "abc");
    Failure store = mapping.map(new StoreException("SELECT failed at /var/x.db", null), "abc");

    assertThat(unexpected.status()).isEqualTo(500);
    assertThat(unexpected.error().errCode()).isEqualTo("Common.Unexpected");
    assertThat(unexpected.error().message()).contains("abc").doesNotContain("SELECT");
    assertThat(store.status()).isEqualTo(500);
    assertThat(store.error().errCode()).isEqualTo("Store.Unavailable");
    assertThat(store.error().message()).doesNotContain("SELECT", "/var");
  }

  @Test
  void a_task_data_conflict_keeps_its_message() {
    Failure conflict = mapping.map(new DagentException(ErrorCode.TASK_ADDITIONAL_DATA_CONFLICT,
        "key 'hosts' is a list in one sub-task and a string in another"), "abc");

    assertThat(conflict.status()).isEqualTo(500);
    assertThat(conflict.error().message()).contains("hosts");
  }
}
