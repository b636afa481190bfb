package io.github.dagent.crypto;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's key file: load it, or make it once.
 *
 * <p>A new key is written to a temporary file made with 0600 in the same directory, forced to
 * disk, then hard-linked to its name, which fails if another process got there first; that
 * process's key is then loaded, so two agents started together on one path agree on one key.
 * Where hard links are unsupported the temporary file is moved instead. On file systems
 * without POSIX permissions the permission check is skipped (see the README's Limits).
 */
final class KeyFiles {
  private static final Logger LOG = LoggerFactory.getLogger(KeyFiles.class);
  private static final Set<PosixFilePermission> NOT_OWNER = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  private KeyFiles() {
  }

  static AgentKeys loadOrCreate(Path file, int bitsForNewKey) throws IOException {
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) || Files.exists(file)) {
      return load(file);
    }
    AgentKeys keys = AgentKeys.generate(bitsForNewKey);
    if (!publish(file, keys.privateKeyPem())) {
      LOG.info("another process made key file {} first; loading it", file);
      return load(file);
    }
    LOG.info("made a new {}-bit RSA key pair in {} (mode 0600); clients fetch its public key"
        + " from GET /api/v1/secret", keys.modulusBits(), file);
    return keys;
  }

  static AgentKeys load(Path file) throws IOException {
    checkOwnerOnly(file);

    String pem = Files.readString(file, StandardCharsets.ISO_8859_1);
    AgentKeys keys;
    try {
      keys = AgentKeys.fromPem(pem);
    } catch (IllegalArgumentException e) {
      throw new KeyFileException(file, "key file " + file + " cannot be used: "
          + e.getMessage() + "; restore the agent's key file, or move it away to make a new"
          + " key (clients must then fetch the new public key)", e);
    }
    LOG.info("loaded the {}-bit RSA key pair from {}", keys.modulusBits(), file);
    return keys;
  }

  private static void checkOwnerOnly(Path file) throws IOException {
    if (!isPosix(file)) {
      return;
    }
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
    if (perms.stream().anyMatch(NOT_OWNER::contains)) {
      throw new KeyFileException(file, "key file " + file + " has permissions "
          + PosixFilePermissions.toString(perms) + ", open to group or others; run 'chmod 600 "
          + file + "' and start again", null);
    }
  }

  /** Returns false when the file appeared meanwhile (made by another process). */
  private static boolean publish(Path file, String pem) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    boolean posix = isPosix(dir);
    createDirectories(dir, posix);
    Path tmp = posix
        ? Files.createTempFile(dir, ".agent-key-", ".tmp", mode("rw-------"))
        : Files.createTempFile(dir, ".agent-key-", ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        channel.write(StandardCharsets.ISO_8859_1.encode(pem));
        channel.force(true);
      }
      return link(tmp, file);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static boolean link(Path tmp, Path file) throws IOException {
    try {
      Files.createLink(file, tmp);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (UnsupportedOperationException | FileSystemException e) {
      try {
        Files.move(tmp, file);
        return true;
      } catch (FileAlreadyExistsException raced) {
        return false;
      }
    }
  }

  private static void createDirectories(Path dir, boolean posix) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (posix) {
      Files.createDirectories(dir, mode("rwx------"));
    } else {
      Files.createDirectories(dir);
    }
  }

  private static FileAttribute<Set<PosixFilePermission>> mode(String spec) {
    return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(spec));
  }

  private static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
