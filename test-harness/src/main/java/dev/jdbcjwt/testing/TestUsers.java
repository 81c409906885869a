package dev.jdbcjwt.testing;

import java.util.UUID;

/** Database user names for tests, fresh each time, so that tests sharing one server never see each other's users. */
public final class TestUsers {

  private TestUsers() {
  }

  /**
   * {@code prefix} and twelve random hexadecimal digits: a name no other test uses, valid unquoted on PostgreSQL and
   * MariaDB when the prefix starts with a letter.
   */
  public static String uniqueName(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }
}
