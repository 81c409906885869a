package dev.jdbcjwt.spring.boot.autoconfigure;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.SpringBootVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Fails the start of an application that runs the other Spring Boot line than this jar was built for (the Boot 4
 * starter in a Boot 3 application, or the other way round), or that has both lines' jars, naming the starter to use.
 * Without it the mistake shows only as Boot's "Failed to determine a suitable driver class", since the parts whose
 * Boot classes are missing stay off. Runs before any bean is created. A Boot version that cannot be read is let
 * through.
 */
final class SpringBootLineCheck implements BeanFactoryPostProcessor {

  private final int line;

  /** @param line the Spring Boot major version this jar is for: 4 (also later ones) or 3 (3.5) */
  SpringBootLineCheck(int line) {
    this.line = line;
  }

  /** Where this jar's auto-configuration class is, to find a second jar with the same classes. */
  private static final String CLASS_FILE = JdbcJwtAutoConfiguration.class.getName().replace('.', '/') + ".class";

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    String version = SpringBootVersion.getVersion();
    Optional<String> wrong = mismatch(line, version).or(() -> bothLines(copies(beanFactory.getBeanClassLoader()),
        version));
    wrong.ifPresent(message -> {
      throw new IllegalStateException(message);
    });
  }

  private static List<URL> copies(ClassLoader loader) {
    try {
      return Collections.list((loader == null ? ClassLoader.getSystemClassLoader() : loader).getResources(CLASS_FILE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The message when the auto-configuration class is found in more than one place (both lines' jars). */
  static Optional<String> bothLines(List<URL> copies, String bootVersion) {
    if (copies.size() < 2) {
      return Optional.empty();
    }
    String keep = major(bootVersion) == 3 ? "jdbc-jwt-spring-boot3-starter" : "jdbc-jwt-spring-boot-starter";
    return Optional.of("jdbc-jwt: the auto-configuration is on the class path " + copies.size() + " times " + copies
        + ", the jars of both Spring Boot lines (jdbc-jwt-spring-boot-starter for Boot 4, "
        + "jdbc-jwt-spring-boot3-starter for Boot 3.5): keep only " + keep + " for this application's Spring Boot "
        + bootVersion + " (docs/spring-boot.md, Spring Boot lines)");
  }

  /** The message for a jar built for Boot {@code line} in an application on Boot {@code bootVersion}, if wrong. */
  static Optional<String> mismatch(int line, String bootVersion) {
    int major = major(bootVersion);
    if (major < 0 || (line >= 4 ? major >= 4 : major == 3)) {
      return Optional.empty();
    }
    String starter = line >= 4 ? "jdbc-jwt-spring-boot-starter" : "jdbc-jwt-spring-boot3-starter";
    String wanted = line >= 4 ? "Spring Boot 4" : "Spring Boot 3.5";
    String fix = major == 3 ? "use dev.jdbcjwt:jdbc-jwt-spring-boot3-starter instead"
        : major >= 4 ? "use dev.jdbcjwt:jdbc-jwt-spring-boot-starter instead"
        : "Spring Boot " + major + " is not supported";
    return Optional.of("jdbc-jwt: " + starter + " is for " + wanted + ", and this application runs Spring Boot "
        + bootVersion + ": " + fix + " (docs/spring-boot.md, Spring Boot lines)");
  }

  private static int major(String version) {
    if (version == null) {
      return -1;
    }
    int dot = version.indexOf('.');
    try {
      return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
