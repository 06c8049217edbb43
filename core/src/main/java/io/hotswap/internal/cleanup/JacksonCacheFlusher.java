package io.hotswap.internal.cleanup;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializerCache;
import com.fasterxml.jackson.databind.ser.DefaultSerializerProvider;
import io.hotswap.loader.cleanup.CleanupReport;
import io.hotswap.loader.cleanup.LeakPattern;
import io.hotswap.loader.cleanup.RetiredCode;
import io.vertx.core.json.jackson.DatabindCodec;
import java.lang.reflect.Field;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flushes the caches of Vert.x's Jackson mapper ({@code DatabindCodec.mapper()}, behind {@code
 * JsonObject.mapFrom}, {@code json.mapTo(Pojo.class)} and vertx-web's {@code body().asPojo}):
 * Jackson is a parent-first host library, and its serializer, deserializer, root-deserializer and
 * type caches keep the classes of every POJO mapped, so a retired generation's loader would stay
 * reachable. The root deserializers of the generation's types are removed one by one; the
 * serializer, deserializer and type caches have no per-class removal and are flushed whole (the
 * live generation's types are introspected again on first use, once).
 *
 * <p>The deserializer cache and the root deserializers are protected fields: read by reflection on
 * a host library on the class path, no flag needed. Stateless; thread-safe as Jackson's caches are.
 */
final class JacksonCacheFlusher implements LeakPattern {
  private static final Logger LOG = LoggerFactory.getLogger(JacksonCacheFlusher.class);

  @Override
  public void clean(RetiredCode code, CleanupReport report) {
    ObjectMapper mapper;
    try {
      mapper = DatabindCodec.mapper();
    } catch (LinkageError noDatabind) {
      return; // jackson-databind is not on the host class path: nothing was mapped
    }
    int roots = removeRootDeserializers(mapper, code);
    if (mapper.getSerializerProviderInstance() instanceof DefaultSerializerProvider provider) {
      provider.flushCachedSerializers();
    }
    DeserializerCache deserializers = deserializerCache(mapper.getDeserializationContext());
    if (deserializers != null) {
      deserializers.flushCachedDeserializers();
    }
    mapper.getTypeFactory().clearCache();
    if (roots > 0) {
      report.released(roots + " Jackson root deserializer(s)");
    }
  }

  @Override
  public void findHolders(RetiredCode code, java.util.List<String> holders) {
    try {
      Map<?, ?> roots = rootDeserializers(DatabindCodec.mapper());
      ObjectMapper mapper = DatabindCodec.mapper();
      for (String kind : JacksonModules.of(mapper, code)) {
        holders.add(
            "Jackson "
                + kind
                + " of its classes registered on Vert.x's mapper (DatabindCodec.mapper()"
                + ".registerModule cannot be undone: use an ObjectMapper of its own)");
      }
      if (roots != null
          && roots.keySet().stream()
              .anyMatch(
                  type ->
                      type instanceof com.fasterxml.jackson.databind.JavaType javaType
                          && code.owns(javaType.getRawClass()))) {
        holders.add("the root deserializers of Vert.x's Jackson mapper (DatabindCodec)");
      }
    } catch (LinkageError noDatabind) {
      // nothing mapped
    }
  }

  private static int removeRootDeserializers(ObjectMapper mapper, RetiredCode code) {
    Map<?, ?> roots = rootDeserializers(mapper);
    if (roots == null) {
      return 0;
    }
    int before = roots.size();
    roots
        .keySet()
        .removeIf(
            type ->
                type instanceof com.fasterxml.jackson.databind.JavaType javaType
                    && (code.owns(javaType.getRawClass())
                        || javaType.getBindings().getTypeParameters().stream()
                            .anyMatch(parameter -> code.owns(parameter.getRawClass()))));
    return before - roots.size();
  }

  private static Map<?, ?> rootDeserializers(ObjectMapper mapper) {
    return (Map<?, ?>) read(ObjectMapper.class, "_rootDeserializers", mapper);
  }

  private static DeserializerCache deserializerCache(DeserializationContext context) {
    return (DeserializerCache) read(DeserializationContext.class, "_cache", context);
  }

  private static Object read(Class<?> type, String name, Object target) {
    try {
      Field field = type.getDeclaredField(name);
      field.setAccessible(true);
      return field.get(target);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.debug("cannot read {}.{}: {}", type.getName(), name, e.toString());
      return null;
    }
  }
}
