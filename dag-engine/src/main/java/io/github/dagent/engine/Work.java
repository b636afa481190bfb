package io.github.dagent.engine;

import io.github.dagent.model.GenericId;
import io.github.dagent.model.SubTask;

/**
 * A sub-task handed to the executor.
 *
 * @param dag the dag's generic id, for log lines and the handle
 * @param row the sub-task as last stored: READY, or RUNNING for the continue modes
 * @param mode what to run
 */
record Work(GenericId dag, SubTask row, Mode mode) {}
