package app.forms;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.stream.Collectors;

/** An HTML form posted url-encoded, and a multipart upload, both through BodyHandler. */
public class MainVerticle extends VerticleBase {
  static final String VERSION = "@VERSION@";

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create()
        .setUploadsDirectory(System.getProperty("java.io.tmpdir") + "/catalogue-uploads")
        .setDeleteUploadedFilesOnEnd(true)
        .setBodyLimit(1024 * 1024));
    router.get("/form").handler(ctx -> ctx.response()
        .putHeader("content-type", "text/html")
        .end("<form method=post action=/form><input name=title><input type=submit></form> " + VERSION));
    router.post("/form").handler(ctx -> ctx.response().end(VERSION + " form " + describe(ctx.request().formAttributes())));
    router.post("/upload").handler(ctx -> {
      StringBuilder answer = new StringBuilder(VERSION + " upload " + describe(ctx.request().formAttributes()));
      for (FileUpload upload : ctx.fileUploads()) {
        String content = vertx.fileSystem().readFileBlocking(upload.uploadedFileName()).toString();
        answer.append("\n").append(upload.name()).append(" ").append(upload.fileName())
            .append(" ").append(upload.contentType()).append(" ").append(upload.size())
            .append(" [").append(content).append("]");
      }
      ctx.response().end(answer.toString());
    });
    return vertx.createHttpServer()
        .requestHandler(router)
        .listen(Integer.getInteger("http.port", 8080));
  }

  private static String describe(MultiMap form) {
    return form.names().stream()
        .sorted()
        .map(name -> name + "=" + String.join("|", form.getAll(name)))
        .collect(Collectors.joining("&"));
  }
}
