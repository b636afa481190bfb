package io.github.dagent.store.jdbc;

import io.github.dagent.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Checks a data file's location before a driver touches it. The store never creates a missing
 * directory: a typo in a path must fail at start-up, not grow a fresh empty database somewhere
 * else. A directory or file without any write permission bit counts as read-only even for
 * root, so that a deliberately read-only location is refused the same way for every user.
 */
final class Locations {
  private static final Set<PosixFilePermission> WRITE_BITS = Set.of(
      PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.OTHERS_WRITE);

  private Locations() {}

  static void check(String store, Path file) {
    Path absolute = file.toAbsolutePath();
    Path dir = absolute.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new StoreException("cannot open the " + store + " store at " + absolute
          + ": directory " + dir + " does not exist; create it first or fix the URL"
          + " (the store does not create directories)", null);
    }
    if (!writable(dir)) {
      throw new StoreException("cannot open the " + store + " store at " + absolute
          + ": directory " + dir + " is read-only; the store writes its file and journal"
          + " there, so give the agent write access or choose another directory", null);
    }
    if (Files.exists(absolute)) {
      if (!Files.isRegularFile(absolute)) {
        throw new StoreException("cannot open the " + store + " store at " + absolute
            + ": it exists but is not a regular file; fix the URL", null);
      }
      if (!Files.isReadable(absolute) || !writable(absolute)) {
        throw new StoreException("cannot open the " + store + " store at " + absolute
            + ": the file is not readable and writable; fix its permissions", null);
      }
    }
  }

  private static boolean writable(Path path) {
    if (!Files.isWritable(path)) {
      return false;
    }
    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
    if (view == null) {
      return true;
    }
    try {
      Set<PosixFilePermission> permissions = view.readAttributes().permissions();
      return permissions.stream().anyMatch(WRITE_BITS::contains);
    } catch (IOException e) {
      throw new StoreException("cannot read the permissions of " + path + ": " + e.getMessage(),
          e);
    }
  }
}
