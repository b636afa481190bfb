/**
 * The HTTP layer every route shares: dispatch off the IO thread, trace ids, the response
 * envelope, error mapping, routing, body and query reading.
 */
package io.github.dagent.server.http;
