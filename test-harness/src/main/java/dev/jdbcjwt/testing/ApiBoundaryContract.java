package dev.jdbcjwt.testing;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The API boundary a module's pom declares, as tests: every package is API or internal and its package-info says so,
 * no public API signature names an internal type, every public API type has Javadoc (doclint under -Prelease checks
 * the members too). A module's {@code ApiBoundaryTest} extends this with its {@link ApiBoundary}.
 */
public abstract class ApiBoundaryContract {

  private final ApiBoundary boundary;

  /** Checks {@code boundary}. */
  protected ApiBoundaryContract(ApiBoundary boundary) {
    this.boundary = boundary;
  }

  @Test
  void everyPackageIsDeclaredApiOrInternal() {
    assertEquals(List.of(), boundary.undeclaredPackages());
  }

  @Test
  void apiSignaturesNameOnlyApiTypes() {
    assertEquals(List.of(), boundary.leaks());
  }

  @Test
  void everyPublicApiTypeHasJavadoc() {
    assertEquals(List.of(), boundary.undocumentedTypes());
  }
}
