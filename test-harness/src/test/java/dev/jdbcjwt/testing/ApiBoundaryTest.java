package dev.jdbcjwt.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The boundary check finds each kind of break in a small module compiled here, and nothing in a clean one. */
class ApiBoundaryTest {

  @TempDir
  Path module;

  private final List<Path> sources = new ArrayList<>();

  private void pom(String api, String internal) throws IOException {
    Files.writeString(module.resolve("pom.xml"), "<project><properties><jdbcjwt.apiPackages>" + api
        + "</jdbcjwt.apiPackages><jdbcjwt.internalPackages>" + internal
        + "</jdbcjwt.internalPackages></properties></project>");
  }

  private void source(String pkg, String name, String text) throws IOException {
    Path dir = module.resolve("src/main/java").resolve(pkg.replace('.', '/'));
    Files.createDirectories(dir);
    Path file = dir.resolve(name + ".java");
    Files.writeString(file, "package " + pkg + ";\n\n" + text);
    if (!name.equals("package-info")) {
      sources.add(file);
    }
  }

  private ApiBoundary compiled() throws IOException {
    Path classes = Files.createDirectories(module.resolve("target/classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>(List.of("-d", classes.toString()));
    sources.forEach(s -> args.add(s.toString()));
    assertThat(javac.run(null, null, null, args.toArray(String[]::new))).isZero();
    return ApiBoundary.of(module);
  }

  private static <T> T withClasses(Path module, java.util.function.Supplier<T> check) throws IOException {
    Thread t = Thread.currentThread();
    ClassLoader before = t.getContextClassLoader();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {module.resolve("target/classes").toUri().toURL()})) {
      t.setContextClassLoader(loader);
      return check.get();
    } finally {
      t.setContextClassLoader(before);
    }
  }

  private void cleanModule() throws IOException {
    pom("dev.jdbcjwt.fake", "dev.jdbcjwt.fake.internal");
    source("dev.jdbcjwt.fake", "package-info", "");
    Files.writeString(module.resolve("src/main/java/dev/jdbcjwt/fake/package-info.java"),
        "/** Fake. Public API. */\npackage dev.jdbcjwt.fake;\n");
    source("dev.jdbcjwt.fake.internal", "Hidden", "/** Internal. */\npublic final class Hidden {\n}\n");
    Files.writeString(module.resolve("src/main/java/dev/jdbcjwt/fake/internal/package-info.java"),
        "/** Fake. Internal to jdbc-jwt. */\npackage dev.jdbcjwt.fake.internal;\n");
    source("dev.jdbcjwt.fake", "Api", "import java.util.List;\n\n/** Documented; uses Hidden only inside. */\n"
        + "public final class Api {\n  /** Returns. */\n  public List<String> names() {\n"
        + "    return List.of(new dev.jdbcjwt.fake.internal.Hidden().toString());\n  }\n}\n");
  }

  @Test
  void aCleanModuleHasNoFindings() throws IOException {
    cleanModule();
    ApiBoundary boundary = compiled();
    assertThat(withClasses(module, boundary::undeclaredPackages)).isEmpty();
    assertThat(withClasses(module, boundary::leaks)).isEmpty();
    assertThat(withClasses(module, boundary::undocumentedTypes)).isEmpty();
  }

  @Test
  void anInternalTypeInAnApiSignatureIsALeak() throws IOException {
    cleanModule();
    source("dev.jdbcjwt.fake", "Leaky", "import java.util.List;\n\n/** Leaks. */\npublic class Leaky {\n"
        + "  /** Leaks in a type argument. */\n  public List<? extends dev.jdbcjwt.fake.internal.Hidden> all() {\n"
        + "    return List.of();\n  }\n}\n");
    ApiBoundary boundary = compiled();
    assertThat(withClasses(module, boundary::leaks)).singleElement().asString()
        .contains("dev.jdbcjwt.fake.Leaky.all returns dev.jdbcjwt.fake.internal.Hidden");
  }

  @Test
  void aPublicApiTypeWithoutJavadocAndAnUndeclaredPackageAreFound() throws IOException {
    cleanModule();
    source("dev.jdbcjwt.fake", "Bare", "@Deprecated\npublic final class Bare {\n}\n");
    source("dev.jdbcjwt.fake.extra", "Extra", "/** Somewhere new. */\npublic final class Extra {\n}\n");
    ApiBoundary boundary = compiled();
    assertThat(withClasses(module, boundary::undocumentedTypes)).singleElement().asString().contains("Bare.java");
    assertThat(withClasses(module, boundary::undeclaredPackages)).singleElement().asString()
        .startsWith("dev.jdbcjwt.fake.extra: in neither");
  }
}
