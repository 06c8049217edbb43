package io.hotswap.testing;

import io.hotswap.loader.testing.JavaSourceCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An unmodified Vert.x application that fills the library caches real applications fill: it maps
 * POJOs with Vert.x's Jackson codec ({@code rc.body().asPojo}, {@code JsonObject.mapFrom}, {@code
 * mapTo}), registers an event-bus codec by name ({@code pojo}) and a default codec for a body class
 * ({@code item}), sends POJOs through both, and keeps an object of its own classes in a shared-data
 * local map and a local async map. {@code POST /pojo {"name":"a"}} answers {@code
 * {"name":"a@v1","items":1,"version":"v1"}}.
 */
public final class PojoApp {
  /** The main verticle's class name. */
  public static final String MAIN = "pojo.app.MainVerticle";

  /** The shared-data local map the application writes. */
  public static final String LOCAL_MAP = "pojo.app.holders";

  private static final String MAIN_SOURCE =
      """
      package pojo.app;

      import io.vertx.core.AbstractVerticle;
      import io.vertx.core.Promise;
      import io.vertx.core.eventbus.DeliveryOptions;
      import io.vertx.core.json.JsonObject;
      import io.vertx.ext.web.Router;
      import io.vertx.ext.web.handler.BodyHandler;

      public class MainVerticle extends AbstractVerticle {
        static final String VERSION = "%VERSION%";

        @Override
        public void start(Promise<Void> startPromise) {
          %MODULE%
          vertx.eventBus().registerCodec(new PojoCodec());
          vertx.eventBus().registerDefaultCodec(Item.class, new ItemCodec());
          vertx.sharedData().getLocalMap("%MAP%").put("holder-" + VERSION, new Holder(VERSION));
          vertx.sharedData().getLocalMap("%MAP%").put("client-" + VERSION, new ClientHolder(vertx.createHttpClient()));
          vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions().setShared(true).setName("pojo-shared"));
          vertx.eventBus().<Pojo>consumer("pojo.echo", message -> {
            Pojo in = message.body();
            message.reply(new Pojo(in.name + "@" + VERSION), new DeliveryOptions().setCodecName("pojo"));
          });
          vertx.eventBus().<Item>consumer("item.count", message ->
              message.reply(JsonObject.mapFrom(message.body()).put("items", 1)));
          Router router = Router.router(vertx);
          router.route().handler(BodyHandler.create());
          router.post("/pojo").handler(rc -> {
            Pojo posted = rc.body().asPojo(Pojo.class);
            Pojo mapped = JsonObject.mapFrom(posted).mapTo(Pojo.class);
            vertx.eventBus().<Pojo>request("pojo.echo", mapped, new DeliveryOptions().setCodecName("pojo"))
                .compose(reply -> vertx.eventBus().<JsonObject>request("item.count", new Item(reply.body().name)))
                .onSuccess(reply -> rc.json(reply.body().put("version", VERSION)))
                .onFailure(rc::fail);
          });
          vertx.sharedData().<String, Holder>getLocalAsyncMap("pojo.app.async")
              .compose(map -> map.put("holder-" + VERSION, new Holder(VERSION)))
              .compose(put -> vertx.createHttpServer().requestHandler(router).listen(0))
              .<Void>mapEmpty()
              .onComplete(startPromise);
        }
      }
      """;

  private static final String POJO =
      """
      package pojo.app;

      public class Pojo {
        public String name;

        public Pojo() {}

        public Pojo(String name) {
          this.name = name;
        }
      }
      """;

  private static final String ITEM =
      """
      package pojo.app;

      public class Item {
        private String name;

        public Item() {}

        public Item(String name) {
          this.name = name;
        }

        public String getName() {
          return name;
        }

        public void setName(String name) {
          this.name = name;
        }
      }
      """;

  private static final String HOLDER =
      """
      package pojo.app;

      public class Holder implements io.vertx.core.shareddata.Shareable, java.io.Serializable {
        private static final long serialVersionUID = 1L;

        public final String version;

        public Holder(String version) {
          this.version = version;
        }
      }
      """;

  private static final String REGISTER_MODULE =
      "io.vertx.core.json.jackson.DatabindCodec.mapper().registerModule(new"
          + " com.fasterxml.jackson.databind.module.SimpleModule(\"pojo-module-\" + VERSION)"
          + ".addSerializer(Pojo.class, new PojoSerializer()));";

  private static final String POJO_SERIALIZER =
      """
      package pojo.app;

      import com.fasterxml.jackson.core.JsonGenerator;
      import com.fasterxml.jackson.databind.SerializerProvider;
      import com.fasterxml.jackson.databind.ser.std.StdSerializer;
      import java.io.IOException;

      public class PojoSerializer extends StdSerializer<Pojo> {
        private static final long serialVersionUID = 1L;

        public PojoSerializer() {
          super(Pojo.class);
        }

        @Override
        public void serialize(Pojo value, JsonGenerator out, SerializerProvider provider)
            throws IOException {
          out.writeStartObject();
          out.writeStringField("name", value.name);
          out.writeEndObject();
        }
      }
      """;

  private static final String CLIENT_HOLDER =
      """
      package pojo.app;

      public class ClientHolder implements io.vertx.core.shareddata.Shareable {
        public final io.vertx.core.http.HttpClient client;

        public ClientHolder(io.vertx.core.http.HttpClient client) {
          this.client = client;
        }
      }
      """;

  private static final String CODEC =
      """
      package pojo.app;

      import io.vertx.core.buffer.Buffer;
      import io.vertx.core.eventbus.MessageCodec;

      public class %CLASS% implements MessageCodec<%TYPE%, %TYPE%> {
        @Override
        public void encodeToWire(Buffer buffer, %TYPE% body) {
          byte[] bytes = %GET%.getBytes(java.nio.charset.StandardCharsets.UTF_8);
          buffer.appendInt(bytes.length).appendBytes(bytes);
        }

        @Override
        public %TYPE% decodeFromWire(int pos, Buffer buffer) {
          int length = buffer.getInt(pos);
          return new %TYPE%(buffer.getString(pos + 4, pos + 4 + length));
        }

        @Override
        public %TYPE% transform(%TYPE% body) {
          return new %TYPE%(%GET%);
        }

        @Override
        public String name() {
          return "%NAME%";
        }

        @Override
        public byte systemCodecID() {
          return -1;
        }
      }
      """;

  private PojoApp() {}

  /** Compiles version {@code version} into a fresh directory under {@code workDir}. */
  public static Path compile(Path workDir, String version) {
    return compile(workDir, version, false);
  }

  /**
   * Compiles version {@code version}; with {@code jacksonModule} it also registers a Jackson module
   * with a serializer of its own on Vert.x's mapper, which Jackson cannot unregister.
   */
  public static Path compile(Path workDir, String version, boolean jacksonModule) {
    try {
      Path out = Files.createTempDirectory(workDir, "pojo-" + version + "-");
      Map<String, String> sources = new LinkedHashMap<>();
      sources.put(
          "pojo.app.MainVerticle",
          MAIN_SOURCE
              .replace("%VERSION%", version)
              .replace("%MAP%", LOCAL_MAP)
              .replace("%MODULE%", jacksonModule ? REGISTER_MODULE : ""));
      sources.put("pojo.app.PojoSerializer", POJO_SERIALIZER);
      sources.put("pojo.app.Pojo", POJO);
      sources.put("pojo.app.Item", ITEM);
      sources.put("pojo.app.Holder", HOLDER);
      sources.put("pojo.app.ClientHolder", CLIENT_HOLDER);
      sources.put("pojo.app.PojoCodec", codec("PojoCodec", "Pojo", "body.name", "pojo"));
      sources.put("pojo.app.ItemCodec", codec("ItemCodec", "Item", "body.getName()", "item"));
      JavaSourceCompiler.compile(out, sources);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String codec(String className, String type, String get, String name) {
    return CODEC
        .replace("%CLASS%", className)
        .replace("%TYPE%", type)
        .replace("%GET%", get)
        .replace("%NAME%", name);
  }
}
