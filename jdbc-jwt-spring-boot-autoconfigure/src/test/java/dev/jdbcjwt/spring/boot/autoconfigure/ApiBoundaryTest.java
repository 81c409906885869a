package dev.jdbcjwt.spring.boot.autoconfigure;

import dev.jdbcjwt.testing.ApiBoundary;
import dev.jdbcjwt.testing.ApiBoundaryContract;

import java.nio.file.Path;

/**
 * This module's API boundary, as its pom declares it, over its own sources and the ones every Spring Boot line shares;
 * its API may name the driver's and token-providers' API types. The module is named by its path, not as the working
 * directory, because jdbc-jwt-spring-boot40-tests runs this module's tests too (and checks the same jar).
 */
class ApiBoundaryTest extends ApiBoundaryContract {

  ApiBoundaryTest() {
    super(ApiBoundary.of(Path.of("../jdbc-jwt-spring-boot-autoconfigure"), Path.of("../token-providers"),
        Path.of("../jdbc-jwt-driver"))
        .withSourceRoot(Path.of("../jdbc-jwt-spring-boot-autoconfigure/src/shared/java")));
  }
}
