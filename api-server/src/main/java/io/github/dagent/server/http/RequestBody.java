package io.github.dagent.server.http;

import io.github.dagent.model.DagentException;
import io.github.dagent.model.ErrorCode;
import io.undertow.server.HttpServerExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body in blocking mode, refusing more than a cap. */
public final class RequestBody {
  private RequestBody() {}

  /**
   * @param exchange a request in blocking mode, on a worker thread
   * @param cap the most bytes accepted
   * @return the body, empty when there is none
   * @throws DagentException {@link ErrorCode#REQUEST_BODY_TOO_LARGE} when the declared or read
   *     length passes the cap; {@link ErrorCode#REQUEST_BODY_ILLEGAL} when the body cannot be
   *     read (the client stalled past the read timeout or went away)
   */
  public static byte[] read(HttpServerExchange exchange, long cap) {
    long declared = exchange.getRequestContentLength();
    if (declared > cap) {
      throw tooLarge(cap);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 256);
    byte[] buffer = new byte[8192];
    try {
      InputStream in = exchange.getInputStream();
      int read;
      while ((read = readChunk(exchange, in, buffer)) >= 0) {
        out.write(buffer, 0, read);
        if (out.size() > cap) {
          throw tooLarge(cap);
        }
      }
    } catch (IOException e) {
      if (out.size() >= cap) {
        throw tooLarge(cap);
      }
      throw new DagentException(ErrorCode.REQUEST_BODY_ILLEGAL,
          "the request body could not be read (" + e.getClass().getSimpleName()
              + "); send it whole within the read timeout", e);
    }
    return out.toByteArray();
  }

  /**
   * One read. Undertow's stream can fail with a NullPointerException instead of an
   * IOException once a read timeout has closed the connection; that is the client's failure,
   * so it is reported as an IOException too.
   */
  private static int readChunk(HttpServerExchange exchange, InputStream in, byte[] buffer)
      throws IOException {
    try {
      return in.read(buffer);
    } catch (RuntimeException e) {
      if (exchange.getConnection().isOpen()) {
        throw e;
      }
      throw new IOException("the connection closed while the body was read", e);
    }
  }

  private static DagentException tooLarge(long cap) {
    return new DagentException(ErrorCode.REQUEST_BODY_TOO_LARGE,
        "the request body is larger than " + cap + " bytes; send a smaller body");
  }
}
