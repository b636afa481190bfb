/**
 * Plan documents: reading and checking them field by field ({@link
 * io.github.dagent.server.plan.Plan}) and the route that submits them,
 * {@code POST /api/v1/task/dag}.
 */
package io.github.dagent.server.plan;
