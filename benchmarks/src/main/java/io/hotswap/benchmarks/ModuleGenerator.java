package io.hotswap.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Generates and compiles reloadable modules of a given number of classes with {@code javax.tools},
 * caching each size under {@code <output>/modules/n<classes>} so that only the first run pays for
 * javac (≈10–30 s at 5,000 classes on 2 cores). Needs a JDK, not a JRE.
 *
 * <p>Thread-safe per size only through the file system: do not generate the same size from two
 * processes at once.
 */
public final class ModuleGenerator {
  private static final String DONE = "complete";

  private ModuleGenerator() {}

  /** The module of {@code classes} classes (at least 2), compiled now or taken from the cache. */
  public static GeneratedModule module(int classes) {
    if (classes < 2) {
      throw new IllegalArgumentException("a module needs at least 2 classes, asked " + classes);
    }
    Path root = BenchPaths.outputDir().resolve("modules").resolve("n" + classes);
    Path compiled = root.resolve("classes");
    Path buildB = root.resolve("entry-b").resolve(GeneratedModule.ENTRY_FILE);
    if (!Files.exists(root.resolve(DONE))) {
      generate(root, classes);
    }
    return new GeneratedModule(classes, compiled, buildB);
  }

  private static void generate(Path root, int classes) {
    try {
      Path sources = Files.createDirectories(root.resolve("src"));
      Path compiled = Files.createDirectories(root.resolve("classes"));
      int plain = classes - 1;
      List<Path> files = new ArrayList<>(classes);
      for (int i = 0; i < plain; i++) {
        files.add(write(sources, "bench/app/gen/" + name(i) + ".java", plainClass(i, plain)));
      }
      files.add(write(sources, "bench/app/App.java", entry("a")));
      compile(files, compiled, compiled);
      Path list = compiled.resolve("META-INF/hotswap/entry-points");
      Files.createDirectories(list.getParent());
      Files.writeString(list, GeneratedModule.ENTRY + "\n");

      Path sourcesB = Files.createDirectories(root.resolve("src-b"));
      Path entryB = Files.createDirectories(root.resolve("entry-b"));
      compile(List.of(write(sourcesB, "bench/app/App.java", entry("bb"))), entryB, compiled);
      Files.writeString(root.resolve(DONE), Integer.toString(classes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String name(int i) {
    return String.format(Locale.ROOT, "C%05d", i);
  }

  private static String plainClass(int i, int count) {
    String next = i + 1 < count ? name(i + 1) : null;
    return "package bench.app.gen;\n\n"
        + "public final class "
        + name(i)
        + " {\n"
        + "  private final int value;\n"
        + "  public "
        + name(i)
        + "(int value) { this.value = value; }\n"
        + "  public int value() { return value * 31 + "
        + i
        + "; }\n"
        + "  public String describe() { return \""
        + name(i)
        + ":\" + value; }\n"
        + (next == null
            ? "  public Object next() { return null; }\n"
            : "  public " + next + " next() { return new " + next + "(value + 1); }\n")
        + "}\n";
  }

  private static String entry(String build) {
    return "package bench.app;\n\n"
        + "import io.hotswap.api.Bindings;\n"
        + "import io.hotswap.api.GenerationEntry;\n"
        + "import io.vertx.core.Future;\n"
        + "import io.vertx.core.VerticleBase;\n\n"
        + "@GenerationEntry\n"
        + "public class App extends VerticleBase {\n"
        + "  static final String BUILD = \""
        + build
        + "\";\n\n"
        + "  @Override\n"
        + "  public Future<?> start() {\n"
        + "    new bench.app.gen.C00000(BUILD.length()).next();\n"
        + "    Bindings.of(context).http(\"api\", "
        + HelloHandler.SOURCE
        + ");\n"
        + "    return Future.succeededFuture();\n"
        + "  }\n"
        + "}\n";
  }

  private static Path write(Path root, String relative, String source) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      writer.write(source);
    }
    return file;
  }

  private static void compile(List<Path> files, Path out, Path extraClasspath) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("no system Java compiler: run the benchmarks on a JDK");
    }
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "-proc:none",
            "-nowarn",
            "-g:none",
            "--release",
            "17",
            "-d",
            out.toString(),
            "-cp",
            System.getProperty("java.class.path") + java.io.File.pathSeparator + extraClasspath));
    files.forEach(file -> args.add(file.toString()));
    int status = javac.run(null, null, System.err, args.toArray(String[]::new));
    if (status != 0) {
      throw new IllegalStateException("javac failed (" + status + ") compiling " + out);
    }
  }
}
