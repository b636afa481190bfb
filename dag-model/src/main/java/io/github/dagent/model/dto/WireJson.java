package io.github.dagent.model.dto;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one Jackson configuration used for every DTO on the wire and every JSON column. */
public final class WireJson {
  private WireJson() {}

  /**
   * @return a new mapper: unknown properties ignored on input, nothing else changed
   *     (the DTOs carry their own key names and inclusion rules)
   */
  public static ObjectMapper mapper() {
    return JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();
  }
}
