package io.github.dagent.engine;

/** {@link EngineContract} on an H2 file. */
class H2EngineTest extends EngineContract {
  @Override
  String url() {
    return "jdbc:h2:file:" + dir.resolve("dagent");
  }
}
