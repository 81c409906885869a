package dev.jdbcjwt.release;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What Maven Central and users get, read from the POMs and the jars the modules before this one packaged: every
 * module is either published or excluded by name in the parent's release profile; the BOM lists every published
 * module at the project version and carries the parent's metadata; each published jar holds LICENSE and NOTICE, a
 * valid Automatic-Module-Name and the project version in its manifest; under -Prelease each has sources and javadoc
 * jars.
 */
class ReleaseArtifactsTest {

  private static final Path ROOT = Path.of(System.getProperty("jdbcjwt.rootDirectory", "..")).toAbsolutePath();
  private static final String VERSION = System.getProperty("jdbcjwt.projectVersion");
  private static final Set<String> KNOWN_DEPLOYABLE = Set.of("token-providers", "jdbc-jwt-driver",
      "jdbc-jwt-spring-boot-autoconfigure", "jdbc-jwt-spring-boot-starter", "jdbc-jwt-bom");

  /** A module of the reactor, read from its POM. */
  record Module(Path dir, Element pom) {
    String artifactId() {
      return text(pom, "artifactId");
    }

    String packaging() {
      String p = text(pom, "packaging");
      return p == null ? "jar" : p;
    }

    String property(String name) {
      Element props = child(pom, "properties");
      return props == null ? null : text(props, name);
    }

    Path artifact(String classifier) {
      return dir.resolve("target").resolve(artifactId() + "-" + VERSION + classifier + ".jar");
    }
  }

  @Test
  void everyModuleIsEitherPublishedOrExcludedFromPublishing() throws Exception {
    Set<String> names = new HashSet<>();
    modules().forEach(m -> names.add(m.artifactId()));
    assertThat(names).as("excludeArtifacts names only modules that exist").containsAll(excluded());
    for (Module m : modules()) {
      assertThat("true".equals(m.property("maven.deploy.skip")))
          .as(m.artifactId() + ": maven.deploy.skip=true exactly when excluded from Central")
          .isEqualTo(excluded().contains(m.artifactId()));
    }
    assertThat(deployable().stream().map(Module::artifactId)).containsAll(KNOWN_DEPLOYABLE)
        .doesNotContain("jdbc-jwt-test-harness", "jdbc-jwt-benchmarks", "jdbc-jwt-release-check");
  }

  @Test
  void theBomListsEveryPublishedModuleAtTheProjectVersion() throws Exception {
    Element bom = read(ROOT.resolve("jdbc-jwt-bom/pom.xml"));
    assertThat(text(bom, "version")).isEqualTo(VERSION);
    assertThat(child(bom, "parent")).as("a BOM with a parent would pass on its dependencyManagement").isNull();
    Map<String, String> listed = new LinkedHashMap<>();
    for (Element d : children(child(child(bom, "dependencyManagement"), "dependencies"), "dependency")) {
      assertThat(text(d, "groupId")).isEqualTo("dev.jdbcjwt");
      listed.put(text(d, "artifactId"), text(d, "version"));
    }
    List<String> published = new ArrayList<>();
    deployable().stream().map(Module::artifactId).filter(a -> !a.equals("jdbc-jwt-bom")).forEach(published::add);
    assertThat(listed.keySet()).containsExactlyInAnyOrderElementsOf(published);
    assertThat(listed.values()).allMatch(v -> v.equals("${project.version}") || v.equals(VERSION));
  }

  @Test
  void theBomCarriesTheParentsMetadata() throws Exception {
    Element parent = read(ROOT.resolve("pom.xml"));
    Element bom = read(ROOT.resolve("jdbc-jwt-bom/pom.xml"));
    for (String path : List.of("url", "licenses/license/name", "licenses/license/url", "scm/url", "scm/connection",
        "developers/developer/name")) {
      assertThat(path(parent, path)).as(path).isNotBlank();
      assertThat(path(bom, path)).as(path).isEqualTo(path(parent, path));
    }
    assertThat(text(parent, "name")).isNotBlank();
    assertThat(text(parent, "description")).isNotBlank();
  }

  @Test
  void everyPublishedJarHoldsTheLicenseAValidModuleNameAndTheProjectVersion() throws Exception {
    byte[] license = Files.readAllBytes(ROOT.resolve("LICENSE"));
    assertThat(new String(license, java.nio.charset.StandardCharsets.UTF_8)).contains("Apache License")
        .contains("Version 2.0, January 2004").contains("END OF TERMS AND CONDITIONS");
    Set<String> moduleNames = new HashSet<>();
    for (Module m : deployableJars()) {
      Path jar = m.artifact("");
      assertThat(jar).as("packaged before this module").exists();
      try (JarFile j = new JarFile(jar.toFile())) {
        assertThat(bytes(j, "META-INF/LICENSE")).as(jar + " META-INF/LICENSE").isEqualTo(license);
        assertThat(j.getEntry("META-INF/NOTICE")).as(jar + " META-INF/NOTICE").isNotNull();
        Attributes main = j.getManifest().getMainAttributes();
        String name = main.getValue("Automatic-Module-Name");
        assertThat(name).as(jar + " Automatic-Module-Name").isEqualTo(m.property("jdbcjwt.moduleName"))
            .startsWith("dev.jdbcjwt.");
        assertThat(ModuleDescriptor.newModule(name).build().name()).isEqualTo(name); // throws for an invalid name
        assertThat(moduleNames.add(name)).as("unique: " + name).isTrue();
        assertThat(main.getValue("Implementation-Version")).as(jar.toString()).isEqualTo(VERSION);
        assertThat(main.getValue("Implementation-Title")).as(jar.toString()).isEqualTo(text(m.pom(), "name"));
      }
    }
    Path all = ROOT.resolve("jdbc-jwt-driver/target/jdbc-jwt-driver-" + VERSION + "-all.jar");
    try (JarFile j = new JarFile(all.toFile())) {
      assertThat(bytes(j, "META-INF/LICENSE")).as("the -all jar's license").isEqualTo(license);
      assertThat(new String(bytes(j, "META-INF/NOTICE"), java.nio.charset.StandardCharsets.UTF_8))
          .as("the -all jar names what it bundles").contains("Nimbus JOSE + JWT").contains("ASM");
    }
  }

  @Test
  void underReleaseEveryPublishedJarHasSourcesAndJavadocJars() throws Exception {
    assumeTrue(Boolean.getBoolean("jdbcjwt.release"), "only under -Prelease");
    for (Module m : deployableJars()) {
      boolean hasCode = Files.isDirectory(m.dir().resolve("src/main/java"));
      for (String classifier : List.of("-sources", "-javadoc")) {
        Path jar = m.artifact(classifier);
        assertThat(jar).as(m.artifactId() + classifier).exists();
        try (JarFile j = new JarFile(jar.toFile())) {
          if (!hasCode) {
            assertThat(j.getEntry("META-INF/LICENSE")).as(jar + ": a placeholder with the license").isNotNull();
          }
          if (hasCode && classifier.equals("-javadoc")) {
            assertThat(j.getEntry("index.html")).as(jar + " index.html").isNotNull();
          }
          if (hasCode && classifier.equals("-sources")) {
            assertThat(j.stream().anyMatch(e -> e.getName().endsWith(".java"))).as(jar + " *.java").isTrue();
          }
        }
      }
    }
  }

  // ---- reading the POMs ----

  private static List<Module> modules() throws Exception {
    List<Module> modules = new ArrayList<>();
    for (Element m : children(child(read(ROOT.resolve("pom.xml")), "modules"), "module")) {
      Path dir = ROOT.resolve(m.getTextContent().trim());
      modules.add(new Module(dir, read(dir.resolve("pom.xml"))));
    }
    return modules;
  }

  /** The artifactIds the parent's release profile keeps from Central. */
  private static Set<String> excluded() throws Exception {
    Set<String> names = new HashSet<>();
    NodeList nodes = read(ROOT.resolve("pom.xml")).getElementsByTagName("excludeArtifact");
    for (int i = 0; i < nodes.getLength(); i++) {
      names.add(nodes.item(i).getTextContent().trim());
    }
    assertThat(names).isNotEmpty();
    return names;
  }

  private static List<Module> deployable() throws Exception {
    Set<String> excluded = excluded();
    return modules().stream().filter(m -> !excluded.contains(m.artifactId())).toList();
  }

  private static List<Module> deployableJars() throws Exception {
    return deployable().stream().filter(m -> m.packaging().equals("jar")).toList();
  }

  private static Element read(Path pom) throws Exception {
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    return doc.getDocumentElement();
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    if (parent == null) {
      return found;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        found.add(e);
      }
    }
    return found;
  }

  private static Element child(Element parent, String name) {
    List<Element> found = children(parent, name);
    return found.isEmpty() ? null : found.get(0);
  }

  private static String text(Element parent, String name) {
    Element e = child(parent, name);
    return e == null ? null : e.getTextContent().trim();
  }

  private static String path(Element root, String path) {
    Element e = root;
    String[] steps = path.split("/");
    for (int i = 0; i < steps.length - 1 && e != null; i++) {
      e = child(e, steps[i]);
    }
    return e == null ? null : text(e, steps[steps.length - 1]);
  }

  private static byte[] bytes(JarFile jar, String entry) throws IOException {
    ZipEntry e = jar.getEntry(entry);
    assertThat(e).as(jar.getName() + " " + entry).isNotNull();
    try (var in = jar.getInputStream(e)) {
      return in.readAllBytes();
    }
  }
}
