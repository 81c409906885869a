package dev.jdbcjwt.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The API boundary of one module, as its {@code pom.xml} declares it: {@code jdbcjwt.apiPackages} (in the javadoc jar)
 * and {@code jdbcjwt.internalPackages} (left out of it). Finds what breaks the boundary: a package in neither list or
 * without a {@code package-info.java} that says which it is, an API signature that names an internal type of this
 * library, and a public API type without Javadoc. Reads the compiled classes with plain reflection (nothing is
 * initialised) and the sources as text.
 */
public final class ApiBoundary {

  private static final String OUR_PREFIX = "dev.jdbcjwt.";
  private static final Pattern PUBLIC_TYPE = Pattern.compile(
      "(?m)^public\\s+(?:(?:final|abstract|sealed|non-sealed|static)\\s+)*"
          + "(?:class|interface|enum|record|@interface)\\s");

  private final Path module;
  private final Set<String> api;
  private final Set<String> internal;
  private final Set<String> allowed;
  private final List<Path> sourceRoots;

  private ApiBoundary(Path module, Set<String> api, Set<String> internal, Set<String> allowed,
      List<Path> sourceRoots) {
    this.module = module;
    this.api = api;
    this.internal = internal;
    this.allowed = allowed;
    this.sourceRoots = sourceRoots;
  }

  /**
   * The boundary of the module in {@code module} (the test's working directory is the module's); {@code upstream} are
   * the directories of the modules it builds on, whose API packages its API may name too.
   */
  public static ApiBoundary of(Path module, Path... upstream) {
    Set<String> allowed = new HashSet<>(packages(module, "jdbcjwt.apiPackages"));
    for (Path other : upstream) {
      allowed.addAll(packages(other, "jdbcjwt.apiPackages"));
    }
    return new ApiBoundary(module, packages(module, "jdbcjwt.apiPackages"),
        packages(module, "jdbcjwt.internalPackages"), allowed, List.of(module.resolve("src/main/java")));
  }

  /**
   * This boundary with {@code root} as a further source root of the module (a source set shared by several modules,
   * as the Spring Boot lines share {@code src/shared/java}); package-info files and Javadoc are looked up in every
   * root, the first one holding the package first.
   */
  public ApiBoundary withSourceRoot(Path root) {
    List<Path> roots = new ArrayList<>(sourceRoots);
    roots.add(root);
    return new ApiBoundary(module, api, internal, allowed, List.copyOf(roots));
  }

  /** Packages of the compiled classes that are not declared API or internal, or whose package-info says otherwise. */
  public List<String> undeclaredPackages() {
    List<String> problems = new ArrayList<>();
    for (String pkg : compiledPackages()) {
      boolean isApi = api.contains(pkg);
      if (!isApi && !internal.contains(pkg)) {
        problems.add(pkg + ": in neither jdbcjwt.apiPackages nor jdbcjwt.internalPackages of "
            + module.resolve("pom.xml"));
        continue;
      }
      Path info = sourceDir(pkg).resolve("package-info.java");
      String expected = isApi ? "Public API" : "Internal to jdbc-jwt";
      if (!Files.exists(info) || !read(info).contains(expected)) {
        problems.add(pkg + ": package-info.java must say \"" + expected + "\"");
      }
    }
    return problems;
  }

  /** Every place where a public signature in an API package names a type from a package that is not API. */
  public List<String> leaks() {
    Set<String> problems = new TreeSet<>();
    for (Class<?> type : apiTypes()) {
      Set<Type> seen = new HashSet<>();
      check(type.getName() + " extends", type.getGenericSuperclass(), seen, problems);
      for (Type t : type.getGenericInterfaces()) {
        check(type.getName() + " implements", t, seen, problems);
      }
      for (Field f : type.getDeclaredFields()) {
        if (visible(f.getModifiers()) && !f.isSynthetic()) {
          check(type.getName() + "." + f.getName(), f.getGenericType(), seen, problems);
        }
      }
      List<Executable> members = new ArrayList<>(Arrays.asList(type.getDeclaredConstructors()));
      for (Method m : type.getDeclaredMethods()) {
        if (!m.isBridge()) {
          members.add(m);
        }
      }
      for (Executable e : members) {
        if (!visible(e.getModifiers()) || e.isSynthetic()) {
          continue;
        }
        String where = type.getName() + "." + (e instanceof Constructor ? "<init>" : e.getName());
        if (e instanceof Method m) {
          check(where + " returns", m.getGenericReturnType(), seen, problems);
        }
        for (Type p : e.getGenericParameterTypes()) {
          check(where + " takes", p, seen, problems);
        }
        for (Type x : e.getGenericExceptionTypes()) {
          check(where + " throws", x, seen, problems);
        }
      }
    }
    return new ArrayList<>(problems);
  }

  /** Source files of API packages whose top-level public type has no Javadoc comment. */
  public List<String> undocumentedTypes() {
    List<String> problems = new ArrayList<>();
    for (String pkg : api) {
      for (Path root : sourceRoots) {
        undocumentedTypesIn(root.resolve(pkg.replace('.', '/')), problems);
      }
    }
    return problems;
  }

  private static void undocumentedTypesIn(Path dir, List<String> problems) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().collect(Collectors.toList())) {
        String text = read(file);
        Matcher m = PUBLIC_TYPE.matcher(text);
        if (!file.getFileName().toString().equals("package-info.java") && m.find()
            && !documented(text.substring(0, m.start()))) {
          problems.add(file + ": public type without Javadoc");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean documented(String before) {
    List<String> lines = new ArrayList<>(Arrays.asList(before.split("\n")));
    while (!lines.isEmpty() && (lines.get(lines.size() - 1).isBlank() || lines.get(lines.size() - 1).startsWith("@"))) {
      lines.remove(lines.size() - 1);
    }
    String rest = String.join("\n", lines);
    int open = rest.lastIndexOf("/**");
    return rest.endsWith("*/") && open >= 0 && rest.lastIndexOf("*/", rest.length() - 3) < open;
  }

  private void check(String where, Type type, Set<Type> seen, Set<String> problems) {
    if (type == null || !seen.add(type)) {
      return;
    }
    if (type instanceof Class<?> c) {
      while (c.isArray()) {
        c = c.getComponentType();
      }
      String pkg = c.getPackageName();
      if (pkg.startsWith(OUR_PREFIX) && !allowed.contains(pkg)) {
        problems.add(where + " " + c.getName() + " (package " + pkg + " is not API)");
      }
    } else if (type instanceof ParameterizedType p) {
      check(where, p.getRawType(), seen, problems);
      check(where, p.getOwnerType(), seen, problems);
      for (Type a : p.getActualTypeArguments()) {
        check(where, a, seen, problems);
      }
    } else if (type instanceof WildcardType w) {
      Stream.concat(Arrays.stream(w.getUpperBounds()), Arrays.stream(w.getLowerBounds()))
          .forEach(b -> check(where, b, seen, problems));
    } else if (type instanceof TypeVariable<?> v) {
      for (Type b : v.getBounds()) {
        check(where, b, seen, problems);
      }
    } else if (type instanceof GenericArrayType g) {
      check(where, g.getGenericComponentType(), seen, problems);
    }
    seen.remove(type);
  }

  private List<Class<?>> apiTypes() {
    List<Class<?>> types = new ArrayList<>();
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    for (String name : classNames()) {
      int dot = name.lastIndexOf('.');
      if (!api.contains(name.substring(0, dot))) {
        continue;
      }
      try {
        Class<?> c = Class.forName(name, false, loader);
        if (exported(c)) {
          types.add(c);
        }
      } catch (ClassNotFoundException | LinkageError e) {
        throw new IllegalStateException("cannot load " + name + " to check its signatures", e);
      }
    }
    return types;
  }

  private static boolean exported(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
      if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isLocalClass() || k.isSynthetic()) {
        return false;
      }
    }
    return true;
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private Set<String> compiledPackages() {
    Set<String> packages = new TreeSet<>();
    for (String name : classNames()) {
      packages.add(name.substring(0, name.lastIndexOf('.')));
    }
    return packages;
  }

  private List<String> classNames() {
    Path classes = module.resolve("target/classes");
    try (Stream<Path> files = Files.walk(classes)) {
      return files.map(classes::relativize).map(Path::toString)
          .filter(f -> f.endsWith(".class") && !f.endsWith("package-info.class") && !f.endsWith("module-info.class"))
          .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.').replace('\\', '.'))
          .sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException("no compiled classes under " + classes, e);
    }
  }

  /** The package's directory in the first source root that has its package-info (else in the first root). */
  private Path sourceDir(String pkg) {
    String dir = pkg.replace('.', '/');
    for (Path root : sourceRoots) {
      if (Files.exists(root.resolve(dir).resolve("package-info.java"))) {
        return root.resolve(dir);
      }
    }
    return sourceRoots.get(0).resolve(dir);
  }

  private static Set<String> packages(Path module, String property) {
    String pom = read(module.resolve("pom.xml"));
    Matcher m = Pattern.compile("<" + Pattern.quote(property) + ">([^<]*)</").matcher(pom);
    if (!m.find()) {
      throw new IllegalStateException(module.resolve("pom.xml") + " declares no " + property);
    }
    return Arrays.stream(m.group(1).split("[:,\\s]+")).filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
