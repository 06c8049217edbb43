package app.launcher;

import io.vertx.launcher.application.VertxApplication;

/** The application's main class: the Vert.x launcher, deploying the manifest's Main-Verticle. */
public class Main extends VertxApplication {

  public Main(String[] args) {
    super(args);
  }

  public static void main(String[] args) {
    int code = new Main(args).launch();
    if (code != 0) {
      System.exit(code);
    }
  }
}
