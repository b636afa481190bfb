package io.github.dagent.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dagent.model.AgentAddress;
import io.github.dagent.model.Capabilities;
import io.github.dagent.model.Dag;
import io.github.dagent.model.Maintenance;
import io.github.dagent.model.MaintenanceKind;
import io.github.dagent.model.Node;
import io.github.dagent.model.Operator;
import io.github.dagent.model.Scope;
import io.github.dagent.model.SubTask;
import io.github.dagent.model.TaskContext;
import io.github.dagent.model.TaskLog;
import io.github.dagent.model.TaskState;
import io.github.dagent.model.dto.WireJson;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

/**
 * Maps rows to the model and back, by column name, so that the mapping does not depend on a
 * backend's column order. Times are epoch nanoseconds (exact equality for compare-and-set);
 * contexts and additional data are JSON text written by {@link WireJson}.
 */
final class Rows {
  static final String DAG_COLUMNS = "name, scope, agent_ip, agent_port, stage, max_stage, state,"
      + " operator, maintenance_kind, maintenance_key, start_time, end_time, context";
  static final String NODE_COLUMNS = "dag_id, stage, name, task_type, parallel, state, operator,"
      + " start_time, end_time, context";
  static final String SUB_TASK_COLUMNS = "node_id, dag_id, stage, name, task_type, state,"
      + " operator, start_time, end_time, execute_ip, execute_port, execute_times,"
      + " capabilities, context, additional_data";
  static final String LOG_COLUMNS = "sub_task_id, execute_times, text, time";

  private static final ObjectMapper JSON = WireJson.mapper();
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
  private static final long NANOS = 1_000_000_000L;

  private Rows() {}

  static Dag dag(ResultSet row) throws SQLException {
    return new Dag(row.getLong("id"), row.getString("name"),
        Scope.fromCode(row.getInt("scope")),
        new AgentAddress(row.getString("agent_ip"), row.getInt("agent_port")),
        row.getInt("stage"), row.getInt("max_stage"), TaskState.fromCode(row.getInt("state")),
        Operator.fromCode(row.getInt("operator")),
        new Maintenance(MaintenanceKind.fromCode(row.getInt("maintenance_kind")),
            row.getString("maintenance_key")),
        instant(row.getLong("start_time")), instant(row.getLong("end_time")),
        context(row.getString("context")));
  }

  static Node node(ResultSet row) throws SQLException {
    return new Node(row.getLong("id"), row.getLong("dag_id"), row.getInt("stage"),
        row.getString("name"), row.getString("task_type"), row.getInt("parallel") != 0,
        TaskState.fromCode(row.getInt("state")), Operator.fromCode(row.getInt("operator")),
        instant(row.getLong("start_time")), instant(row.getLong("end_time")),
        context(row.getString("context")));
  }

  static SubTask subTask(ResultSet row) throws SQLException {
    return new SubTask(row.getLong("id"), row.getLong("node_id"), row.getLong("dag_id"),
        row.getInt("stage"), row.getString("name"), row.getString("task_type"),
        TaskState.fromCode(row.getInt("state")), Operator.fromCode(row.getInt("operator")),
        instant(row.getLong("start_time")), instant(row.getLong("end_time")),
        new AgentAddress(row.getString("execute_ip"), row.getInt("execute_port")),
        row.getInt("execute_times"), Capabilities.fromBits(row.getInt("capabilities")),
        context(row.getString("context")), object(row.getString("additional_data")));
  }

  static TaskLog log(ResultSet row) throws SQLException {
    return new TaskLog(row.getLong("sub_task_id"), row.getInt("execute_times"),
        row.getString("text"), instant(row.getLong("time")));
  }

  /** Binds {@link #DAG_COLUMNS} from parameter 1; returns the next parameter index. */
  static int bindDag(PreparedStatement statement, Dag dag) throws SQLException {
    int i = 1;
    statement.setString(i++, dag.name());
    statement.setInt(i++, dag.scope().code());
    statement.setString(i++, dag.agent().ip());
    statement.setInt(i++, dag.agent().port());
    statement.setInt(i++, dag.stage());
    statement.setInt(i++, dag.maxStage());
    statement.setInt(i++, dag.state().code());
    statement.setInt(i++, dag.operator().code());
    statement.setInt(i++, dag.maintenance().kind().code());
    statement.setString(i++, dag.maintenance().key());
    statement.setLong(i++, nanos(dag.startTime()));
    statement.setLong(i++, nanos(dag.endTime()));
    statement.setString(i++, json(dag.context()));
    return i;
  }

  /** Binds {@link #NODE_COLUMNS} from parameter 1; returns the next parameter index. */
  static int bindNode(PreparedStatement statement, Node node) throws SQLException {
    int i = 1;
    statement.setLong(i++, node.dagId());
    statement.setInt(i++, node.stage());
    statement.setString(i++, node.name());
    statement.setString(i++, node.taskType());
    statement.setInt(i++, node.parallel() ? 1 : 0);
    statement.setInt(i++, node.state().code());
    statement.setInt(i++, node.operator().code());
    statement.setLong(i++, nanos(node.startTime()));
    statement.setLong(i++, nanos(node.endTime()));
    statement.setString(i++, json(node.context()));
    return i;
  }

  /** Binds {@link #SUB_TASK_COLUMNS} from parameter 1; returns the next parameter index. */
  static int bindSubTask(PreparedStatement statement, SubTask subTask) throws SQLException {
    int i = 1;
    statement.setLong(i++, subTask.nodeId());
    statement.setLong(i++, subTask.dagId());
    statement.setInt(i++, subTask.stage());
    statement.setString(i++, subTask.name());
    statement.setString(i++, subTask.taskType());
    statement.setInt(i++, subTask.state().code());
    statement.setInt(i++, subTask.operator().code());
    statement.setLong(i++, nanos(subTask.startTime()));
    statement.setLong(i++, nanos(subTask.endTime()));
    statement.setString(i++, subTask.executeAgent().ip());
    statement.setInt(i++, subTask.executeAgent().port());
    statement.setInt(i++, subTask.executeTimes());
    statement.setInt(i++, subTask.capabilities().bits());
    statement.setString(i++, json(subTask.context()));
    statement.setString(i++, json(subTask.additionalData()));
    return i;
  }

  /** Binds {@link #LOG_COLUMNS} from parameter 1. */
  static void bindLog(PreparedStatement statement, TaskLog log) throws SQLException {
    statement.setLong(1, log.subTaskId());
    statement.setInt(2, log.executeTimes());
    statement.setString(3, log.text());
    statement.setLong(4, nanos(log.time()));
  }

  /**
   * @param time an instant within about 292 years of 1970
   * @return nanoseconds since the epoch
   * @throws IllegalArgumentException when it does not fit a long
   */
  static long nanos(Instant time) {
    try {
      return Math.addExact(Math.multiplyExact(time.getEpochSecond(), NANOS), time.getNano());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("time " + time + " is outside the storable range"
          + " (1677-09-21 to 2262-04-11)", e);
    }
  }

  static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS), Math.floorMod(nanos, NANOS));
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("value cannot be written as JSON: " + e.getMessage(), e);
    }
  }

  private static TaskContext context(String text) throws SQLException {
    try {
      return JSON.readValue(text, TaskContext.class);
    } catch (JsonProcessingException e) {
      throw new SQLException("a stored context is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static Map<String, Object> object(String text) throws SQLException {
    try {
      return JSON.readValue(text, OBJECT);
    } catch (JsonProcessingException e) {
      throw new SQLException("stored additional data is not valid JSON: "
          + e.getOriginalMessage(), e);
    }
  }
}
