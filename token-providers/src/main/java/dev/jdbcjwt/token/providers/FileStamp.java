package dev.jdbcjwt.token.providers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What identifies a version of a file that is rotated in place: its file key (Kubernetes swaps a symlink, which
 * changes it), modification time and size. Reading it is one stat call.
 */
record FileStamp(Object fileKey, long modifiedMillis, long size) {

  static FileStamp of(Path path) throws IOException {
    BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
    return new FileStamp(a.fileKey(), a.lastModifiedTime().toMillis(), a.size());
  }
}
