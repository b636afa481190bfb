package io.github.dagent.model.dto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dagent.model.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The response envelope of PROTOCOL.md section 1, as {@link WireJson} writes it. */
class EnvelopeTest {
  private static final ObjectMapper MAPPER = WireJson.mapper();
  private static final String TIME = "2024-01-10T11:34:32.520371417+08:00";

  @Test
  void success_omits_error() throws Exception {
    ApiResponse response = new ApiResponse(true, TIME, 3, 200, "925c315c8fcf142d",
        Map.of("k", "v"), null);

    String json = MAPPER.writeValueAsString(response);

    assertThat(json).isEqualTo("{\"successful\":true,\"timestamp\":\"" + TIME + "\","
        + "\"duration\":3,\"status\":200,\"traceId\":\"925c315c8fcf142d\","
        + "\"data\":{\"k\":\"v\"}}");
  }

  @Test
  void success_with_nothing_to_return_omits_data_too() throws Exception {
    ApiResponse response = new ApiResponse(true, TIME, 0, 200, "0123456789abcdef", null, null);

    String json = MAPPER.writeValueAsString(response);

    assertThat(json).doesNotContain("\"data\"").doesNotContain("\"error\"");
  }

  @Test
  void failure_omits_data() throws Exception {
    ApiError error = ApiError.of(ErrorCode.TASK_NOT_FOUND, "dag 11 not found");
    ApiResponse response = new ApiResponse(false, TIME, 1, 404, "925c315c8fcf142d", null,
        error);

    String json = MAPPER.writeValueAsString(response);

    assertThat(json).isEqualTo("{\"successful\":false,\"timestamp\":\"" + TIME + "\","
        + "\"duration\":1,\"status\":404,\"traceId\":\"925c315c8fcf142d\","
        + "\"error\":{\"errCode\":\"Task.NotFound\",\"message\":\"dag 11 not found\"}}");
  }

  @Test
  void api_error_omits_code_when_legacy_is_0_and_sub_errors_when_null() throws Exception {
    String json = MAPPER.writeValueAsString(
        ApiError.of(ErrorCode.TASK_GENERIC_ID_INVALID, "bad id"));

    assertThat(json).isEqualTo("{\"errCode\":\"Task.GenericID.Invalid\",\"message\":\"bad id\"}");
  }

  @Test
  void api_error_omits_sub_errors_when_empty() throws Exception {
    ApiError error = new ApiError(null, "Request.Body.Illegal", "empty body", List.of());

    String json = MAPPER.writeValueAsString(error);

    assertThat(json).isEqualTo("{\"errCode\":\"Request.Body.Illegal\",\"message\":\"empty body\"}");
  }

  @Test
  void api_error_writes_the_legacy_code_when_there_is_one() throws Exception {
    String json = MAPPER.writeValueAsString(ApiError.of(ErrorCode.SECURITY_EXPIRED, "late"));

    assertThat(json).isEqualTo("{\"code\":10008,\"errCode\":\"Security.Authentication.Expired\","
        + "\"message\":\"late\"}");
  }

  @Test
  void api_error_writes_sub_errors_when_given() throws Exception {
    ApiError inner = ApiError.of(ErrorCode.REQUEST_BODY_ILLEGAL, "inner");
    ApiError outer = new ApiError(null, "Request.Body.Illegal", "outer", List.of(inner));

    String json = MAPPER.writeValueAsString(outer);

    assertThat(json).isEqualTo("{\"errCode\":\"Request.Body.Illegal\",\"message\":\"outer\","
        + "\"subErrors\":[{\"errCode\":\"Request.Body.Illegal\",\"message\":\"inner\"}]}");
  }

  @Test
  void contents_of_an_empty_list_is_an_empty_array_never_null() throws Exception {
    assertThat(MAPPER.writeValueAsString(new Contents<>(List.of())))
        .isEqualTo("{\"contents\":[]}");
    assertThat(MAPPER.writeValueAsString(new Contents<>(null))).isEqualTo("{\"contents\":[]}");
  }

  @Test
  void contents_copies_its_list() throws Exception {
    List<String> items = new ArrayList<>(List.of("a"));
    Contents<String> contents = new Contents<>(items);

    items.add("b");

    assertThat(MAPPER.writeValueAsString(contents)).isEqualTo("{\"contents\":[\"a\"]}");
  }

  @Test
  void empty_list_inside_a_success_envelope_keeps_data() throws Exception {
    ApiResponse response = new ApiResponse(true, TIME, 0, 200, "925c315c8fcf142d",
        new Contents<>(List.of()), null);

    assertThat(MAPPER.readTree(MAPPER.writeValueAsString(response)).at("/data/contents")
        .isArray()).isTrue();
  }

  @Test
  void mapper_ignores_unknown_properties_on_input() throws Exception {
    ExecuteAgentDTO agent = MAPPER.readValue(
        "{\"ip\":\"127.0.0.1\",\"port\":2886,\"added_later\":1}", ExecuteAgentDTO.class);

    assertThat(agent).isEqualTo(new ExecuteAgentDTO("127.0.0.1", 2886));
  }
}
