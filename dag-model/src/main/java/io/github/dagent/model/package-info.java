/**
 * The domain of dagent: dags, nodes and sub-tasks, their states and operators, templates,
 * contexts, generic ids and the errors every layer reports. Pure values, no I/O.
 */
package io.github.dagent.model;
