package dev.jdbcjwt.jdbc;

import dev.jdbcjwt.testing.ApiBoundary;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API boundary this module's pom declares: every package is API or internal and its package-info says so, no
 * public API signature names an internal type, every public API type has Javadoc (doclint under -Prelease checks the
 * members too).
 */
class ApiBoundaryTest {

  private final ApiBoundary boundary = ApiBoundary.of(Path.of(""), Path.of("../token-providers"));

  @Test
  void everyPackageIsDeclaredApiOrInternal() {
    assertThat(boundary.undeclaredPackages()).isEmpty();
  }

  @Test
  void apiSignaturesNameOnlyApiTypes() {
    assertThat(boundary.leaks()).isEmpty();
  }

  @Test
  void everyPublicApiTypeHasJavadoc() {
    assertThat(boundary.undocumentedTypes()).isEmpty();
  }
}
