package dev.jdbcjwt.testing.leaks;

/**
 * More text for {@link LeakWatch} to check at the end of every test class: a module's tests list an implementation in
 * {@code META-INF/services/dev.jdbcjwt.testing.leaks.LeakSource} (test resources) for things only they know how to
 * read, e.g. the Spring Boot module's Micrometer meter names and tags. The harness itself depends on none of them.
 */
public interface LeakSource {

  /** What the texts are, for the failure message (e.g. "Micrometer meter ids"); never a secret. */
  String name();

  /** The texts produced since the last call (or all current ones): each is checked, none is printed. */
  Iterable<String> texts();
}
