package io.github.dagent.engine;

/** {@link EngineContract} on a SQLite file. */
class SqliteEngineTest extends EngineContract {}
