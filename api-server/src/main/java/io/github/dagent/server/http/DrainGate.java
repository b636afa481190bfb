package io.github.dagent.server.http;

import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.xnio.IoUtils;

/**
 * Counts requests in flight so that a stop can wait for them, and once closed turns new
 * requests away by closing their connection.
 *
 * <p>Why not Undertow's {@code GracefulShutdownHandler}: it answers late requests with a bare
 * 503, which a polling client would read as an answer from the agent. A closed connection is
 * what a client sees anyway while the agent restarts, so it retries the same way (FC-14).
 * Thread-safe.
 */
public final class DrainGate implements HttpHandler {
  private final HttpHandler next;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition idle = lock.newCondition();
  private final ExchangeCompletionListener done = this::finished;
  private volatile boolean closed;
  private int active;

  /** @param next the handler requests go to while the gate is open */
  public DrainGate(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (!enter()) {
      IoUtils.safeClose(exchange.getConnection());
      return;
    }
    exchange.addExchangeCompleteListener(done);
    next.handleRequest(exchange);
  }

  /** Turns every later request away; requests already in flight go on. Idempotent. */
  public void close() {
    lock.lock();
    try {
      closed = true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * @param millis the most to wait
   * @return true when no request is in flight any more
   * @throws InterruptedException when interrupted while waiting
   */
  public boolean awaitIdle(long millis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    lock.lock();
    try {
      while (active > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        idle.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  private boolean enter() {
    lock.lock();
    try {
      if (closed) {
        return false;
      }
      active++;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Counts a request out only after the rest of Undertow's completion has run (it resets the
   * connection for the next request and arms its read timeout on the IO thread). Counting it
   * out first let a stop shut the IO threads down in between, and the connection's next
   * request got a bare 400 from the half-reset parser.
   */
  private void finished(HttpServerExchange exchange, ExchangeCompletionListener.NextListener
      nextListener) {
    try {
      nextListener.proceed();
    } finally {
      lock.lock();
      try {
        active--;
        if (active == 0) {
          idle.signalAll();
        }
      } finally {
        lock.unlock();
      }
    }
  }
}
