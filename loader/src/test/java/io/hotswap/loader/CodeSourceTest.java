package io.hotswap.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hotswap.loader.testing.Jars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeSourceTest {

  @TempDir Path dir;

  @Test
  void of_directory_isDirectorySource() {
    assertThat(CodeSource.of(dir)).isEqualTo(new CodeSource.Directory(dir.toAbsolutePath()));
  }

  @Test
  void of_jarFile_isJarSource() {
    Path jar = Jars.write(dir.resolve("app.jar"), Map.of("a.txt", new byte[] {1}));

    assertThat(CodeSource.of(jar)).isInstanceOf(CodeSource.Jar.class);
    assertThat(CodeSource.of(jar).path()).isEqualTo(jar.toAbsolutePath());
  }

  @Test
  void of_missingPath_throwsNamingPath() {
    Path missing = dir.resolve("missing");

    assertThatThrownBy(() -> CodeSource.of(missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("does not exist");
  }

  @Test
  void of_plainFile_throwsNeitherDirectoryNorJar() throws Exception {
    Path file = Files.writeString(dir.resolve("notes.txt"), "x");

    assertThatThrownBy(() -> CodeSource.of(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("neither a directory nor a .jar file");
  }

  @Test
  void of_groupWritableDirectory_refusedNamingPathAndFix() throws Exception {
    Path classes = Files.createDirectory(dir.resolve("classes"));
    assumePosix(classes);
    Files.setPosixFilePermissions(classes, PosixFilePermissions.fromString("rwxrwxr-x"));

    assertThatThrownBy(() -> CodeSource.of(classes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(classes.toString())
        .hasMessageContaining("chmod go-w")
        .hasMessageContaining("allowWritableByOthers");
  }

  @Test
  void of_otherWritableJar_refused() throws Exception {
    Path jar = Jars.write(dir.resolve("app.jar"), Map.of("a.txt", new byte[] {1}));
    assumePosix(jar);
    Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--rw-"));

    assertThatThrownBy(() -> CodeSource.of(jar)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void of_groupWritableDirectoryAllowed_accepted() throws Exception {
    Path classes = Files.createDirectory(dir.resolve("classes"));
    assumePosix(classes);
    Files.setPosixFilePermissions(classes, PosixFilePermissions.fromString("rwxrwxrwx"));

    assertThat(CodeSource.of(classes, true).path()).isEqualTo(classes.toAbsolutePath());
  }

  private static void assumePosix(Path path) {
    assumeTrue(
        Files.getFileAttributeView(path, PosixFileAttributeView.class) != null,
        "POSIX permissions not supported");
  }
}
