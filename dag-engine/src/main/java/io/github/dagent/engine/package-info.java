/** The engine: scheduler, executors, operators and recovery. */
package io.github.dagent.engine;
