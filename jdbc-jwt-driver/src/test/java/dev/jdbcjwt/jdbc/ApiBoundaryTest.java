package dev.jdbcjwt.jdbc;

import dev.jdbcjwt.testing.ApiBoundary;
import dev.jdbcjwt.testing.ApiBoundaryContract;

import java.nio.file.Path;

/** This module's API boundary, as its pom declares it; its API may name token-providers' API types. */
class ApiBoundaryTest extends ApiBoundaryContract {

  ApiBoundaryTest() {
    super(ApiBoundary.of(Path.of(""), Path.of("../token-providers")));
  }
}
