package io.github.dagent.crypto;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;

/**
 * Benchmark, not a test: headers verified per second on one thread with a 2048-bit key, next
 * to the raw JDK private-key decryption of one block in the same run.
 *
 * <p>Run from the worktree root:
 * <pre>
 * mvn -B -o -q -pl crypto -am test-compile
 * mvn -B -o -q -pl crypto dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt \
 *     -Dmdep.includeScope=test
 * java -cp crypto/target/test-classes:crypto/target/classes:$(cat /tmp/cp.txt) \
 *     io.github.dagent.crypto.HeaderDecryptBench [seconds-per-slice]
 * </pre>
 * Rates are per CPU-second of the measuring thread, so other load on the machine changes
 * them less than wall-clock rates (printed too); the best of interleaved slices is shown.
 */
public final class HeaderDecryptBench {
  private static final int SLICES = 8;
  private static final String URI = "/api/v1/task/dag/12345678901234567890?detail=true";

  private HeaderDecryptBench() {
  }

  /**
   * Prints the figures.
   *
   * @param args optional seconds per slice (default 1)
   * @throws Exception if the JDK lacks RSA
   */
  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1;
    AgentKeys keys = AgentKeys.generate(2048);
    HeaderVerifier verifier = HeaderVerifier.builder(keys).build();
    String header53 = seal(keys, HeaderChunking.pythonSdk());
    String header245 = seal(keys, HeaderChunking.modulusMinus11());
    byte[] oneBlock = Base64.getDecoder().decode(header245);

    System.out.printf("java %s, 2048-bit key, one thread, %d interleaved slices of %.1f s;"
        + " rate per CPU-second of this thread (wall rate in brackets), best slice%n",
        System.getProperty("java.version"), SLICES, seconds);
    System.out.printf("header blocks: %d with 53-byte chunks, %d with 245-byte chunks%n",
        Base64.getDecoder().decode(header53).length / 256, oneBlock.length / 256);
    SealedRequest sealed = RequestSealer.builder(keys.publicKeyBase64())
        .validity(java.time.Duration.ofHours(1)).build()
        .seal(HeaderKind.AGENT, "pw", URI, Optional.of(new byte[1024]));
    VerifiedHeader verified = verifier.verify(sealed.headerValue(), URI, "pw");
    String body = sealed.body().orElseThrow();
    Cipher reused = Cipher.getInstance("RSA/ECB/PKCS1Padding");
    reused.init(Cipher.DECRYPT_MODE, keys.privateKey());
    String[] names = {"raw JDK RSA decrypt of one block (reused Cipher)",
        "raw JDK RSA decrypt of one block (new Cipher)",
        "verify, modulus-11 chunks (1 block)", "verify, 53-byte chunks (3 blocks)",
        "decryptBody, 1 KiB body"};
    Op[] ops = {() -> reused.doFinal(oneBlock), () -> rawDecrypt(keys, oneBlock),
        () -> verifier.verify(header245, URI, "pw"), () -> verifier.verify(header53, URI, "pw"),
        () -> verifier.decryptBody(verified, body)};
    double[][] best = new double[ops.length][2];
    for (int slice = 0; slice < SLICES; slice++) {
      for (int i = 0; i < ops.length; i++) {
        double[] r = rate(seconds, ops[i]);
        best[i][0] = Math.max(best[i][0], r[0]);
        best[i][1] = Math.max(best[i][1], r[1]);
      }
    }
    for (int i = 0; i < ops.length; i++) {
      System.out.printf("%-50s %7.0f /s  (wall %7.0f /s)%n", names[i], best[i][0], best[i][1]);
    }
  }

  private static String seal(AgentKeys keys, HeaderChunking chunking) {
    return RequestSealer.builder(keys.publicKeyBase64()).chunking(chunking)
        .validity(java.time.Duration.ofHours(1)).build()
        .seal(HeaderKind.AGENT, "pw", URI, Optional.empty()).headerValue();
  }

  private static void rawDecrypt(AgentKeys keys, byte[] block) throws GeneralSecurityException {
    Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
    rsa.init(Cipher.DECRYPT_MODE, keys.privateKey());
    rsa.doFinal(block);
  }

  /** Returns {ops per thread-CPU-second, ops per wall second}. */
  private static double[] rate(double seconds, Op op) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long start = System.nanoTime();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long count = 0;
    while (System.nanoTime() < end) {
      op.run();
      count++;
    }
    double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    return new double[] {count / cpu, count / ((System.nanoTime() - start) / 1e9)};
  }

  @FunctionalInterface
  private interface Op {
    void run() throws Exception;
  }
}
