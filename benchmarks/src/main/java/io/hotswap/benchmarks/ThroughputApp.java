package io.hotswap.benchmarks;

import java.nio.file.Path;
import java.util.List;

/**
 * The application {@link CompatThroughput}'s paired wrk runs measure, plain Vert.x against hotswap:
 * {@link #COMPAT}, an unmodified vertx-web application ({@link CompatThroughputApp}) run by {@link
 * CompatThroughputServer} on plain Vert.x or in compat mode; or {@link #BINDING}, {@link
 * HelloHandler} as {@link ServerMain} serves it, on plain Vert.x or bound through a hotswap HTTP
 * endpoint from the generated 30-class module (the binding API), on one event loop.
 *
 * <p>Immutable and thread-safe.
 */
enum ThroughputApp {
  /** Compat mode: an unmodified vertx-web application, one HTTP verticle instance. */
  COMPAT("compat-throughput", CompatThroughputApp.PATH, CompatThroughputApp.BODY) {
    @Override
    Path prepare() {
      return CompatThroughputApp.compile();
    }

    @Override
    List<String> command(String mode, Path code, int port) {
      return List.of(
          CompatThroughputServer.class.getName(), mode, code.toString(), Integer.toString(port));
    }
  },

  /** The binding API: {@link HelloHandler} through a hotswap HTTP endpoint, one event loop. */
  BINDING("binding-throughput", "/", HelloHandler.BODY) {
    @Override
    Path prepare() {
      Path code = BenchPaths.freshDir("code-binding-throughput-");
      ModuleGenerator.module(30).installInto(code);
      return code;
    }

    @Override
    List<String> command(String mode, Path code, int port) {
      return List.of(
          ServerMain.class.getName(), mode, Integer.toString(port), "-1", "1", code.toString());
    }
  };

  private final String label;
  private final String path;
  private final String body;

  ThroughputApp(String label, String path, String body) {
    this.label = label;
    this.path = path;
    this.body = body;
  }

  /** The name of its output files ({@code <label>.json}, {@code <label>-<mode>-<pair>.log}). */
  String label() {
    return label;
  }

  /** The measured path. */
  String path() {
    return path;
  }

  /** The body the measured path answers. */
  String body() {
    return body;
  }

  /** Builds what the servers run (compiled application or installed module); returns its dir. */
  abstract Path prepare();

  /**
   * The main class and arguments of a server in {@code mode} serving {@code code} on {@code port}.
   */
  abstract List<String> command(String mode, Path code, int port);

  /** {@code compat} or {@code binding}. */
  static ThroughputApp parse(String name) {
    return switch (name) {
      case "compat" -> COMPAT;
      case "binding" -> BINDING;
      default -> throw new IllegalArgumentException("--app is compat or binding, was " + name);
    };
  }
}
