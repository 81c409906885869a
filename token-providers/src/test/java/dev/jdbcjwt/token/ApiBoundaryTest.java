package dev.jdbcjwt.token;

import dev.jdbcjwt.testing.ApiBoundary;
import dev.jdbcjwt.testing.ApiBoundaryContract;

import java.nio.file.Path;

/** This module's API boundary, as its pom declares it. */
class ApiBoundaryTest extends ApiBoundaryContract {

  ApiBoundaryTest() {
    super(ApiBoundary.of(Path.of("")));
  }
}
