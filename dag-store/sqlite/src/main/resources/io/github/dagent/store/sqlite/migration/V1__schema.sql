-- dagent store schema 1. Times are epoch nanoseconds; contexts and additional data are JSON
-- text; states, operators, scopes and lock kinds are the model's stable codes.
CREATE TABLE dag (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  scope INTEGER NOT NULL,
  agent_ip TEXT NOT NULL,
  agent_port INTEGER NOT NULL,
  stage INTEGER NOT NULL,
  max_stage INTEGER NOT NULL,
  state INTEGER NOT NULL,
  operator INTEGER NOT NULL,
  maintenance_kind INTEGER NOT NULL,
  maintenance_key TEXT NOT NULL,
  start_time INTEGER NOT NULL,
  end_time INTEGER NOT NULL,
  context TEXT NOT NULL
);
CREATE INDEX dag_state ON dag (state, maintenance_kind);
CREATE INDEX dag_agent ON dag (agent_ip, agent_port);

CREATE TABLE node (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  dag_id INTEGER NOT NULL REFERENCES dag (id),
  stage INTEGER NOT NULL,
  name TEXT NOT NULL,
  task_type TEXT NOT NULL,
  parallel INTEGER NOT NULL,
  state INTEGER NOT NULL,
  operator INTEGER NOT NULL,
  start_time INTEGER NOT NULL,
  end_time INTEGER NOT NULL,
  context TEXT NOT NULL
);
CREATE INDEX node_dag ON node (dag_id, stage);

CREATE TABLE sub_task (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  node_id INTEGER NOT NULL REFERENCES node (id),
  dag_id INTEGER NOT NULL REFERENCES dag (id),
  stage INTEGER NOT NULL,
  name TEXT NOT NULL,
  task_type TEXT NOT NULL,
  state INTEGER NOT NULL,
  operator INTEGER NOT NULL,
  start_time INTEGER NOT NULL,
  end_time INTEGER NOT NULL,
  execute_ip TEXT NOT NULL,
  execute_port INTEGER NOT NULL,
  execute_times INTEGER NOT NULL,
  capabilities INTEGER NOT NULL,
  context TEXT NOT NULL,
  additional_data TEXT NOT NULL
);
CREATE INDEX sub_task_dag ON sub_task (dag_id, stage);
CREATE INDEX sub_task_node ON sub_task (node_id);

CREATE TABLE task_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  sub_task_id INTEGER NOT NULL REFERENCES sub_task (id),
  execute_times INTEGER NOT NULL,
  text TEXT NOT NULL,
  time INTEGER NOT NULL
);
CREATE INDEX task_log_sub_task ON task_log (sub_task_id, seq);

-- One row per lock a dag holds; kind 1 = global (empty key), 2 = tenant (key = tenant).
-- SQLite has one writer, so the conflict check and the insert cannot interleave.
CREATE TABLE maintenance_lock (
  dag_id INTEGER NOT NULL REFERENCES dag (id),
  kind INTEGER NOT NULL,
  lock_key TEXT NOT NULL,
  PRIMARY KEY (dag_id, kind, lock_key)
);
CREATE INDEX maintenance_lock_key ON maintenance_lock (kind, lock_key);

-- A single row: the source row of lock inserts, and the row backends with several writers
-- lock to serialize maintenance-lock checks.
CREATE TABLE maintenance_guard (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL
);
INSERT INTO maintenance_guard (id, version) VALUES (1, 0);

CREATE TABLE kv (
  k TEXT PRIMARY KEY,
  v TEXT NOT NULL
);
