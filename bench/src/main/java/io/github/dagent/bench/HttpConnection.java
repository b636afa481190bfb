package io.github.dagent.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal keep-alive HTTP/1.1 client connection to 127.0.0.1, so that the client's own cost
 * stays small and equal for every server it is pointed at. Reads bodies with
 * {@code Content-Length} or chunked encoding. Not thread-safe: one per load thread.
 */
final class HttpConnection implements AutoCloseable {
  private final int port;
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final byte[] discard = new byte[64 << 10];

  /**
   * @param port a port on 127.0.0.1
   * @param timeoutMillis the connect and read timeout
   * @throws IOException when the connection fails
   */
  HttpConnection(int port, int timeoutMillis) throws IOException {
    this.port = port;
    this.socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(timeoutMillis);
    socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
    this.in = new BufferedInputStream(socket.getInputStream(), 64 << 10);
    this.out = socket.getOutputStream();
  }

  /**
   * Sends a GET and reads the whole answer.
   *
   * @param pathAndQuery the request target
   * @param headers extra request headers
   * @param keepBody whether to return the body (else it is read and dropped)
   * @return the status and, when asked, the body
   * @throws IOException when the exchange fails or the answer is not HTTP/1.1
   */
  Response get(String pathAndQuery, Map<String, String> headers, boolean keepBody)
      throws IOException {
    StringBuilder request = new StringBuilder(256 + pathAndQuery.length())
        .append("GET ").append(pathAndQuery).append(" HTTP/1.1\r\nHost: 127.0.0.1:")
        .append(port).append("\r\nAccept: application/json\r\n");
    headers.forEach((name, value) -> request.append(name).append(": ").append(value)
        .append("\r\n"));
    request.append("\r\n");
    out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    return read(keepBody);
  }

  private Response read(boolean keepBody) throws IOException {
    String status = line();
    if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
      throw new IOException("not an HTTP/1.1 status line: '" + status + "'");
    }
    int code = Integer.parseInt(status.substring(9, 12));
    long length = -1;
    boolean chunked = false;
    for (String header = line(); !header.isEmpty(); header = line()) {
      int colon = header.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).trim();
      if (name.equals("content-length")) {
        length = Long.parseLong(value);
      } else if (name.equals("transfer-encoding")
          && value.toLowerCase(Locale.ROOT).contains("chunked")) {
        chunked = true;
      }
    }
    ByteArrayOutputStream body = keepBody ? new ByteArrayOutputStream() : null;
    if (chunked) {
      for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
          size = Long.parseLong(line().split(";")[0].trim(), 16)) {
        copy(size, body);
        line();
      }
      String trailer;
      do {
        trailer = line();
      } while (!trailer.isEmpty());
    } else if (length >= 0) {
      copy(length, body);
    } else {
      throw new IOException("an answer without Content-Length or chunked encoding");
    }
    return new Response(code, body == null ? new byte[0] : body.toByteArray());
  }

  private void copy(long length, ByteArrayOutputStream body) throws IOException {
    long left = length;
    while (left > 0) {
      int n = in.read(discard, 0, (int) Math.min(discard.length, left));
      if (n < 0) {
        throw new IOException("the connection closed " + left + " bytes before the body end");
      }
      if (body != null) {
        body.write(discard, 0, n);
      }
      left -= n;
    }
  }

  private String line() throws IOException {
    StringBuilder line = new StringBuilder(64);
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("the connection closed in the middle of a head");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /**
   * An answer.
   *
   * @param status the HTTP status
   * @param body the body when it was kept, else empty
   */
  record Response(int status, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }
}
