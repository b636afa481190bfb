package io.github.dagent.server.http;

import io.github.dagent.model.DagentException;
import io.github.dagent.model.ErrorCode;
import io.undertow.io.Receiver;
import io.undertow.server.Connectors;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.AttachmentKey;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xnio.XnioExecutor;

/**
 * Receives a request body without holding a worker thread: Undertow's non-blocking receiver
 * collects the bytes on the connection's IO thread, and the request goes on (on a worker) only
 * once the body is whole. A client that sends its body slowly therefore costs memory for its
 * bytes and a timer, never a worker.
 *
 * <p>Three limits: the cap (a declared length above it is refused before any byte is read,
 * a chunked body as soon as it passes it: {@code Request.Body.TooLarge}, 413); the
 * per-read timeout of the connection (no byte for that long closes it); and a total time for
 * the whole body, counted from the moment reading starts and not reset by new bytes
 * ({@code Request.Body.Illegal}, 400, and the connection is closed). Each receive ends exactly
 * once: in the body callback or in the failure callback. Thread-safe.
 */
final class RequestBody {
  /** Where the received body waits for the route. */
  static final AttachmentKey<byte[]> RECEIVED = AttachmentKey.create(byte[].class);

  private static final byte[] EMPTY = new byte[0];

  /** Goes on with the request once its body is whole. */
  @FunctionalInterface
  interface Received {
    void accept(HttpServerExchange exchange, byte[] body);
  }

  /** Answers a request whose body could not be received. */
  @FunctionalInterface
  interface Failed {
    void accept(HttpServerExchange exchange, DagentException failure);
  }

  private RequestBody() {}

  /**
   * @param exchange a request that is not in blocking mode
   * @return the body received for it, empty when it had none
   */
  static byte[] received(HttpServerExchange exchange) {
    byte[] body = exchange.getAttachment(RECEIVED);
    return body == null ? EMPTY : body;
  }

  /**
   * Starts receiving; returns at once. {@code received} or {@code failed} runs later, once, on
   * the connection's IO thread (or on the calling thread when the body is already there).
   *
   * @param exchange the request, not in blocking mode, inside a handler call
   * @param cap the most bytes accepted
   * @param limit the most time the whole body may take
   * @param received gets the body
   * @param failed gets {@code Request.Body.TooLarge} or {@code Request.Body.Illegal}
   * @throws DagentException {@link ErrorCode#REQUEST_BODY_TOO_LARGE} at once when the declared
   *     length passes the cap
   */
  static void receive(HttpServerExchange exchange, long cap, Duration limit, Received received,
      Failed failed) {
    if (exchange.getRequestContentLength() > cap) {
      throw tooLarge(cap);
    }
    Receiver receiver = exchange.getRequestReceiver();
    receiver.setMaxBufferSize((int) Math.min(cap, Integer.MAX_VALUE - 8));
    Pending pending = new Pending(receiver, cap, limit, received, failed);
    receiver.receiveFullBytes(pending::done, pending::error);
    pending.arm(exchange);
  }

  private static DagentException tooLarge(long cap) {
    return new DagentException(ErrorCode.REQUEST_BODY_TOO_LARGE,
        "the request body is larger than " + cap + " bytes; send a smaller body");
  }

  /** One receive in progress: whichever of body, error and timer comes first wins. */
  private static final class Pending {
    private final AtomicBoolean settled = new AtomicBoolean();
    private final Receiver receiver;
    private final long cap;
    private final Duration limit;
    private final Received received;
    private final Failed failed;
    private volatile XnioExecutor.Key timer;

    private Pending(Receiver receiver, long cap, Duration limit, Received received,
        Failed failed) {
      this.receiver = receiver;
      this.cap = cap;
      this.limit = limit;
      this.received = received;
      this.failed = failed;
    }

    private void arm(HttpServerExchange exchange) {
      if (settled.get()) {
        return;
      }
      timer = exchange.getIoThread().executeAfter(() -> expire(exchange), limit.toMillis(),
          TimeUnit.MILLISECONDS);
      if (settled.get()) {
        timer.remove();
      }
    }

    private void done(HttpServerExchange exchange, byte[] body) {
      if (settle()) {
        exchange.putAttachment(RECEIVED, body);
        received.accept(exchange, body);
      }
    }

    private void error(HttpServerExchange exchange, IOException error) {
      if (!settle()) {
        return;
      }
      boolean big = error instanceof RequestTooBigException
          || error instanceof Receiver.RequestToLargeException;
      failed.accept(exchange, big ? tooLarge(cap)
          : new DagentException(ErrorCode.REQUEST_BODY_ILLEGAL, "the request body could not"
              + " be read (" + error.getClass().getSimpleName() + "); send it whole", error));
    }

    private void expire(HttpServerExchange exchange) {
      if (!settle()) {
        return;
      }
      receiver.pause();
      DagentException late = new DagentException(ErrorCode.REQUEST_BODY_ILLEGAL,
          "the request body did not arrive whole within " + limit.toMillis()
              + " ms; send it at once");
      Connectors.executeRootHandler(ex -> failed.accept(ex, late), exchange);
    }

    private boolean settle() {
      if (!settled.compareAndSet(false, true)) {
        return false;
      }
      XnioExecutor.Key key = timer;
      if (key != null) {
        key.remove();
      }
      return true;
    }
  }
}
